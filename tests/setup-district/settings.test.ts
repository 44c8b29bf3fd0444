/**
 * `npm run setup:check`, the production build gate and the deploy template, as a new
 * district meets them: every setting from the one list, in German, with the real resend
 * SDK and Octokit reading local fakes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { SETTINGS, productionGateMessage, templateDescription, templateSettings } from '../../src/lib/setup/settings.ts';
import { startResendFake, type ResendFake } from '../helpers/resend-fake.ts';
import { copyProject, type ProjectCopy } from '../helpers/project-copy.ts';

const ROOT = resolve('.');
const SECRET = 'x'.repeat(40);

/** The environment without any of the site's settings (as on a fresh laptop). */
function bareEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const setting of SETTINGS) delete env[setting.name];
  delete env.CONTEXT;
  delete env.RESEND_BASE_URL;
  delete env.GITHUB_API_URL;
  return { ...env, ...extra };
}

/** Asynchronous: the fakes answer from this very process, which a spawnSync would block. */
function setupCheck(env: NodeJS.ProcessEnv, args: string[] = []): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/setup-check.ts'), ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/** A local GitHub REST fake for the two reads the check makes. */
function startGitHubFake(permissions: { push: boolean }): Promise<{ url: string; server: Server; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== 'token github_pat_valid0123456789') return json(401, { message: 'Bad credentials' });
    if (req.url === '/repos/sozialbuero/quartiersnetz') return json(200, { full_name: 'sozialbuero/quartiersnetz', permissions: { admin: false, push: permissions.push, pull: true } });
    if (req.url?.startsWith('/repos/sozialbuero/quartiersnetz/pulls')) return json(200, []);
    json(404, { message: 'Not Found' });
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, requests })));
}

let resend: ResendFake;
beforeAll(async () => {
  resend = await startResendFake();
});
afterAll(async () => {
  await resend.close();
});

/** Every required setting, well-formed, pointing at the fakes. */
function completeEnv(github: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return bareEnv({
    CONTEXT: 'production',
    RESEND_API_KEY: 're_fulltestkey_0123456789',
    RESEND_BASE_URL: resend.url,
    NEWSLETTER_SECRET: SECRET,
    QN_RATE_LIMIT_SALT: SECRET,
    PARTNER_SECRET: SECRET,
    PUBLIC_CMS_REPO: 'sozialbuero/quartiersnetz',
    GITHUB_TOKEN: 'github_pat_valid0123456789',
    GITHUB_REPO: 'sozialbuero/quartiersnetz',
    GITHUB_API_URL: github,
    ...extra,
  });
}

describe('npm run setup:check', () => {
  it('lists every production setting as missing, in German; exit 0 on a laptop, 1 in production', async () => {
    const laptop = await setupCheck(bareEnv());
    expect(laptop.status).toBe(0);
    for (const setting of SETTINGS.filter((s) => s.requiredInProduction)) {
      expect(laptop.stdout).toContain(`${setting.name}: fehlt – für den Betrieb nötig.`);
    }
    expect(laptop.stdout).toContain('Lokal ist alles bereit');
    const production = await setupCheck(bareEnv({ CONTEXT: 'production' }));
    expect(production.status).toBe(1);
    expect(production.stdout).toMatch(/Noch zu tun: RESEND_API_KEY, NEWSLETTER_SECRET/);
  });

  it('is all green with every setting set and the fakes accepting the keys', async () => {
    resend.state.domains.set('example.org', { id: 'd1', name: 'example.org', status: 'verified' });
    const github = await startGitHubFake({ push: true });
    try {
      const result = await setupCheck(completeEnv(github.url));
      expect(result.stdout).toContain('RESEND_API_KEY: Schlüssel gültig, Absender-Domain „example.org“ bestätigt.');
      expect(result.stdout).toContain('GITHUB_TOKEN: Schlüssel gültig');
      expect(result.stdout).toContain('Alles eingerichtet.');
      expect(result.status).toBe(0);
      expect(github.requests).toEqual(['GET /repos/sozialbuero/quartiersnetz', 'GET /repos/sozialbuero/quartiersnetz/pulls?per_page=1']);
      // Nothing was sent or changed at Resend: only the domain list was read.
      expect(resend.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /domains']);
    } finally {
      github.server.close();
      resend.requests.length = 0;
    }
  });

  it('names a malformed secret, a sending-only Resend key, an unverified domain and a token that cannot write', async () => {
    const github = await startGitHubFake({ push: false });
    try {
      resend.state.domains.set('example.org', { id: 'd1', name: 'example.org', status: 'pending' });
      const result = await setupCheck(completeEnv(github.url, { PARTNER_SECRET: 'kurz' }));
      expect(result.status).toBe(1);
      expect(result.stdout).toContain('✗ PARTNER_SECRET ist nur 4 Zeichen lang');
      expect(result.stdout).toContain('„example.org“ ist bei Resend noch nicht bestätigt (Status: pending)');
      expect(result.stdout).toContain('darf „sozialbuero/quartiersnetz“ lesen, aber nicht schreiben');
      expect(result.stdout).not.toContain('kurz');
      const restricted = await setupCheck(completeEnv(github.url, { RESEND_API_KEY: 're_sendonly_0123456789' }));
      expect(restricted.status).toBe(1);
      expect(restricted.stdout).toContain('Der Schlüssel darf nur senden');
      const badToken = await setupCheck(completeEnv(github.url, { GITHUB_TOKEN: 'github_pat_revoked0123456789' }));
      expect(badToken.stdout).toContain('GitHub lehnt den Schlüssel ab');
    } finally {
      github.server.close();
    }
  });
});

describe('deploy template', () => {
  it('netlify.toml asks for exactly the settings production needs, each with its description', () => {
    const toml = parseToml(readFileSync('netlify.toml', 'utf8')) as { template?: { environment?: Record<string, string> } };
    const environment = toml.template?.environment ?? {};
    expect(Object.keys(environment).sort()).toEqual(templateSettings().map((s) => s.name).sort());
    for (const setting of templateSettings()) expect(environment[setting.name]).toBe(templateDescription(setting));
  });
});

describe('production build gate', () => {
  it('gates production only: deploy previews, branch deploys and laptops build without any setting', () => {
    expect(productionGateMessage({})).toBeUndefined();
    expect(productionGateMessage({ CONTEXT: 'deploy-preview' })).toBeUndefined();
    expect(productionGateMessage({ CONTEXT: 'branch-deploy' })).toBeUndefined();
    expect(productionGateMessage({ CONTEXT: 'production' })).toMatch(/7 Einstellungen fehlen/);
  });

  let copy: ProjectCopy;
  beforeAll(() => {
    copy = copyProject('qn-gate-');
  });
  afterAll(() => copy.remove());

  it('refuses a production build without RESEND_API_KEY, naming it and what to do', () => {
    const env = completeEnv('http://127.0.0.1:9', { ASTRO_TELEMETRY_DISABLED: '1' });
    delete env.RESEND_API_KEY;
    const result = spawnSync(join(ROOT, 'node_modules/.bin/astro'), ['build', '--silent'], { cwd: copy.root, env, encoding: 'utf8', timeout: 120_000 });
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.status).not.toBe(0);
    expect(output).toContain('Die Website geht so nicht online: eine Einstellung fehlt oder ist fehlerhaft.');
    expect(output).toContain('RESEND_API_KEY fehlt (für den Betrieb nötig)');
    expect(output).toContain('docs/einrichtung.md');
  });
});
