/** Links in Markdown, the site's own paths, and both link rules of the health report. */
import { describe, expect, it } from 'vitest';
import { findLinks, internalPath } from '../../src/lib/health/markdown-links.ts';
import { pathIndex } from '../../src/lib/health/site-paths.ts';
import { internalLinks } from '../../src/lib/health/internal-links.ts';
import { applyLinkReport, computeHealth } from '../../src/lib/health/index.ts';
import { DEFAULT_OPTIONS } from '../../src/lib/health/types.ts';
import { NOW, REQUIRED, TODAY, content, input, meeting, offer, org, page } from './fixtures.ts';

describe('findLinks', () => {
  it('finds inline, reference, auto, bare and HTML links with their line, and skips code', () => {
    const body = [
      'Siehe [Kontakt](/kontakt/ "Kontakt") und ![Bild](/uploads/a.png).', // 1
      '[ref]: https://example.org/ref', // 2
      'Mehr unter <https://example.org/auto> oder https://example.org/bare.', // 3
      '<a href="/html/">HTML</a>', // 4
      'Code: `https://example.org/code` bleibt.', // 5
      '```', // 6
      '[fenced](/fenced/)', // 7
      '```', // 8
      '[mail](mailto:a@example.org) [anker](#oben)', // 9
    ].join('\n');
    expect(findLinks(body)).toEqual([
      { url: '/kontakt/', line: 1 },
      { url: '/uploads/a.png', line: 1 },
      { url: 'https://example.org/ref', line: 2 },
      { url: 'https://example.org/auto', line: 3 },
      { url: 'https://example.org/bare', line: 3 },
      { url: '/html/', line: 4 },
      { url: 'mailto:a@example.org', line: 9 },
      { url: '#oben', line: 9 },
    ]);
  });

  it('treats the site origin as internal', () => {
    expect(internalPath('https://quartier.example.org/impressum/', ['https://quartier.example.org'])).toBe('/impressum/');
    expect(internalPath('https://other.example.org/x', ['https://quartier.example.org'])).toBeUndefined();
    expect(internalPath('#oben')).toBeUndefined();
  });
});

describe('pathIndex', () => {
  // The built site's own paths are tested in internal-links-built.test.ts; here only how links are matched.
  const exists = pathIndex(['/', '/angebote/', '/angebote/live/', '/en/angebote/live/', '/admin/health.json', '/uploads/p.pdf', '/favicon.svg']);
  it.each([
    ['/', true],
    ['/angebote/live/', true],
    ['/angebote/live', true],
    ['/angebote/live/?x=1#a', true],
    ['/angebote//live/', true],
    ['/en/angebote/live/', true],
    ['/tr/angebote/live/', false],
    ['/angebote/ended/', false],
    ['/admin/health.json', true],
    ['/admin/health.json/', false],
    ['/uploads/p.pdf', true],
    ['/uploads/q.pdf', false],
  ])('%s exists: %s', (path, expected) => {
    expect(exists(path)).toBe(expected);
  });
});

describe('internal-link-broken', () => {
  it('names the link, the line and the reason, and who answers for it', () => {
    const set = {
      offers: [
        offer('alt', { ends_on: '2026-06-30', provider: 'org-a' }, 'Nachfolger: [neu](/angebote/weg/)'),
        offer('neu', { provider: 'org-a' }, 'Früher: [Kurs](/angebote/alt/).\n\nJetzt [hier](/angebote/neu/).'),
      ],
      organisations: [org('org-a', {}, 'Flyer: [PDF](/uploads/fehlt.pdf), [alt](/uploads/da.pdf)')],
      pages: [...REQUIRED, page('hilfe', 'Zur [Startseite](https://quartier.example.org/nirgends/) und zum [Impressum](/impressum/).')],
    };
    const pathExists = pathIndex(['/impressum/', '/angebote/neu/', '/uploads/da.pdf']);
    const findings = internalLinks(input(set, { pathExists }), DEFAULT_OPTIONS);
    // The expired offer's own page is not built, so its broken link is not on the site and not reported.
    expect(findings.map((f) => [f.entry.id, f.responsible]).sort()).toEqual([
      ['hilfe', undefined],
      ['neu', 'org-a'],
      ['org-a', 'org-a'],
    ]);
    expect(findings.find((f) => f.entry.id === 'hilfe')!.why).toBe(
      'Der Link auf „https://quartier.example.org/nirgends/“ (im Text, Zeile 1) führt ins Leere: diese Seite gibt es auf der Website nicht.',
    );
    expect(findings.find((f) => f.entry.id === 'neu')!.why).toBe('Der Link auf „/angebote/alt/“ (im Text, Zeile 1) führt ins Leere: das Angebot „Angebot alt“ ist ausgelaufen und nicht mehr auf der Website.');
    expect(findings.find((f) => f.entry.id === 'org-a')!.todo).toContain('hochladen');
  });

  it('is silent when no path index is given, and says so in the report', () => {
    const set = { pages: [...REQUIRED, page('x', '[a](/nirgends/)')] };
    expect(internalLinks(input(set), DEFAULT_OPTIONS)).toEqual([]);
    expect(computeHealth(input(set)).notes.some((n) => n.includes('innerhalb der Website'))).toBe(true);
  });
});

describe('external links', () => {
  const set = {
    organisations: [org('org-a', { website: 'https://a.example.org/' }), org('org-b', { website: 'https://b.example.org/' })],
    offers: [offer('kurs', { provider: 'org-b' }, 'Anmeldung bei [der VHS](https://vhs.example.org/kurs).')],
    meetings: [
      meeting('online-bald', { starts_at: '2026-12-01T10:00:00+01:00', location: { online_url: 'https://meet.example.org/raum' } }),
      meeting('online-vorbei', { starts_at: '2026-01-01T10:00:00+01:00', location: { online_url: 'https://meet.example.org/alt' } }),
    ],
    pages: [...REQUIRED, page('links', 'Siehe [Stadt](https://stadt.example.org/) und [intern](https://quartier.example.org/impressum/).')],
  };

  it('lists every external link with its entry as the link check work list', () => {
    const report = computeHealth(input(set));
    expect([...new Set(report.externalLinks.map((u) => u.url))].sort()).toEqual([
      'https://a.example.org/',
      'https://b.example.org/',
      'https://meet.example.org/raum',
      'https://stadt.example.org/',
      'https://vhs.example.org/kurs',
    ]);
    expect(report.externalLinks.find((u) => u.url.startsWith('https://vhs'))).toMatchObject({ responsible: 'org-b', entry: { id: 'kurs' }, line: 1 });
  });

  it('turns failed and permanently moved links into findings for the right entry', () => {
    const checkedAt = '2026-11-16T04:00:00.000Z';
    const links = {
      checkedAt,
      results: [
        { url: 'https://a.example.org/', ok: false, status: 404, error: 'http', failures: 3, checkedAt },
        { url: 'https://vhs.example.org/kurs', ok: false, error: 'timeout', failures: 1, checkedAt },
        { url: 'https://b.example.org/', ok: true, status: 200, finalUrl: 'https://www.b.example.org/', redirects: [{ from: 'https://b.example.org/', to: 'https://www.b.example.org/', status: 301 }], failures: 0, checkedAt },
        { url: 'https://stadt.example.org/', ok: true, status: 200, finalUrl: 'https://stadt.example.org/de/', redirects: [{ from: 'https://stadt.example.org/', to: 'https://stadt.example.org/de/', status: 302 }], failures: 0, checkedAt },
      ],
    };
    const base = computeHealth(input(set));
    const report = applyLinkReport(base, links);
    const failed = report.findings.filter((f) => f.rule === 'external-link-failed');
    expect(failed.map((f) => [f.entry.id, f.responsible])).toEqual([
      ['kurs', 'org-b'],
      ['org-a', 'org-a'],
    ]);
    expect(failed[1].why).toBe('Der Link „https://a.example.org/“ (im Feld „website“) ging bei den letzten 3 Prüfungen nicht: die Seite gibt es nicht mehr (Fehler 404).');
    expect(failed[0].why).toContain('bei der letzten Prüfung nicht: die Seite hat nicht rechtzeitig geantwortet');
    const moved = report.findings.filter((f) => f.rule === 'external-link-redirected');
    expect(moved.map((f) => f.entry.id)).toEqual(['org-b']);
    expect(report.links).toEqual({ checkedAt, checked: 4, failed: 2 });
    expect(report.notes.some((n) => n.includes('externe Links'))).toBe(false);
    // Applying a newer check replaces the old link findings instead of adding to them.
    const fixed = applyLinkReport(report, { checkedAt, results: links.results.map((r) => ({ ...r, ok: true, error: undefined, redirects: undefined, finalUrl: undefined })) });
    expect(fixed.findings.filter((f) => f.rule.startsWith('external-link'))).toEqual([]);
    expect(fixed.counts.warning).toBe(report.counts.warning - 2);
  });
});
