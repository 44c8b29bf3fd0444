/**
 * Issue 18, item 4: nobody depends on their inbox. Every meeting the newsletter can mail
 * (all of generated/newsletter.json's meetings: invitations, updates, cancellations and
 * minutes link to its page) is a page of the built site at /archiv/<slug>/, with its date,
 * agenda, documents and, once written, its minutes; past meetings are listed in /archiv/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/load-content.ts';
import { buildNewsletterData } from '../../src/lib/newsletter-data.ts';
import { isMeetingUpcoming } from '../../src/lib/publication.ts';
import { escapeHtml } from '../../src/lib/escape-html.ts';
import { DIST } from '../helpers/dist.ts';
import { TEST_NOW } from '../helpers/clock.ts';

const { content } = loadContent(process.cwd());
const data = await buildNewsletterData(content, 'https://quartiersnetz-kinderhaus.example.org');
const page = (path: string) => readFileSync(join(DIST, path, 'index.html'), 'utf8');

describe('mailed meetings stay readable in /archiv/', () => {
  it('every meeting a mail can link to has its page, with agenda, documents and minutes', () => {
    expect(data.meetings.length).toBe(content.meetings.length);
    const archive = page('archiv');
    for (const m of data.meetings) {
      expect(m.path).toBe(`/archiv/${m.slug}/`);
      expect(existsSync(join(DIST, m.path, 'index.html')), m.path).toBe(true);
      const html = page(m.path);
      expect(html, m.slug).toContain(escapeHtml(m.meeting.title));
      for (const item of m.meeting.agenda ?? []) expect(html, `${m.slug}: ${item}`).toContain(escapeHtml(item));
      for (const d of m.meeting.documents ?? []) expect(html, `${m.slug}: ${d.file}`).toContain(`href="${d.file}"`);
      const entry = content.meetings.find((e) => e.id === m.slug)!;
      const firstLine = entry.body.split('\n').map((l) => l.replace(/^[#>*\-\s]+/, '').trim()).find((l) => l.length > 20 && !/[[*_`]/.test(l));
      if (firstLine) expect(html, `${m.slug}: minutes`).toContain(escapeHtml(firstLine).slice(0, 30));
      if (!isMeetingUpcoming(m.meeting, new Date(TEST_NOW))) expect(archive, `${m.slug} in /archiv/`).toContain(`href="/archiv/${m.slug}/"`);
    }
    expect(data.meetings.some((m) => m.hasMinutes)).toBe(true);
  });
});
