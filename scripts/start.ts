/**
 * `npm start`: everything a person needs on a laptop with no account.
 * - the site with its Netlify Functions and Blobs emulated (astro dev + @astrojs/netlify)
 *   at http://localhost:4321/
 * - Decap's local backend (decap-server) on 127.0.0.1:8081, so the CMS at
 *   http://localhost:4321/admin/ edits content/ without an account. In a git checkout it
 *   runs in git mode: changes wait in the editorial workflow (branches cms/<collection>/
 *   <slug>) as on GitHub, which is where partners' proposals from /partner/ arrive too.
 *   DECAP_MODE=fs edits the files directly instead (and outside a git checkout).
 * Without RESEND_API_KEY, mail goes to .outbox/ (listed at /dev/outbox/).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const bin = (name: string) => join(process.cwd(), 'node_modules', '.bin', name);
const children: ChildProcess[] = [];

function run(name: string, command: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  child.on('exit', (code, signal) => {
    if (signal === 'SIGTERM' || signal === 'SIGINT') return;
    console.error(`${name} ist beendet (Code ${code}). Alles wird gestoppt.`);
    stop(code ?? 1);
  });
  children.push(child);
}

function stop(code = 0) {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const decapPort = process.env.DECAP_PORT ?? '8081';
const head = spawnSync('git', ['symbolic-ref', '--quiet', '--short', 'HEAD'], { cwd: process.cwd(), encoding: 'utf8' });
const isGitCheckout = head.status === 0;
const decapMode = process.env.DECAP_MODE ?? (isGitCheckout ? 'git' : 'fs');
run('decap-server', bin('decap-server'), [], { PORT: decapPort, BIND_HOST: '127.0.0.1', MODE: decapMode, GIT_REPO_DIRECTORY: process.cwd() });
// The CMS looks for decap-server where this says (admin/config/cms-data.ts).
run('astro dev', bin('astro'), ['dev', '--port', process.env.PORT ?? '4321'], {
  ASTRO_TELEMETRY_DISABLED: '1',
  PUBLIC_CMS_LOCAL_BACKEND_URL: process.env.PUBLIC_CMS_LOCAL_BACKEND_URL ?? `http://localhost:${decapPort}/api/v1`,
  // Decap's workflow branches and the partner functions' commits start from the checked-out branch.
  ...(isGitCheckout && !process.env.PUBLIC_CMS_BRANCH ? { PUBLIC_CMS_BRANCH: head.stdout.trim() } : {}),
});
