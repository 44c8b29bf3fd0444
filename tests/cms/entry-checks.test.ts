/**
 * The save check refuses what the build would refuse, in German, with the field's label;
 * the review filter's date pattern and the "still current" status say the right thing.
 */
import { describe, expect, it } from 'vitest';
import { datesBeforePattern } from '../../admin/config/date-patterns.ts';
import { checkEntry, EntryCheckError, labelPath, pruneEmpty } from '../../admin/lib/entry-checks.ts';
import { offerSchema } from '../../src/schema/offer.ts';
import { addDays } from '../../src/lib/dates.ts';
import { monthsBetween, reviewStatus } from '../../admin/widgets/reviewed.ts';
import { toLatLng } from '../../admin/widgets/geo.ts';

const context = { usedTerms: { categories: ['sprache'], audiences: ['eltern'] } };
const offer = {
  title: 'Sprachcafé',
  summary: 'Deutsch sprechen beim Kaffee.',
  provider: 'kinderhauser-arbeitslosen-initiative',
  categories: ['sprache'],
  cost: { free: true, note: '' },
  online: false,
  location: { name: '', street: 'Sprickmannplatz 1', postal_code: '48159', city: 'Münster', geo: { lat: 52.0045, lng: 7.6098 } },
  reviewed_at: '2026-11-21',
  draft: false,
  body: 'Text',
};

describe('checkEntry', () => {
  it('accepts a valid offer and tidies empty values away', () => {
    const result = checkEntry({ collection: 'offers', data: { ...offer, networks: [], audiences: null, keywords: [''] }, isNew: true }, context);
    expect(result.problems).toEqual([]);
    expect(result.data).not.toHaveProperty('networks');
    expect(result.data).not.toHaveProperty('keywords');
    expect(result.data.cost).toEqual({ free: true });
    expect((result.data.location as Record<string, unknown>).name).toBeUndefined();
    expect(result.data.body).toBe('Text');
  });

  it('asks for a place unless the offer is online', () => {
    const { problems } = checkEntry({ collection: 'offers', data: { ...offer, location: { street: '', city: '' } }, isNew: false }, context);
    expect(problems).toEqual(['Ort: Ort fehlt. Geben Sie einen Ort an oder kreuzen Sie „Online“ an.']);
  });

  it('asks for the rest of a half-filled place, by its German labels', () => {
    const { problems } = checkEntry({ collection: 'offers', data: { ...offer, location: { street: 'Sprickmannplatz 1' } }, isNew: false }, context);
    expect(problems).toEqual(['Ort › Postleitzahl: Pflichtfeld fehlt. Bitte ausfüllen.', 'Ort › Ort: Pflichtfeld fehlt. Bitte ausfüllen.']);
  });

  it('names list positions as editors count them', () => {
    const { problems } = checkEntry({ collection: 'offers', data: { ...offer, schedule: [{ days: ['tu'], opens: '10:00', closes: '09:00' }] }, isNew: false }, context);
    expect(problems).toEqual(['Feste Zeiten 1 › Ende: Das Ende muss nach dem Beginn liegen.']);
    expect(labelPath(offerSchema, ['schedule', 1, 'opens'])).toBe('Feste Zeiten 2 › Beginn');
  });

  it('refuses a title that makes no valid file name, and addresses the site uses', () => {
    expect(checkEntry({ collection: 'offers', data: { ...offer, title: 'Kurs_A' }, isNew: true }, context).problems[0]).toMatch(/kein Dateiname/);
    expect(checkEntry({ collection: 'offers', data: { ...offer, title: 'Kurs_A' }, isNew: false }, context).problems).toEqual([]);
    const page = { title: 'Admin', footer: false, body: 'x' };
    expect(checkEntry({ collection: 'pages', data: page, isNew: true }, context).problems).toEqual([
      'Die Adresse /admin/ gehört schon zur Website selbst. Bitte wählen Sie einen anderen Titel.',
    ]);
  });

  it('checks the settings and the taxonomy lists', () => {
    expect(checkEntry({ collection: 'settings', file: 'site', data: { title: 'x' }, isNew: false }, context).problems).toContain('Stadtteil: Pflichtfeld fehlt. Bitte ausfüllen.');
    const items = [
      { slug: 'arbeit', label: 'Arbeit' },
      { slug: 'arbeit', label: 'Jobs' },
      { slug: 'Ä', label: 'x' },
    ];
    const { problems } = checkEntry({ collection: 'taxonomies', file: 'categories', data: { items }, isNew: false }, context);
    expect(problems).toEqual([
      'Thema 2: Die Kennung „arbeit“ kommt doppelt vor. Jede Kennung darf nur einmal vorkommen.',
      'Thema 3: Kennung: Keine gültige Kennung: erlaubt sind nur a–z, 0–9 und Bindestriche.',
      'Thema „sprache“ wird noch von Angeboten genutzt. Ändern Sie zuerst diese Angebote oder lassen Sie den Begriff stehen.',
    ]);
  });

  it('shows at most four problems in the message', () => {
    const error = new EntryCheckError(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(String(error)).toBe('Bitte korrigieren: a · b · c · d (und 2 weitere)');
  });
});

describe('pruneEmpty', () => {
  it('drops empty strings, nulls, empty lists and empty groups but keeps false and 0', () => {
    expect(pruneEmpty({ a: '', b: null, c: [], d: { e: '' }, f: false, g: 0, h: [{ i: '' }, 'x'] })).toEqual({ f: false, g: 0, h: ['x'] });
  });
});

describe('datesBeforePattern', () => {
  it('matches exactly the dates before the cut-off', () => {
    for (const cutoff of ['2025-11-21', '2026-01-01', '2026-10-09', '2030-12-31', '2000-02-10']) {
      const pattern = new RegExp(datesBeforePattern(cutoff));
      for (let offset = -800; offset <= 800; offset += 7) {
        const date = addDays(cutoff, offset);
        expect(pattern.test(date), `${date} vs ${cutoff}`).toBe(date < cutoff);
      }
      expect(pattern.test(addDays(cutoff, -1))).toBe(true);
      expect(pattern.test(cutoff)).toBe(false);
    }
  });
});

describe('review status', () => {
  it('counts months and flags entries older than the interval', () => {
    expect(monthsBetween('2026-01-31', '2026-03-01')).toBe(1);
    expect(reviewStatus('2026-11-21', '2026-11-21', 12)).toEqual({ text: 'Zuletzt bestätigt am 21. November 2026 (heute).', overdue: false });
    expect(reviewStatus('2025-10-01', '2026-11-21', 12).overdue).toBe(true);
    expect(reviewStatus('2025-10-01', '2026-11-21', 12).text).toContain('vor 13 Monaten');
    expect(reviewStatus(undefined, '2026-11-21', 12).overdue).toBe(true);
  });
});

describe('geo values', () => {
  it('reads plain objects, Immutable-like maps and GeoJSON points', () => {
    expect(toLatLng({ lat: 52, lng: 7.6 })).toEqual({ lat: 52, lng: 7.6 });
    expect(toLatLng({ toJS: () => ({ lat: 52, lng: 7.6 }) })).toEqual({ lat: 52, lng: 7.6 });
    expect(toLatLng('{"type":"Point","coordinates":[7.6,52]}')).toEqual({ lat: 52, lng: 7.6 });
    expect(toLatLng('')).toEqual({});
  });
});

describe('backend from the build environment', () => {
  it('defaults to GitHub through Netlify with drafts, and takes a gateway by configuration', async () => {
    const { backendFromEnv, connectOrigins } = await import('../../admin/config/cms-data.ts');
    const { buildCmsConfig } = await import('../../admin/config/build-config.ts');
    const data = (env: Record<string, string>) => ({ backend: backendFromEnv(env), organisations: [], networks: [], categories: [], audiences: [], usedTerms: { categories: [], audiences: [] }, map: undefined, reviewIntervalMonths: 12 });

    const github = buildCmsConfig(data({ PUBLIC_CMS_REPO: 'sozialbuero/quartiersnetz' }), '2026-11-21');
    expect(github.backend).toMatchObject({ name: 'github', repo: 'sozialbuero/quartiersnetz', branch: 'main', base_url: 'https://api.netlify.com', auth_endpoint: 'auth', open_authoring: false });
    expect(github.publish_mode).toBe('editorial_workflow');
    expect(github.local_backend).toBe(true);

    const gateway = data({ PUBLIC_CMS_BACKEND: 'git-gateway', PUBLIC_CMS_BACKEND_OPTIONS: '{"gateway_url":"https://gateway.example.org","base_url":"https://auth.example.org"}', PUBLIC_CMS_LOCAL_BACKEND_URL: 'http://localhost:9999/api/v1' });
    const config = buildCmsConfig(gateway, '2026-11-21');
    expect(config.backend).toMatchObject({ name: 'git-gateway', gateway_url: 'https://gateway.example.org', base_url: 'https://auth.example.org' });
    expect(config.backend).not.toHaveProperty('repo');
    expect(config.local_backend).toEqual({ url: 'http://localhost:9999/api/v1' });
    expect(connectOrigins(gateway.backend).sort()).toEqual(['http://localhost:9999', 'https://auth.example.org', 'https://gateway.example.org']);

    expect(backendFromEnv({ PUBLIC_CMS_BACKEND_OPTIONS: '{nope' }).problem).toMatch(/kein gültiges JSON-Objekt/);
  });
});
