/** Each rule of the health report on small fixture content, the clock fixed by the input. */
import { describe, expect, it } from 'vitest';
import { reviewOverdue } from '../../src/lib/health/review-overdue.ts';
import { offerEnded, offerEndingSoon } from '../../src/lib/health/offer-ending.ts';
import { minutesMissing } from '../../src/lib/health/minutes-missing.ts';
import { requiredPages } from '../../src/lib/health/required-pages.ts';
import { invalidContent } from '../../src/lib/health/invalid-content.ts';
import { uploads } from '../../src/lib/health/uploads.ts';
import { DEFAULT_OPTIONS } from '../../src/lib/health/types.ts';
import { computeHealth, exitCode } from '../../src/lib/health/index.ts';
import { NOW, REQUIRED, TODAY, input, meeting, news, offer, org, page } from './fixtures.ts';

const ids = (findings: { entry: { id: string } }[]) => findings.map((f) => f.entry.id).sort();

describe('review-overdue', () => {
  it('flags organisations and offers not confirmed within the interval, and names who answers', () => {
    const findings = reviewOverdue(
      input({
        organisations: [org('org-a', { reviewed_at: '2025-11-20' }), org('org-b', { reviewed_at: '2025-11-21' })],
        offers: [
          offer('stale', { reviewed_at: '2025-01-01', provider: 'org-b' }),
          offer('fresh', { reviewed_at: '2026-06-01' }),
          offer('stale-draft', { reviewed_at: '2024-01-01', draft: true }),
          offer('stale-ended', { reviewed_at: '2024-01-01', ends_on: '2026-11-20' }),
        ],
      }),
      DEFAULT_OPTIONS,
    );
    // Due one interval after the review: 2025-11-20 + 12 months = 2026-11-20 < today; 2025-11-21 is due today.
    expect(ids(findings)).toEqual(['org-a', 'stale']);
    expect(findings.find((f) => f.entry.id === 'stale')).toMatchObject({ responsible: 'org-b', severity: 'warning', date: '2026-01-01' });
    expect(findings[0].why).toContain('20. November 2025');
    expect(findings[0].todo).toContain('„Zuletzt geprüft am“ auf heute');
  });

  it('follows review_interval_months from the settings', () => {
    const base = input({ organisations: [org('org-a', { reviewed_at: '2026-05-01' })] });
    expect(reviewOverdue(base, DEFAULT_OPTIONS)).toEqual([]);
    base.content.settings = { ...base.content.settings!, review_interval_months: 6 };
    expect(ids(reviewOverdue(base, DEFAULT_OPTIONS))).toEqual(['org-a']);
  });
});

describe('offers ending and ended', () => {
  const offers = [
    offer('ends-today', { ends_on: TODAY }),
    offer('ends-in-30', { ends_on: '2026-12-21' }),
    offer('ends-in-31', { ends_on: '2026-12-22' }),
    offer('ended-yesterday', { ends_on: '2026-11-20' }),
    offer('no-end'),
    offer('draft-ending', { ends_on: '2026-11-30', draft: true }),
  ];
  it('lists offers ending within 30 days', () => {
    const findings = offerEndingSoon(input({ offers }), DEFAULT_OPTIONS);
    expect(ids(findings)).toEqual(['ends-in-30', 'ends-today']);
    expect(findings.every((f) => f.severity === 'info' && f.responsible === 'org-a')).toBe(true);
  });
  it('lists offers that ended (already hidden by the build)', () => {
    const findings = offerEnded(input({ offers }), DEFAULT_OPTIONS);
    expect(ids(findings)).toEqual(['ended-yesterday']);
    expect(findings[0].why).toContain('nicht mehr gezeigt');
  });
});

describe('minutes-missing', () => {
  it('flags meetings more than 14 days past without minutes or a protokoll document', () => {
    const meetings = [
      meeting('day-14', { starts_at: '2026-11-07T14:00:00+01:00', ends_at: '2026-11-07T16:00:00+01:00' }),
      meeting('day-15', { starts_at: '2026-11-06T14:00:00+01:00' }),
      // Judged by the day in Münster: 00:30 on 7 November is still the 6th in UTC, but the 7th here.
      meeting('late-evening', { starts_at: '2026-11-06T23:30:00+01:00' }),
      meeting('after-midnight', { starts_at: '2026-11-07T00:30:00+01:00' }),
      meeting('with-body', { starts_at: '2026-01-10T10:00:00+01:00' }, '## TOP 1\n\nBesprochen …'),
      meeting('with-pdf', { starts_at: '2026-01-10T10:00:00+01:00', documents: [{ title: 'Protokoll', file: '/uploads/p.pdf', kind: 'protokoll' }] }),
      meeting('only-invitation', { starts_at: '2026-01-10T10:00:00+01:00', documents: [{ title: 'Einladung', file: '/uploads/e.pdf', kind: 'einladung' }] }, '   \n'),
      meeting('cancelled', { starts_at: '2026-01-10T10:00:00+01:00', cancelled: true }),
      meeting('future', { starts_at: '2026-12-10T10:00:00+01:00' }),
    ];
    const findings = minutesMissing(input({ meetings }), DEFAULT_OPTIONS);
    expect(ids(findings)).toEqual(['day-15', 'late-evening', 'only-invitation']);
    expect(findings.every((f) => f.responsible === undefined)).toBe(true);
  });
});

describe('required-page-missing and invalid-content', () => {
  it('reports a missing required page as an error and makes the CLI fail', () => {
    const pages = REQUIRED.filter((p) => p.id !== 'impressum');
    const problems = [{ file: 'content/pages/impressum.md', message: 'Diese Pflichtseite fehlt. Legen Sie sie unter „Seiten“ an.' }];
    const findings = requiredPages(input({ pages }, { problems }), DEFAULT_OPTIONS);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', entry: { id: 'impressum', title: 'Impressum' } });
    expect(findings[0].todo).toContain('„impressum“');
    // The loader's own "missing page" problem is not repeated as invalid content.
    expect(invalidContent(input({ pages }, { problems }), DEFAULT_OPTIONS)).toEqual([]);
    expect(exitCode(computeHealth(input({ pages }, { problems })))).toBe(1);
  });

  it('says a required page is broken, not missing, when its file has errors', () => {
    const pages = REQUIRED.filter((p) => p.id !== 'datenschutz');
    const problems = [{ file: 'content/pages/datenschutz.md', field: 'title', message: 'Darf nicht leer sein. Bitte ausfüllen.' }];
    const [finding] = requiredPages(input({ pages }, { problems }), DEFAULT_OPTIONS);
    expect(finding.why).toContain('fehlerhaft');
    const [invalid] = invalidContent(input({ pages }, { problems }), DEFAULT_OPTIONS);
    expect(invalid).toMatchObject({ severity: 'error', entry: { collection: 'pages', id: 'datenschutz' } });
    expect(invalid.why).toBe('Feld „title“: Darf nicht leer sein. Bitte ausfüllen.');
  });

  it('exits 0 with warnings only', () => {
    const report = computeHealth(input({ organisations: [org('org-a', { reviewed_at: '2020-01-01' })] }));
    expect(report.counts).toMatchObject({ error: 0, warning: 1 });
    expect(exitCode(report)).toBe(0);
  });
});

describe('uploads', () => {
  it('flags files over the size limit and files nothing links to', () => {
    const files = [
      { path: '/uploads/protokoll.pdf', bytes: 200_000 },
      { path: '/uploads/anhang.pdf', bytes: 100_000 },
      { path: '/uploads/im-text.pdf', bytes: 100_000 },
      { path: '/uploads/riesig.pdf', bytes: 6 * 1024 * 1024 },
      { path: '/uploads/vergessen.pdf', bytes: 1_000 },
    ];
    const findings = uploads(
      input(
        {
          meetings: [meeting('m', { documents: [{ title: 'Protokoll', file: '/uploads/protokoll.pdf', kind: 'protokoll' }] })],
          news: [news('n', { attachments: [{ title: 'Anhang', file: '/uploads/anhang.pdf' }] })],
          pages: [...REQUIRED, page('infos', 'Siehe [PDF](/uploads/im-text.pdf) und [noch eins](https://quartier.example.org/uploads/riesig.pdf).')],
        },
        { uploads: files },
      ),
      DEFAULT_OPTIONS,
    );
    expect(findings.map((f) => `${f.rule} ${f.entry.id}`).sort()).toEqual(['upload-too-large /uploads/riesig.pdf', 'upload-unreferenced /uploads/vergessen.pdf']);
    expect(findings.find((f) => f.rule === 'upload-too-large')?.why).toContain('6,0 MB');
  });
});

describe('computeHealth', () => {
  it('sorts errors first and keeps the clock of its input', () => {
    const report = computeHealth(
      input(
        { pages: REQUIRED.slice(1), offers: [offer('ended', { ends_on: '2026-01-01' })], organisations: [org('org-a', { reviewed_at: '2020-01-01' })] },
        { uploads: [] },
      ),
    );
    expect(report.findings.map((f) => f.severity)).toEqual(['error', 'warning', 'info']);
    expect(report.today).toBe(TODAY);
    expect(report.generatedAt).toBe(NOW.toISOString());
    expect(report.notes.some((n) => n.includes('externe Links'))).toBe(true);
  });
});
