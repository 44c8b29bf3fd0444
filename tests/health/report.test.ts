/**
 * The yearly report for the sample content, checked against figures counted here
 * independently: straight from the files with a YAML parser, without the loader, the
 * schemas or the report's own helpers.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadContent } from '../../src/lib/load-content.ts';
import { computeYearlyReport } from '../../src/lib/report/yearly.ts';
import { TEST_NOW } from '../helpers/clock.ts';

type Raw = Record<string, any> & { __body: string; __id: string };

function readFolder(folder: string): Raw[] {
  const dir = join('content', folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .map((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      const [, front, body] = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text)!;
      return { ...parse(front), __body: body, __id: f.slice(0, -3) };
    });
}

const str = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v ?? ''));
const now = new Date(TEST_NOW);
const networks = readFolder('networks').map((n) => n.__id);
const meetings = readFolder('meetings');
const offers = readFolder('offers').filter((o) => o.draft !== true);
const organisations = readFolder('organisations');
const news = readFolder('news');
const { content } = loadContent(process.cwd());
const report = computeYearlyReport({ content, year: 2026, now });

function countMeetings(year: number, network?: string) {
  // All sample times carry the Münster offset, so the first four characters are the local year.
  const inYear = meetings.filter((m) => str(m.starts_at).startsWith(String(year)) && (!network || !m.networks?.length || m.networks.includes(network)));
  const held = inYear.filter((m) => m.cancelled !== true && new Date(str(m.ends_at || m.starts_at)) < now);
  const documented = held.filter((m) => m.__body.trim() !== '' || (m.documents ?? []).some((d: any) => d.kind === 'protokoll'));
  return { held: held.length, documented: documented.length };
}

function activeOffers(year: number) {
  return offers.filter((o) => (!o.starts_on || str(o.starts_on).slice(0, 10) <= `${year}-12-31`) && (!o.ends_on || str(o.ends_on).slice(0, 10) >= `${year}-01-01`));
}

describe('yearly report 2026 for the sample content', () => {
  it('counts meetings held and documented per network, with 2025 beside it', () => {
    for (const [figures, year] of [[report.current, 2026], [report.previous, 2025]] as const) {
      expect(figures.meetings.map((m) => [m.key, m.held, m.documented]).sort()).toEqual(networks.map((n) => [n, countMeetings(year, n).held, countMeetings(year, n).documented]).sort());
      expect(figures.meetingsTotal).toMatchObject(countMeetings(year));
    }
    // The sample: three meetings held in 2026, the one on 20 October still without minutes.
    expect(report.current.meetingsTotal).toMatchObject({ held: 3, documented: 2, planned: 1 });
  });

  it('counts members per network and organisations as the content has them today', () => {
    for (const n of networks) {
      expect(report.current.partners.members?.find((m) => m.key === n)?.count).toBe(organisations.filter((o) => o.networks?.includes(n)).length);
    }
    expect(report.current.partners.organisations).toBe(organisations.length);
    // Without version history joining and leaving cannot be derived, and the report says so.
    expect(report.current.partners.joined).toBeUndefined();
    expect(report.current.partners.note).toContain('nicht ableitbar');
  });

  it('counts offers by category and audience, and started, ended and reviewed in the year', () => {
    for (const [figures, year] of [[report.current, 2026], [report.previous, 2025]] as const) {
      const active = activeOffers(year);
      expect(figures.offers.active).toBe(active.length);
      for (const c of figures.offers.byCategory) expect(c.count, c.key).toBe(active.filter((o) => o.categories.includes(c.key)).length);
      for (const a of figures.offers.byAudience) {
        const expected = a.key === 'alle' ? active.filter((o) => !o.audiences?.length).length : active.filter((o) => o.audiences?.includes(a.key)).length;
        expect(a.count, a.key).toBe(expected);
      }
      const inYear = (v: unknown) => v !== undefined && str(v).slice(0, 10).startsWith(`${year}-`);
      expect(figures.offers.started).toBe(offers.filter((o) => inYear(o.starts_on)).length);
      expect(figures.offers.ended).toBe(offers.filter((o) => inYear(o.ends_on) && str(o.ends_on).slice(0, 10) < '2026-11-21').length);
      expect(figures.offers.reviewed).toBe(offers.filter((o) => inYear(o.reviewed_at)).length);
    }
  });

  it('counts newsletter posts per network and says sends and subscribers are not available offline', () => {
    for (const n of networks) {
      const planned = news.filter((p) => p.newsletter === true && str(p.date).startsWith('2026') && (!p.networks?.length || p.networks.includes(n))).length;
      expect(report.current.newsletter.planned.find((c) => c.key === n)?.count).toBe(planned);
    }
    expect(report.current.newsletter.sent).toBeUndefined();
    expect(report.current.newsletter.note).toContain('offline nicht verfügbar');
  });
});

describe('yearly report with history and newsletter records', () => {
  it('derives joined and left per network from memberships at both ends of the year', () => {
    const year = 2025;
    const withHistory = computeYearlyReport({
      content,
      year,
      now,
      history: {
        2025: {
          firstCommitAt: '2020-01-01T00:00:00Z',
          membersAtStart: { 'kita-st-josef': ['netzwerk-sprache'], 'sozialbuero-kinderhaus': ['netzwerk-sprache', 'netzwerk-beschaeftigung'] },
          membersAtEnd: { 'sozialbuero-kinderhaus': ['netzwerk-sprache'], 'jobcenter-muenster-kinderhaus': ['netzwerk-beschaeftigung'] },
          offerFiles: { added: 4, modified: 7, deleted: 1 },
        },
        2024: { firstCommitAt: '2020-01-01T00:00:00Z' },
      },
    });
    const names = new Map(content.organisations.map((o) => [o.id, o.data.name]));
    const joined = Object.fromEntries(withHistory.current.partners.joined!.map((j) => [j.network, j.organisations]));
    const left = Object.fromEntries(withHistory.current.partners.left!.map((l) => [l.network, l.organisations]));
    expect(joined['netzwerk-beschaeftigung']).toEqual([names.get('jobcenter-muenster-kinderhaus')]);
    expect(left['netzwerk-beschaeftigung']).toEqual([names.get('sozialbuero-kinderhaus')]);
    expect(left['netzwerk-sprache']).toEqual([names.get('kita-st-josef')]);
    expect(withHistory.current.partners.members?.find((m) => m.key === 'netzwerk-sprache')?.count).toBe(1);
    expect(withHistory.current.offers.files).toEqual({ added: 4, modified: 7, deleted: 1 });
    expect(withHistory.previous.partners.note).toContain('nicht ableitbar');
  });

  it('counts issues sent and subscribers at the end of the year per network', () => {
    const withNewsletter = computeYearlyReport({
      content,
      year: 2026,
      now,
      newsletter: {
        sends: [
          { slug: 'quartiersnetz-ist-online', sentAt: '2026-03-16T08:00:00Z' },
          { slug: 'deutschkurse-2027-jetzt-anmelden', sentAt: '2026-11-18T08:00:00Z' },
          { slug: 'unbekannt', sentAt: '2026-05-01T08:00:00Z' },
        ],
        subscribers: [
          { events: [{ type: 'confirmed', networks: ['netzwerk-sprache'], confirmedAt: '2025-06-01T10:00:00Z' }] },
          {
            events: [
              { type: 'confirmed', networks: ['netzwerk-sprache', 'netzwerk-jugend-ausbildung'], confirmedAt: '2026-02-01T10:00:00Z' },
              { type: 'unsubscribed', networks: ['netzwerk-sprache'], at: '2026-09-01T10:00:00Z' },
            ],
          },
          { events: [{ type: 'confirmed', networks: ['netzwerk-jugend-ausbildung'], confirmedAt: '2027-01-05T10:00:00Z' }] },
        ],
      },
    });
    const posts = new Map(content.news.map((p) => [p.id, p.data.networks ?? []]));
    const sentTo = (n: string) => ['quartiersnetz-ist-online', 'deutschkurse-2027-jetzt-anmelden'].filter((s) => !posts.get(s)!.length || posts.get(s)!.includes(n)).length;
    for (const c of withNewsletter.current.newsletter.sent!) expect(c.count, c.key).toBe(sentTo(c.key));
    expect(Object.fromEntries(withNewsletter.current.newsletter.subscribers!.map((c) => [c.key, c.count]))).toEqual({
      'netzwerk-sprache': 1,
      'netzwerk-jugend-ausbildung': 1,
      'netzwerk-beschaeftigung': 0,
    });
    expect(Object.fromEntries(withNewsletter.previous.newsletter.subscribers!.map((c) => [c.key, c.count]))['netzwerk-sprache']).toBe(1);
  });
});
