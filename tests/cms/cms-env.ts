/**
 * A throwaway copy of the project with the CMS running against it, as on an editor's
 * laptop: a decap-server (files mode) on a free loopback port edits the copy, and /admin/
 * is served on localhost (Decap uses the local backend only on localhost) from the run's
 * shared build pointed at that server (or, without one, from the copy built with
 * PUBLIC_CMS_LOCAL_BACKEND_URL). `rebuild()` builds the copy itself. Nothing here touches
 * the real content/.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeScaledProject, removeProject } from '../../scripts/lib/generate-offers.ts';
import { serveSite, type SiteServer } from '../helpers/static-server.ts';
import { TEST_NOW } from '../helpers/clock.ts';

const projectRoot = process.cwd();
const bin = join(projectRoot, 'node_modules/.bin');
/** The project's Node 24 first on PATH, as `npm run` does, for the `#!/usr/bin/env node` scripts. */
const PATH = `${bin}:${process.env.PATH ?? ''}`;

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Builds the project at `root` (its own dist/), with the fixed test clock. */
export function buildProject(root: string, env: Record<string, string> = {}): void {
  const result = spawnSync(join(projectRoot, 'node_modules/.bin/astro'), ['build', '--silent'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PATH, ASTRO_TELEMETRY_DISABLED: '1', QN_NOW: TEST_NOW, ...env },
  });
  if (result.status !== 0) throw new Error(`astro build failed in ${root}:\n${result.stdout}\n${result.stderr}`);
}

export interface CmsEnvironment {
  root: string;
  site: SiteServer;
  /** http://localhost:<port>: the origin Decap accepts for its local backend. */
  origin: string;
  rebuild(): Promise<void>;
  close(): Promise<void>;
}

async function waitForDecapServer(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`decap-server exited with ${child.exitCode}`);
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"action":"info"}' });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('decap-server did not answer within 15 s');
}

export async function startCmsEnvironment(): Promise<CmsEnvironment> {
  const root = makeScaledProject(projectRoot, 0);
  const decapPort = await freePort();
  const backendUrl = `http://localhost:${decapPort}/api/v1`;
  const decap = spawn(join(projectRoot, 'node_modules/.bin/decap-server'), [], {
    cwd: root,
    env: { ...process.env, PATH, PORT: String(decapPort), BIND_HOST: '127.0.0.1', MODE: 'fs', GIT_REPO_DIRECTORY: root, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const build = () => buildProject(root, { PUBLIC_CMS_LOCAL_BACKEND_URL: backendUrl });
  let site: SiteServer | undefined;
  try {
    // The CMS page is the run's shared build (tests/setup/build-site.ts) pointed at this
    // copy's decap-server, as PUBLIC_CMS_LOCAL_BACKEND_URL would: the copy is built only
    // when a test asks for its site (rebuild), not once per test file.
    const sharedAdmin = join(projectRoot, 'dist/admin/index.html');
    const adminHtml = existsSync(sharedAdmin) ? readFileSync(sharedAdmin, 'utf8').replace('"backend":{', `"backend":{"localBackendUrl":"${backendUrl}",`) : undefined;
    if (!adminHtml?.includes(backendUrl)) build();
    await waitForDecapServer(`http://127.0.0.1:${decapPort}/api/v1`, decap);
    site = adminHtml?.includes(backendUrl)
      ? await serveSite({ root: join(projectRoot, 'dist'), routes: { '/admin/': () => new Response(adminHtml, { headers: { 'content-type': 'text/html; charset=utf-8' } }) } })
      : await serveSite({ root: join(root, 'dist') });
  } catch (error) {
    decap.kill('SIGTERM');
    removeProject(root);
    throw error;
  }
  const origin = site.url.replace('127.0.0.1', 'localhost');
  return {
    root,
    site,
    origin,
    rebuild: async () => build(),
    close: async () => {
      await site.close();
      decap.kill('SIGTERM');
      removeProject(root);
    },
  };
}
