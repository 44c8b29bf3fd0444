/**
 * A generated hostile suite against /partner/ (≥ 200 cases from a fixed seed): wrong
 * methods and content types, oversized and broken bodies, unknown actions, foreign and
 * crafted targets, hostile values in every generated form field. Afterwards: no answer
 * was a 5xx, main changed only in the organisation's own files and only in reviewed_at,
 * every workflow branch belongs to the organisation and holds valid content, and no log
 * line carried the token.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPartnerEnv, git, type PartnerEnv } from './env.ts';
import { handlePartner } from '../../functions/lib/partner/service.ts';
import { issuePartnerToken } from '../../functions/lib/partner/token.ts';
import { proposalForm } from '../../functions/lib/partner/forms.ts';
import { partnerDirectory } from '../../functions/lib/partner/directory.ts';
import { entryData } from '../../functions/lib/partner/entry-file.ts';
import { validateEntry } from '../../functions/lib/partner/validate.ts';
import type { FormField } from '../../functions/lib/partner/form-model.ts';
import { TEST_NOW } from '../helpers/clock.ts';

const ORG = 'kinderhauser-arbeitslosen-initiative';
const CASES = 240;
let env: PartnerEnv;
let token: string;
let start: string;

function rng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

const HOSTILE_VALUES = [
  '',
  ' ',
  'x'.repeat(10_000),
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '\u0000\u0001\u001f',
  '---\nprovider: caritas-migrationsdienst\n---',
  'x\nprovider: caritas-migrationsdienst',
  '{{ 7*7 }}',
  '../../../etc/passwd',
  'caritas-migrationsdienst',
  '2026-02-30',
  '25:99',
  '-1e309',
  'NaN',
  'on',
  'yes',
  '14:00',
  '٣٤٥',
  '🙂'.repeat(300),
  'null',
  '__proto__',
  'constructor',
  'a@b',
  'javascript:alert(1)',
  'https://example.org/',
  'arbeit',
  'netzwerk-sprache',
  'mo',
  '0251 0001000',
];

function names(fields: FormField[], prefix = 'f.'): string[] {
  return fields.flatMap((field) =>
    field.kind === 'group' ? names(field.fields, `${prefix}${field.name}.`) : field.kind === 'repeat' ? [0, 1, 19, 20, 99].flatMap((i) => names(field.fields, `${prefix}${field.name}.${i}.`)) : [`${prefix}${field.name}`],
  );
}

beforeAll(async () => {
  env = await startPartnerEnv();
  token = issuePartnerToken(ORG, 45, process.env.PARTNER_SECRET!, new Date(TEST_NOW));
  start = git(env.repo, 'rev-parse', 'main').trim();
});
afterAll(() => env?.stop());

describe('hostile partner requests', () => {
  it(`answers ${CASES} generated hostile requests without a 5xx and without writing outside the organisation`, async () => {
    const random = rng(13);
    const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)];
    const directory = partnerDirectory();
    const own = directory.organisations[ORG].offers.map((o) => `offers/${o.slug}`);
    const foreign = Object.entries(directory.organisations).filter(([slug]) => slug !== ORG).flatMap(([slug, o]) => [`organisations/${slug}`, ...o.offers.map((offer) => `offers/${offer.slug}`)]);
    const targets = [...own, `organisations/${ORG}`, 'offers/+neu', ...foreign.slice(0, 20), 'pages/impressum', 'offers/../x', '../../x', 'offers/job-cafe.md', 'OFFERS/job-cafe', ''];
    const fieldNames = [...names(proposalForm('offers', directory)), ...names(proposalForm('organisations', directory)), 'body', 'f.provider', 'f.reviewed_at', 'provider', 'f.draft', 'f.translations.tr.title', 'f.geo.lat'];
    const actions = ['confirm', 'confirm-all', 'edit', 'new', 'propose', 'propose', 'propose', 'overview', 'request-link', 'delete', '', 'publish'];
    const tokens = [token, token, token, token, `${token}A`, 'abc.def', '', issuePartnerToken(ORG, -1, process.env.PARTNER_SECRET!, new Date(TEST_NOW))];
    const logged: string[] = [];
    const capture = (...args: unknown[]) => logged.push(args.map(String).join(' '));
    const spies = [vi.spyOn(console, 'log').mockImplementation(capture), vi.spyOn(console, 'error').mockImplementation(capture), vi.spyOn(console, 'warn').mockImplementation(capture)];
    const statuses = new Map<number, number>();
    try {
      for (let i = 0; i < CASES; i++) {
        const shape = random();
        let request: Request;
        if (shape < 0.06) {
          request = new Request(`http://localhost:4321/partner/?t=${encodeURIComponent(pick(tokens))}&target=${pick(targets)}`);
        } else if (shape < 0.12) {
          const types = ['application/json', 'text/plain', 'multipart/form-data; boundary=x', ''];
          request = new Request('http://localhost:4321/partner/', { method: 'POST', headers: types.length ? { 'content-type': pick(types) } : {}, body: JSON.stringify({ t: token, action: 'confirm', target: pick(targets) }) });
        } else if (shape < 0.15) {
          request = new Request('http://localhost:4321/partner/', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `t=${token}&action=propose&f.title=${'x'.repeat(70_000)}` });
        } else if (shape < 0.18) {
          request = new Request('http://localhost:4321/partner/', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new Uint8Array([0x74, 0x3d, 0xff, 0xfe, 0x26]) });
        } else if (shape < 0.3) {
          // A valid new offer carrying hostile text where text is allowed: must land, escaped and valid.
          const fields: Array<[string, string]> = [['t', token], ['action', 'propose'], ['target', pick(['offers/+neu', 'offers/+neu', 'offers/job-cafe'])], ['f.title', pick(['Neues Angebot', 'Lernhilfe <b>', 'Café ☕ am Abend'])], ['f.summary', 'Kurz und klar.'], ['f.categories', 'arbeit'], ['f.online', 'on']];
          for (let n = 0; n < 2; n++) fields.push([pick(['f.keywords', 'f.schedule_note', 'f.summary_easy', 'f.cost.note', 'body']), pick(HOSTILE_VALUES).slice(0, 250)]);
          request = new Request('http://localhost:4321/partner/', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
        } else {
          const fields: Array<[string, string]> = [['t', pick(tokens)], ['action', pick(actions)], ['target', pick(targets)]];
          if (random() < 0.1) fields.push(['target', pick(targets)]);
          const count = Math.floor(random() * 12);
          for (let n = 0; n < count; n++) fields.push([pick(fieldNames), pick(HOSTILE_VALUES)]);
          if (random() < 0.5) fields.push(['f.title', pick(['Neues Angebot', 'Job-Café', '', '!!!'])], ['f.summary', 'Kurz.'], ['f.categories', 'arbeit'], ['f.online', 'on'], ['f.cost.free', 'on']);
          if (random() < 0.1) fields.push(['email', pick(['info-kai@example.org', 'nobody@example.org', 'x'])]);
          request = new Request('http://localhost:4321/partner/', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
        }
        const response = await handlePartner(request, env.deps({ ip: `198.51.100.${i % 50}` }));
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(response.status, `case ${i}`).toBeLessThan(500);
        await response.text();
      }
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(CASES);
    // Some requests must have been accepted, or the suite proves nothing.
    expect(statuses.get(200)).toBeGreaterThan(10);
    expect(logged.join('\n')).not.toContain(token.split('.')[1]);

    // main: only own files, only reviewed_at lines.
    const ownFiles = new Set([`content/organisations/${ORG}.md`, ...own.map((t) => `content/${t}.md`)]);
    const changed = git(env.repo, 'diff', '--name-only', start, 'main').split('\n').filter(Boolean);
    for (const file of changed) expect(ownFiles.has(file), file).toBe(true);
    const lines = git(env.repo, 'diff', '--unified=0', start, 'main').split('\n').filter((l) => /^[-+](?![-+])/.test(l));
    for (const line of lines) expect(line).toMatch(/^[-+]reviewed_at: \d{4}-\d{2}-\d{2}$/);

    // workflow branches: own entries only, valid content, provider unchanged.
    const branches = git(env.repo, 'branch', '--list', 'cms/*', '--format=%(refname:short)').split('\n').filter(Boolean);
    // The suite must have exercised real writes, or it proves nothing.
    expect(branches.length).toBeGreaterThan(0);
    expect(Number(git(env.repo, 'rev-list', '--count', `${start}..main`))).toBeGreaterThan(0);
    for (const branch of branches) {
      const [, collection, slug] = branch.split('/');
      const files = git(env.repo, 'diff', '--name-only', 'main', branch).split('\n').filter(Boolean);
      expect(files).toEqual([`content/${collection}/${slug}.md`]);
      const text = git(env.repo, 'show', `${branch}:content/${collection}/${slug}.md`);
      expect(validateEntry(collection as 'offers', slug, text, directory), branch).toEqual([]);
      if (collection === 'offers') expect(entryData(text)?.provider).toBe(ORG);
      else expect(slug).toBe(ORG);
    }
  }, 240_000);
});
