/**
 * `npm start` in a throw-away git clone of the project (never this worktree's content),
 * for browser tests that drive what a person does on a laptop: the site with its
 * functions under astro dev, and decap-server in git mode on the clone, each on a free
 * loopback port. The Decap page is the project's own build (dist/admin/, made by the test
 * setup) pointed at that decap-server: under astro dev, Vite's first bundling of Decap
 * takes many minutes on the shared machine. Used by the partner and board browser tests.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

// One `npm start` clone at a time across the run's workers: two of them (astro dev, decap-server
// and a Chromium each) side by side on the 2-core CI machine made Decap's editor miss its
// 60 s steps in both tests at once, where each alone takes about 35 s.
const LOCK = join(tmpdir(), `quartiersnetz-npm-start-${Buffer.from(PROJECT).toString('hex').slice(-24)}.lock`);

function holderAlive(): boolean {
  try {
    const pid = Number(readFileSync(join(LOCK, 'pid'), 'utf8'));
    if (!pid) return true; // just taken, pid not written yet
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function takeTurn(timeoutMs: number): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      return () => rmSync(LOCK, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A worker that died without stopping its clone leaves the lock behind.
      if (!holderAlive()) rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`another npm start clone held ${LOCK} for ${timeoutMs} ms`);
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** The environment a person's shell would have: without what Vitest sets for itself. */
function shellEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(VITEST|NODE_ENV$|TEST$|QN_SKIP_BUILD$|QN_GENERATED_DIR$|QN_OUTBOX_DIR$|QN_PUBLIC_URL$)/.test(name)));
}

export async function startClone(options: { prefix: string; env?: Record<string, string>; waitPath?: string; timeoutMs?: number }): Promise<StartedClone> {
  const releaseTurn = await takeTurn(600_000);
  let root: string;
  let port: number;
  let decapPort: number;
  let server: ChildProcess;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
  try {
    root = mkdtempSync(join(tmpdir(), options.prefix));
    execFileSync('git', ['clone', '--quiet', PROJECT, root]);
    git('checkout', '--quiet', '-B', 'main');
    git('config', 'user.name', 'Sozialbüro (Test)');
    git('config', 'user.email', 'sozialbuero@example.org');
    symlinkSync(realpathSync(join(PROJECT, 'node_modules')), join(root, 'node_modules'));
    port = await freePort();
    decapPort = await freePort();
    while (decapPort === port) decapPort = await freePort();
    server = spawn(process.execPath, ['scripts/start.ts'], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'ignore', 'ignore'],
      // Vitest's own variables (NODE_ENV=test, VITEST…) would change how astro dev behaves.
      env: { ...shellEnv(), PATH: `${BIN}:${process.env.PATH}`, PORT: String(port), DECAP_PORT: String(decapPort), QN_OUTBOX_DIR: join(root, '.outbox'), GITHUB_TOKEN: '', NETLIFY_BLOBS_CONTEXT: '', ...options.env },
    });
  } catch (error) {
    releaseTurn();
    throw error;
  }
  const origin = `http://localhost:${port}`;
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
    releaseTurn();
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
