/**
 * The partner flow in Node against a temporary repository: link → overview → "Alles noch
 * aktuell" (only reviewed_at changes, one commit, double click = one commit) → proposal
 * in Decap's local workflow shape (branch cms/offers/<slug>, status in its description).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPartnerEnv, post, git, type PartnerEnv } from './env.ts';
import { handlePartner } from '../../functions/lib/partner/service.ts';
import { issuePartnerToken } from '../../functions/lib/partner/token.ts';
import { TEST_NOW, TEST_TODAY } from '../helpers/clock.ts';
import { entryData, splitEntry } from '../../functions/lib/partner/entry-file.ts';
import { proposalForm } from '../../functions/lib/partner/forms.ts';
import { postedFromEntry } from '../../functions/lib/partner/form-render.ts';
import { partnerDirectory } from '../../functions/lib/partner/directory.ts';

let env: PartnerEnv;
const ORG = 'kinderhauser-arbeitslosen-initiative';
const OFFER = 'job-cafe';
let token: string;

beforeAll(async () => {
  env = await startPartnerEnv();
  token = issuePartnerToken(ORG, 45, process.env.PARTNER_SECRET!, new Date(TEST_NOW));
});
afterAll(() => env?.stop());

const commits = () => Number(git(env.repo, 'rev-list', '--count', 'main').trim());

describe('partner page', () => {
  it('shows exactly the organisation’s profile and offers, with headers that keep the token private', async () => {
    const response = await handlePartner(new Request(`http://localhost:4321/partner/?t=${token}`), env.deps());
    expect(response.status).toBe(200);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    const own = partnerDirectory().organisations[ORG].offers.map((o) => o.slug);
    const shown = [...html.matchAll(/name="target" value="offers\/([a-z0-9-]+)"/g)].map((m) => m[1]);
    expect(new Set(shown)).toEqual(new Set(own));
    expect(html).toContain('value="organisations/kinderhauser-arbeitslosen-initiative"');
    expect(html).toMatch(/geprüft am|bitte prüfen/);
  });

  it('confirms one offer: reviewed_at is today, the rest of the file byte-identical, one commit even on a double click', async () => {
    const path = join(env.repo, 'content/offers', `${OFFER}.md`);
    const before = readFileSync(path, 'utf8');
    const count = commits();
    const click = () => handlePartner(post({ t: token, action: 'confirm', target: `offers/${OFFER}` }), env.deps());
    const [a, b] = await Promise.all([click(), click()]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(commits()).toBe(count + 1);
    const after = readFileSync(path, 'utf8');
    expect(after).toBe(before.replace(/^reviewed_at: .*$/m, `reviewed_at: ${TEST_TODAY}`));
    expect(git(env.repo, 'show', 'main:content/offers/job-cafe.md')).toBe(after);
    expect(git(env.repo, 'log', '-1', '--format=%s', 'main')).toContain('Kinderhauser Arbeitslosen Initiative');
    expect(git(env.repo, 'status', '--porcelain')).toBe('');
    expect(await (await click()).text()).toContain('als geprüft markiert');
    expect(commits()).toBe(count + 1);
  });

  it('turns a proposal into a Decap workflow entry waiting for approval; a second proposal updates it', async () => {
    const fields = proposalForm('offers', partnerDirectory());
    const text = readFileSync(join(env.repo, 'content/offers', `${OFFER}.md`), 'utf8');
    const posted = postedFromEntry(fields, entryData(text)!);
    const form: Array<[string, string]> = [['t', token], ['action', 'propose'], ['target', `offers/${OFFER}`], ['body', splitEntry(text)!.body]];
    for (const [key, values] of posted) for (const value of values) form.push([key, key === 'f.schedule.0.closes' ? '17:30' : value]);
    const response = await handlePartner(post(form), env.deps());
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('wartet jetzt auf die Freigabe');
    const branch = 'cms/offers/job-cafe';
    expect(git(env.repo, 'config', `branch.${branch}.description`).trim()).toBe('decap-cms/pending_review');
    const diff = git(env.repo, 'diff', 'main', branch);
    expect(diff).toContain('-    closes: "16:00"');
    expect(diff).toContain('+    closes: "17:30"');
    expect(diff.split('\n').filter((l) => /^[-+][^-+]/.test(l))).toHaveLength(2);
    // the worktree's main is untouched by a proposal
    expect(readFileSync(join(env.repo, 'content/offers/job-cafe.md'), 'utf8')).toContain('closes: "16:00"');
    const second = form.map(([k, v]): [string, string] => [k, k === 'f.schedule.0.closes' ? '18:00' : v]);
    await handlePartner(post(second), env.deps());
    expect(git(env.repo, 'branch', '--list', 'cms/*').trim().split('\n')).toHaveLength(1);
    expect(git(env.repo, 'diff', 'main', branch)).toContain('+    closes: "18:00"');
    expect(git(env.repo, 'rev-list', '--count', `main..${branch}`).trim()).toBe('1');
  });
});
