/**
 * `npm start` in a throw-away git clone of the project (never this worktree's content),
 * for browser tests that drive what a person does on a laptop: the site with its
 * functions under astro dev, and decap-server in git mode on the clone, each on a free
 * loopback port. The Decap page is the project's own build (dist/admin/, made by the test
 * setup) pointed at that decap-server: under astro dev, Vite's first bundling of Decap
 * takes many minutes on the shared machine. Used by the partner and board browser tests.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../cms/cms-env.ts';
import { serveSite, type SiteServer } from './static-server.ts';

const PROJECT = resolve('.');
const BIN = join(PROJECT, 'node_modules/.bin');

export interface StartedClone {
  /** The clone's root. */
  root: string;
  /** http://localhost:<port> of astro dev. */
  origin: string;
  decapPort: number;
  git(...args: string[]): string;
  /** /admin/ of the project's build, talking to this clone's decap-server. */
  admin(): Promise<string>;
  stop(): Promise<void>;
}

/** The environment a person's shell would have: without what Vitest sets for itself. */
function shellEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(VITEST|NODE_ENV$|TEST$|QN_SKIP_BUILD$|QN_GENERATED_DIR$|QN_OUTBOX_DIR$|QN_PUBLIC_URL$)/.test(name)));
}

export async function startClone(options: { prefix: string; env?: Record<string, string>; waitPath?: string; timeoutMs?: number }): Promise<StartedClone> {
  const root = mkdtempSync(join(tmpdir(), options.prefix));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
  execFileSync('git', ['clone', '--quiet', PROJECT, root]);
  git('checkout', '--quiet', '-B', 'main');
  git('config', 'user.name', 'Sozialbüro (Test)');
  git('config', 'user.email', 'sozialbuero@example.org');
  symlinkSync(realpathSync(join(PROJECT, 'node_modules')), join(root, 'node_modules'));
  const port = await freePort();
  let decapPort = await freePort();
  while (decapPort === port) decapPort = await freePort();
  const origin = `http://localhost:${port}`;
  const server: ChildProcess = spawn(process.execPath, ['scripts/start.ts'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'ignore', 'ignore'],
    // Vitest's own variables (NODE_ENV=test, VITEST…) would change how astro dev behaves.
    env: { ...shellEnv(), PATH: `${BIN}:${process.env.PATH}`, PORT: String(port), DECAP_PORT: String(decapPort), QN_OUTBOX_DIR: join(root, '.outbox'), GITHUB_TOKEN: '', NETLIFY_BLOBS_CONTEXT: '', ...options.env },
  });
  let admin: SiteServer | undefined;
  const stop = async () => {
    await admin?.close();
    if (server.pid && server.exitCode === null) {
      const exited = new Promise((done) => server.once('exit', done));
      try {
        process.kill(-server.pid, 'SIGTERM');
        await Promise.race([exited, new Promise((done) => setTimeout(done, 10_000))]);
      } catch {
        // already gone
      }
    }
    // The dev server's last writes may still land while it stops: retry the removal.
    rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
  };
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  const url = `${origin}${options.waitPath ?? '/'}`;
  for (;;) {
    if (server.exitCode !== null) {
      await stop();
      throw new Error(`npm start exited with ${server.exitCode}`);
    }
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${url} did not answer within ${options.timeoutMs ?? 180_000} ms`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    root,
    origin,
    decapPort,
    git,
    async admin() {
      if (!admin) {
        const html = readFileSync(join(PROJECT, 'dist/admin/index.html'), 'utf8').replace('"backend":{', `"backend":{"localBackendUrl":"http://localhost:${decapPort}/api/v1",`);
        if (!html.includes(`localhost:${decapPort}`)) throw new Error('dist/admin/index.html has no backend settings to point at decap-server');
        admin = await serveSite({ root: join(PROJECT, 'dist'), routes: { '/admin/': () => new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } }) } });
      }
      return `${admin.url.replace('127.0.0.1', 'localhost')}/admin/`;
    },
    stop,
  };
}
