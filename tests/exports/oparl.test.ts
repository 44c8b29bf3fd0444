/**
 * The built OParl export of the sample content: every object (embedded ones on their own)
 * valid against the OParl 1.1 schemas with zero errors, lists complete across pages,
 * meetings as in the content, no Person objects.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/load-content.ts';
import { berlinYear } from '../../src/lib/dates.ts';
import { DIST } from '../helpers/dist.ts';
import { readOparlList, validateOparlDist } from './standards.ts';

const { content } = loadContent();
const read = (path: string) => JSON.parse(readFileSync(join(DIST, path), 'utf8'));
const system = read('oparl/system.json');
const body = read(new URL(system.body).pathname.slice(1)).data[0];

describe('OParl export of the sample content', () => {
  it('validates every object against the OParl 1.1 schemas with zero errors', () => {
    const report = validateOparlDist(DIST);
    expect(report.problems).toEqual([]);
    expect(Object.keys(report.byType).sort()).toEqual(['AgendaItem', 'Body', 'File', 'LegislativeTerm', 'Location', 'Meeting', 'Organization', 'System']);
  });

  it('has a System pointing to one Body with every list OParl requires', () => {
    expect(system.oparlVersion).toBe('https://schema.oparl.org/1.1/');
    expect(system.license).toMatch(/^https:\/\//);
    for (const list of ['organization', 'person', 'meeting', 'paper']) expect(typeof body[list]).toBe('string');
    expect(readOparlList(DIST, body.person), 'no Person objects are published').toEqual([]);
    expect(readOparlList(DIST, body.paper)).toEqual([]);
  });

  it('has one Organization per network', () => {
    const organizations = readOparlList(DIST, body.organization);
    expect(organizations.map((o) => o.name).sort()).toEqual(content.networks.map((n) => n.data.title).sort());
  });

  it('lists every meeting with its times, agenda items and documents, across all list pages', () => {
    const meetings = readOparlList(DIST, body.meeting) as Record<string, any>[];
    expect(meetings).toHaveLength(content.meetings.length);
    for (const entry of content.meetings) {
      const meeting = meetings.find((m) => m.web.endsWith(`/archiv/${entry.id}/`));
      expect(meeting, entry.id).toBeDefined();
      expect(Date.parse(meeting!.start)).toBe(Date.parse(entry.data.starts_at));
      if (entry.data.ends_at) expect(Date.parse(meeting!.end)).toBe(Date.parse(entry.data.ends_at));
      expect(meeting!.cancelled).toBe(entry.data.cancelled);
      expect((meeting!.agendaItem ?? []).map((a: { name: string }) => a.name)).toEqual(entry.data.agenda ?? []);
      const files = [meeting!.invitation, meeting!.resultsProtocol, ...(meeting!.auxiliaryFile ?? [])].filter(Boolean);
      for (const doc of entry.data.documents ?? []) {
        expect(files.some((f: { accessUrl: string }) => f.accessUrl.endsWith(doc.file)), `${entry.id}: ${doc.file}`).toBe(true);
      }
      // Embedded objects leave out the back-reference; at their own URL they carry it.
      for (const item of meeting!.agendaItem ?? []) {
        expect(item.meeting).toBeUndefined();
        expect(read(new URL(item.id).pathname.slice(1)).meeting).toBe(meeting!.id);
      }
    }
    const cancelled = content.meetings.filter((m) => m.data.cancelled);
    expect(cancelled.length, 'the sample content has a cancelled meeting').toBeGreaterThan(0);
  });

  it('pages long lists (OParl recommends at most 100 entries per page) and the pages add up', () => {
    const agendaItems = content.meetings.reduce((n, m) => n + (m.data.agenda?.length ?? 0), 0);
    const first = read(new URL(body.agendaItem).pathname.slice(1));
    expect(first.pagination.totalElements).toBe(agendaItems);
    expect(first.pagination.totalPages, 'the sample has enough agenda items to need several pages').toBeGreaterThan(1);
    expect(first.pagination.elementsPerPage).toBeLessThanOrEqual(100);
    const all = readOparlList(DIST, body.agendaItem);
    expect(all).toHaveLength(agendaItems);
    expect(new Set(all.map((a) => a.id)).size).toBe(agendaItems);
  });

  it('names a working year (LegislativeTerm) for every year with meetings, and no other', () => {
    const years = [...new Set(content.meetings.map((m) => berlinYear(m.data.starts_at)))].sort();
    expect(body.legislativeTerm.map((term: { startDate: string }) => Number(term.startDate.slice(0, 4)))).toEqual(years);
    for (const term of body.legislativeTerm) {
      const year = term.startDate.slice(0, 4);
      expect(term).toMatchObject({ startDate: `${year}-01-01`, endDate: `${year}-12-31`, name: `Arbeitsjahr ${year}` });
      expect(read(new URL(term.id).pathname.slice(1)).body, 'served on its own, the term names its body').toBe(body.id);
    }
    expect(readOparlList(DIST, body.legislativeTermList)).toHaveLength(years.length);
  });

  it('gives every uploaded document a downloadUrl of its own, a byte-identical copy of the upload', () => {
    const files = readOparlList(DIST, body.file) as Record<string, any>[];
    const uploads = files.filter((f) => f.accessUrl.includes('/uploads/'));
    expect(uploads.length).toBeGreaterThan(5);
    for (const file of uploads) {
      expect(file.downloadUrl, file.id).toMatch(/\/oparl\/download\//);
      expect(file.downloadUrl).not.toBe(file.accessUrl);
      const copy = readFileSync(join(DIST, new URL(file.downloadUrl).pathname));
      expect(copy.equals(readFileSync(join(DIST, new URL(file.accessUrl).pathname))), file.downloadUrl).toBe(true);
      expect(copy.length).toBe(file.size);
    }
  });
});
