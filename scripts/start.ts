/**
 * `npm start`: everything a person needs on a laptop with no account.
 * - the site with its Netlify Functions and Blobs emulated (astro dev + @astrojs/netlify)
 *   at http://localhost:4321/
 * - Decap's local backend (decap-server, files mode) on 127.0.0.1:8081, so the CMS at
 *   http://localhost:4321/admin/ edits content/ directly
 * Without RESEND_API_KEY, mail goes to .outbox/ (listed at /dev/outbox/).
 */
import { spawn, type ChildProcess } from 'node:child_process';
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
run('decap-server', bin('decap-server'), [], { PORT: decapPort, BIND_HOST: '127.0.0.1', MODE: 'fs', GIT_REPO_DIRECTORY: process.cwd() });
// The CMS looks for decap-server where this says (admin/config/cms-data.ts).
run('astro dev', bin('astro'), ['dev', '--port', process.env.PORT ?? '4321'], {
  ASTRO_TELEMETRY_DISABLED: '1',
  PUBLIC_CMS_LOCAL_BACKEND_URL: process.env.PUBLIC_CMS_LOCAL_BACKEND_URL ?? `http://localhost:${decapPort}/api/v1`,
});
