/**
 * The site as Netlify runs it: `netlify serve --offline` over the built dist/ and the
 * production bundles of functions/ (real rewrites, `_headers`, function routing, the local
 * Blobs server), with the Resend fake in a process of its own.
 *
 * One server per configuration per test run, shared by every test file that asks for it:
 * the first worker to call `netlifyServe({ name })` starts it (an atomic mkdir decides
 * who), the others wait for it to be ready; tests/setup/netlify-serve.ts stops them all at
 * the end of the run. A configuration is a name plus the environment its functions see
 * (e.g. a low rate limit for burst tests); ask for the same name with the same env.
 *
 * The build is the one the global setup made (tests/setup/build-site.ts): the server runs
 * from a shadow copy of the project (symlinks, its own .netlify/ and Blobs directory) whose
 * netlify.toml has no build command, so it only bundles the functions (a few seconds).
 *
 * Outside vitest (benchmarks), set QN_SERVE_RUN_DIR yourself or call `startServeRun()`,
 * and `stopServeRun()` when done.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseToml, stringify as stringifyToml } from 'smol-toml';
import type { Contact, DeliveredEmail, RecordedRequest } from './resend-fake.ts';
import type { RandomPolicy } from './resend-fake-process.ts';

export const SERVE_RUN_DIR_VARIABLE = 'QN_SERVE_RUN_DIR';

/** Secrets and settings every served configuration gets unless it overrides them. */
export const SERVE_DEFAULT_ENV: Record<string, string> = {
  RESEND_API_KEY: 're_test_served_functions',
  NEWSLETTER_SECRET: 'served-test-newsletter-secret-0123456789abcdef',
  QN_RATE_LIMIT_SALT: 'served-test-rate-limit-salt-0123456789abcdef',
  PARTNER_SECRET: 'served-test-partner-secret-0123456789abcdef',
};

export interface RemoteResendFake {
  url: string;
  delivered(): Promise<DeliveredEmail[]>;
  requests(): Promise<RecordedRequest[]>;
  state(): Promise<{ contacts: Contact[]; topics: unknown[]; segments: unknown[]; broadcasts: unknown[] }>;
  reset(): Promise<void>;
  failNext(n: number, status?: number, path?: RegExp): Promise<void>;
  hangNext(n: number, options?: { path?: RegExp; afterDelivery?: boolean }): Promise<void>;
  /** A seeded share of requests fails or hangs; `undefined` clears it. */
  setPolicy(policy: RandomPolicy | undefined): Promise<void>;
}

export interface ServedSite {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  url: string;
  resend: RemoteResendFake;
  /** The shadow project root the server runs in (its .netlify/ holds the local Blobs). */
  root: string;
  /** Where `netlify serve` keeps the local Blobs stores of this server. */
  blobsDirectory: string;
  /** The server's own output, for failure messages. */
  log(): string;
}

export interface ServeOptions {
  /** One server per name per run; use a name that says what is special about it. */
  name?: string;
  /** Environment the functions see, on top of SERVE_DEFAULT_ENV. */
  env?: Record<string, string>;
  /** Project to serve (default: the current directory, which must hold a fresh dist/). */
  projectRoot?: string;
}

interface ReadyFile {
  url: string;
  resendUrl: string;
  resendControlUrl: string;
  root: string;
}

const START_TIMEOUT_MS = 240_000;

function runDir(): string {
  const dir = process.env[SERVE_RUN_DIR_VARIABLE];
  if (!dir) throw new Error(`${SERVE_RUN_DIR_VARIABLE} is not set: tests get it from tests/setup/netlify-serve.ts (vitest globalSetup); scripts call startServeRun() first.`);
  return dir;
}

/** For scripts: a run directory of their own (sets QN_SERVE_RUN_DIR in this process). */
export function startServeRun(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qn-serve-run-'));
  process.env[SERVE_RUN_DIR_VARIABLE] = dir;
  return dir;
}

/** Stops every server and fake the run started and removes their shadow roots. */
export async function stopServeRun(dir = process.env[SERVE_RUN_DIR_VARIABLE]): Promise<void> {
  if (!dir || !existsSync(dir)) return;
  const groups: number[] = [];
  for (const name of readdirSync(dir)) {
    const pids = join(dir, name, 'pids');
    if (existsSync(pids)) groups.push(...readFileSync(pids, 'utf8').split('\n').filter(Boolean).map(Number));
  }
  for (const pid of groups) signalGroup(pid, 'SIGTERM');
  if (groups.length) await new Promise((r) => setTimeout(r, 1500));
  for (const pid of groups) signalGroup(pid, 'SIGKILL');
  for (const name of readdirSync(dir)) {
    const root = join(dir, name, 'root.txt');
    if (existsSync(root)) rmSync(readFileSync(root, 'utf8'), { recursive: true, force: true });
  }
  rmSync(dir, { recursive: true, force: true });
}

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** Netlify's function bundler refuses sources reached through a symlink: these are copied. */
const COPIED = new Set(['functions', 'src', 'package.json', 'tsconfig.json']);

/** A project root that shares everything with `source` except netlify.toml and .netlify/. */
function shadowRoot(source: string): string {
  const root = mkdtempSync(join(tmpdir(), 'qn-serve-root-'));
  for (const entry of readdirSync(source)) {
    if (entry === 'netlify.toml' || entry === '.netlify' || entry === '.git') continue;
    if (COPIED.has(entry)) cpSync(join(source, entry), join(root, entry), { recursive: true });
    else symlinkSync(join(source, entry), join(root, entry));
  }
  const config = parseToml(readFileSync(join(source, 'netlify.toml'), 'utf8')) as { build?: Record<string, unknown> };
  // dist/ is already built by the test run: Netlify only bundles the functions.
  if (config.build) delete config.build.command;
  writeFileSync(join(root, 'netlify.toml'), stringifyToml(config));
  return root;
}

/** The environment of the served functions: ours, without what belongs to the test worker. */
function serverEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(VITEST|TINYPOOL|NODE_OPTIONS$|NETLIFY_BLOBS_CONTEXT$|QN_GENERATED_DIR$|RESEND_BASE_URL$)/.test(key)) continue;
    env[key] = value;
  }
  const bin = resolve('node_modules/.bin');
  env.PATH = `${bin}:${env.PATH ?? ''}`;
  env.BROWSER = 'none';
  env.NETLIFY_TELEMETRY_DISABLED = '1';
  return { ...env, ...SERVE_DEFAULT_ENV, ...extra };
}

async function startResendProcess(dir: string, log: number): Promise<{ url: string; controlUrl: string; pid: number }> {
  const child = spawn(process.execPath, [resolve('tests/helpers/resend-fake-process.ts')], { detached: true, stdio: ['ignore', 'pipe', log] });
  child.unref();
  const line = await new Promise<string>((resolveLine, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('The Resend fake did not start within 20 s.')), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const newline = buffer.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        resolveLine(buffer.slice(0, newline));
      }
    });
    child.on('exit', (code) => reject(new Error(`The Resend fake exited with ${code}.`)));
  });
  child.stdout!.destroy();
  writeFileSync(join(dir, 'pids'), `${child.pid}\n`, { flag: 'a' });
  return { ...(JSON.parse(line) as { url: string; controlUrl: string }), pid: child.pid! };
}

async function waitForHttp(url: string, deadline: number, logFile: string, exited: () => number | null): Promise<void> {
  while (Date.now() < deadline) {
    if (exited() !== null) throw new Error(`netlify serve exited with ${exited()} before it answered. Its output:\n${tail(logFile)}`);
    if (/Out of bound path|Error: Could not|Failed to bundle/.test(tail(logFile, 400))) throw new Error(`netlify serve failed to start. Its output:\n${tail(logFile)}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`netlify serve did not answer at ${url} within ${START_TIMEOUT_MS / 1000} s. Its output:\n${tail(logFile)}`);
}

function tail(file: string, lines = 60): string {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '(no output)';
}

async function start(dir: string, options: ServeOptions): Promise<ReadyFile> {
  const project = resolve(options.projectRoot ?? '.');
  if (!existsSync(join(project, 'dist', 'index.html'))) throw new Error(`${project}/dist/ is not built: the global setup builds it before the tests.`);
  const logFile = join(dir, 'serve.log');
  const log = openSync(logFile, 'a');
  const resend = await startResendProcess(dir, log);
  const root = shadowRoot(project);
  writeFileSync(join(dir, 'root.txt'), root);
  const [port, functionsPort, staticPort] = [await freePort(), await freePort(), await freePort()];
  // netlify serve runs every invocation in a new worker that imports the bundle afresh;
  // Node's compile cache spares each worker compiling the same code again.
  const env = serverEnvironment({ RESEND_BASE_URL: resend.url, NODE_COMPILE_CACHE: join(dir, 'compile-cache'), ...options.env });
  const child = spawn(
    join(project, 'node_modules/.bin/netlify'),
    ['serve', '--offline', '--port', String(port), '--functions-port', String(functionsPort), '--staticServerPort', String(staticPort)],
    { cwd: root, env, detached: true, stdio: ['ignore', log, log] },
  );
  child.unref();
  let exitCode: number | null = null;
  child.on('exit', (code) => (exitCode = code ?? -1));
  writeFileSync(join(dir, 'pids'), `${child.pid}\n`, { flag: 'a' });
  const url = `http://127.0.0.1:${port}`;
  // The static server answers before the functions are loaded: wait for a function too.
  await waitForHttp(`${url}/`, Date.now() + START_TIMEOUT_MS, logFile, () => exitCode);
  await waitForHttp(`${url}/api/contact`, Date.now() + START_TIMEOUT_MS, logFile, () => exitCode);
  return { url, resendUrl: resend.url, resendControlUrl: resend.controlUrl, root };
}

async function waitForReady(dir: string): Promise<ReadyFile> {
  const deadline = Date.now() + START_TIMEOUT_MS + 30_000;
  while (Date.now() < deadline) {
    if (existsSync(join(dir, 'ready.json'))) return JSON.parse(readFileSync(join(dir, 'ready.json'), 'utf8')) as ReadyFile;
    if (existsSync(join(dir, 'error.txt'))) throw new Error(readFileSync(join(dir, 'error.txt'), 'utf8'));
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Waited too long for the shared netlify serve in ${dir}.`);
}

function remoteFake(url: string, controlUrl: string): RemoteResendFake {
  const get = async (path: string) => (await fetch(controlUrl + path)).json();
  const post = async (path: string, body: unknown = {}) => {
    const response = await fetch(controlUrl + path, { method: 'POST', body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`Resend fake control ${path}: ${await response.text()}`);
  };
  return {
    url,
    delivered: () => get('/delivered'),
    requests: () => get('/requests'),
    state: () => get('/state'),
    reset: () => post('/reset'),
    failNext: (n, status = 500, path) => post('/fail', { n, status, path: path?.source }),
    hangNext: (n, options = {}) => post('/hang', { n, path: options.path?.source, afterDelivery: options.afterDelivery }),
    setPolicy: (policy) => post('/policy', policy ?? {}),
  };
}

/** The shared server for this configuration, started on first use. */
export async function netlifyServe(options: ServeOptions = {}): Promise<ServedSite> {
  const name = options.name ?? 'default';
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`Server name "${name}": use a-z, 0-9 and -.`);
  const dir = join(runDir(), name);
  let ready: ReadyFile;
  let starter = false;
  try {
    mkdirSync(dir); // atomic: exactly one caller per run gets here first
    starter = true;
  } catch {
    // somebody else starts it
  }
  if (starter) {
    writeFileSync(join(dir, 'env.json'), JSON.stringify(options.env ?? {}));
    try {
      ready = await start(dir, options);
      writeFileSync(join(dir, 'ready.json'), JSON.stringify(ready));
    } catch (error) {
      writeFileSync(join(dir, 'error.txt'), String((error as Error).message ?? error));
      throw error;
    }
  } else {
    ready = await waitForReady(dir);
    const env = JSON.parse(readFileSync(join(dir, 'env.json'), 'utf8'));
    if (JSON.stringify(env) !== JSON.stringify(options.env ?? {})) {
      throw new Error(`Server "${name}" was started with another environment (${JSON.stringify(env)}): give this configuration its own name.`);
    }
  }
  return {
    url: ready.url,
    resend: remoteFake(ready.resendUrl, ready.resendControlUrl),
    root: ready.root,
    blobsDirectory: join(ready.root, '.netlify', 'blobs-serve'),
    log: () => tail(join(dir, 'serve.log')),
  };
}
