/**
 * `npm run partner:revoke -- <organisation>`: the office voids an organisation's links;
 * links issued afterwards work; a wrong name or missing Blobs access is refused in German
 * with nothing stored.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLink } from '../../functions/lib/partner/links.ts';
import { PROPOSAL_STORE } from '../../functions/lib/partner/proposals.ts';
import { issuePartnerToken } from '../../functions/lib/partner/token.ts';
import { store } from '../../functions/lib/stores.ts';
import { startPartnerEnv, type PartnerEnv } from './env.ts';

const ORG = 'kinderhauser-arbeitslosen-initiative';
const OTHER = 'jobcenter-muenster-kinderhaus';
let env: PartnerEnv;

/** Runs the script asynchronously: the Blobs server it talks to lives in this process. */
function revoke(args: string[], extraEnv: NodeJS.ProcessEnv = process.env): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['scripts/partner-revoke.ts', ...args], { encoding: 'utf8', env: extraEnv, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const token = (slug: string, at: number) => issuePartnerToken(slug, 45, process.env.PARTNER_SECRET!, new Date(at));

beforeAll(async () => {
  env = await startPartnerEnv();
});
afterAll(async () => {
  await env?.stop();
});

describe('npm run partner:revoke', () => {
  it('voids the links issued so far, for that organisation only; later links work', async () => {
    const blobs = store(PROPOSAL_STORE);
    const before = token(ORG, Date.now() - 60_000);
    const otherBefore = token(OTHER, Date.now() - 60_000);
    expect((await checkLink(before, blobs)).ok).toBe(true);

    const run = await revoke([ORG]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('„Kinderhauser Arbeitslosen Initiative e.V.“ gelten ab jetzt nicht mehr');

    expect(await checkLink(before, blobs)).toEqual({ ok: false, reason: 'revoked' });
    expect((await checkLink(otherBefore, blobs)).ok).toBe(true);
    // Tokens carry whole seconds: a link issued after the revocation's second works.
    const after = token(ORG, Date.now() + 2_000);
    expect((await checkLink(after, blobs, new Date(Date.now() + 2_000))).ok).toBe(true);
  });

  it('refuses an unknown organisation or a path, in German, and stores nothing', async () => {
    const files = () => readdirSync(env.blobs.directory, { recursive: true }).length;
    const stored = files();
    for (const slug of ['gibt-es-nicht', '../content/settings/site', '']) {
      const run = await revoke(slug ? [slug] : []);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(slug ? /Keine Organisation „.*“ in content\/organisations\// : /Aufruf: npm run partner:revoke -- <Kennung der Organisation>/);
    }
    expect(files()).toBe(stored);
  });

  it('without Blobs access says what is missing', async () => {
    const { NETLIFY_BLOBS_CONTEXT: _context, NETLIFY_SITE_ID: _site, NETLIFY_AUTH_TOKEN: _token, ...rest } = process.env;
    const run = await revoke([ORG], rest);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('NETLIFY_SITE_ID und NETLIFY_AUTH_TOKEN fehlen');
  });
});
