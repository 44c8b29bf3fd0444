/**
 * Scope is enforced on the server: a link of one organisation cannot confirm or change
 * another's entries, whatever the post names. Every trick is refused with no write, no
 * commit, no workflow branch and no stored proposal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPartnerEnv, post, git, type PartnerEnv } from './env.ts';
import { handlePartner } from '../../functions/lib/partner/service.ts';
import { issuePartnerToken, signPartnerToken } from '../../functions/lib/partner/token.ts';
import { listProposals } from '../../functions/lib/partner/proposals.ts';
import { TEST_NOW } from '../helpers/clock.ts';

let env: PartnerEnv;
const ORG = 'kinderhauser-arbeitslosen-initiative';
const OTHER = 'caritas-migrationsdienst';
const OTHER_OFFER = 'migrationsberatung-erwachsene';
let token: string;
let head: string;

beforeAll(async () => {
  env = await startPartnerEnv();
  token = issuePartnerToken(ORG, 45, process.env.PARTNER_SECRET!, new Date(TEST_NOW));
  head = git(env.repo, 'rev-parse', 'main').trim();
});
afterAll(() => env?.stop());

async function expectNoWrite() {
  expect(git(env.repo, 'rev-parse', 'main').trim()).toBe(head);
  expect(git(env.repo, 'status', '--porcelain')).toBe('');
  expect(git(env.repo, 'branch', '--list', 'cms/*').trim()).toBe('');
  expect(await listProposals(env.deps().blobs)).toHaveLength(0);
}

const TARGETS = [
  `offers/${OTHER_OFFER}`,
  `organisations/${OTHER}`,
  'pages/impressum',
  'meetings/2026-12-08-netzwerk-jugend-ausbildung',
  'settings/site',
  `offers/../organisations/${OTHER}`,
  `../content/offers/${OTHER_OFFER}`,
  `offers/${OTHER_OFFER}.md`,
  `content/offers/${OTHER_OFFER}.md`,
  `offers/${OTHER_OFFER.toUpperCase()}`,
  `offers/${OTHER_OFFER}%2F..`,
  `offers/%2e%2e/organisations/${OTHER}`,
  'offers/',
  'offers/does-not-exist',
  'organisations/+neu',
  'offers',
  '',
  `offers/job-cafe/../${OTHER_OFFER}`,
  `offers/job-cafe\n/offers/${OTHER_OFFER}`,
];

describe('scope', () => {
  it.each(TARGETS)('refuses confirm and proposals for target %j', async (target) => {
    for (const action of ['confirm', 'edit', 'propose']) {
      const response = await handlePartner(post([['t', token], ['action', action], ['target', target], ['f.title', 'Übernommen'], ['f.summary', 'x']]), env.deps());
      expect(response.status, `${action} ${target}`).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    }
    await expectNoWrite();
  });

  it('refuses a second target smuggled beside an own one', async () => {
    const response = await handlePartner(post([['t', token], ['action', 'confirm'], ['target', 'offers/job-cafe'], ['target', `offers/${OTHER_OFFER}`]]), env.deps());
    expect(response.status).toBe(403);
    await expectNoWrite();
  });

  it('refuses extra fields in a proposal for an own offer: provider, review date, translations, unknown keys', async () => {
    for (const [name, value] of [
      ['f.provider', OTHER],
      ['provider', OTHER],
      ['f.reviewed_at', '2030-01-01'],
      ['f.draft', 'on'],
      ['f.translations.tr.title', 'x'],
      ['f.location.geo.lat', '1'],
      ['f.__proto__', 'x'],
      ['f.schedule.0.evil', 'x'],
      ['collection', 'organisations'],
      ['path', `content/organisations/${OTHER}.md`],
    ]) {
      const response = await handlePartner(post([['t', token], ['action', 'propose'], ['target', 'offers/job-cafe'], ['f.title', 'Job-Café'], [name, value]]), env.deps());
      expect(response.status, name).toBe(400);
    }
    await expectNoWrite();
  });

  it('refuses tampered, foreign-secret, expired and missing links with a German page offering a new link', async () => {
    const [payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), o: OTHER })).toString('base64url');
    const now = Math.floor(Date.parse(TEST_NOW) / 1000);
    const cases = [
      `${forged}.${signature}`,
      signPartnerToken({ organisation: OTHER, issued: now, expires: now + 1000 }, 'another-secret-that-is-long-enough-to-be-valid'),
      signPartnerToken({ organisation: ORG, issued: now - 100_000, expires: now - 1 }, process.env.PARTNER_SECRET!),
      `${token}x`,
      token.split('.')[0],
      '',
    ];
    for (const bad of cases) {
      const response = await handlePartner(post([['t', bad], ['action', 'confirm'], ['target', 'offers/job-cafe']]), env.deps());
      expect(response.status).toBeGreaterThanOrEqual(bad === '' ? 200 : 403);
      const html = await response.text();
      expect(html).toContain('Link anfordern');
      expect(html).not.toContain('Einträge von');
    }
    await expectNoWrite();
  });

  it('accepts links signed with PARTNER_SECRET_PREVIOUS after a rotation', async () => {
    const old = process.env.PARTNER_SECRET!;
    const oldToken = issuePartnerToken(ORG, 45, old, new Date(TEST_NOW));
    process.env.PARTNER_SECRET = 'a-brand-new-partner-secret-of-enough-length';
    process.env.PARTNER_SECRET_PREVIOUS = old;
    try {
      const response = await handlePartner(new Request(`http://localhost:4321/partner/?t=${oldToken}`), env.deps());
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('Einträge von Kinderhauser Arbeitslosen Initiative');
      delete process.env.PARTNER_SECRET_PREVIOUS;
      expect((await handlePartner(new Request(`http://localhost:4321/partner/?t=${oldToken}`), env.deps())).status).toBe(403);
    } finally {
      process.env.PARTNER_SECRET = old;
      delete process.env.PARTNER_SECRET_PREVIOUS;
    }
  });
});
