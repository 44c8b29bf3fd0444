/**
 * File names from titles, as Decap makes them with this project's config: umlauts written
 * out (ä → ae, ß → ss), a valid slug for the site, the same as the save check predicts.
 * Runs Decap's own template and sanitising code with our collections' slug templates.
 */
import { fromJS } from 'immutable';
import flow from 'lodash/flow';
import { describe, expect, it } from 'vitest';
import { compileStringTemplate } from 'decap-cms-lib-widgets/dist/esm/stringTemplate.js';
import { sanitizeSlug } from 'decap-cms-core/dist/esm/lib/urlHelper.js';
import { buildCmsConfig } from '../../admin/config/build-config.ts';
import { backendFromEnv, collectCmsData } from '../../admin/config/cms-data.ts';
import { predictSlug, useGermanTransliteration } from '../../admin/lib/german-slug.ts';
import { loadContent } from '../../src/lib/load-content.ts';
import { SLUG_PATTERN } from '../../src/schema/common.ts';

const config = buildCmsConfig(collectCmsData(loadContent(process.cwd()).content, backendFromEnv({})), '2026-11-21');

/**
 * decap-cms-core 3.19 `slugFormatter` without its store imports: `prepareSlug` (copied from
 * lib/formatters.js) and `sanitizeSlug` applied to every template value.
 */
const prepareSlug = (slug: string) => slug.trim().toLocaleLowerCase().replace(/[']/g, '').replace(/[.]/g, '-');
function decapSlug(name: string, data: Record<string, unknown>): string {
  const template = String(config.collections.find((c) => c.name === name)?.slug);
  const processSegment = (value: unknown) => flow([String, prepareSlug, (v: string) => sanitizeSlug(v, config.slug)])(value) as string;
  return compileStringTemplate(template, new Date(), '', fromJS(data), processSegment) as string;
}

describe('slugs from titles', () => {
  useGermanTransliteration();

  it.each([
    ['Sprachcafé für Mütter & Väter', 'sprachcafe-fuer-muetter-vaeter'],
    ['Große Straßenfest-Börse', 'grosse-strassenfest-boerse'],
    ['ÜBER 50: Job-Perspektive', 'ueber-50-job-perspektive'],
    ['Deutschkurs A1.2 (Abend)', 'deutschkurs-a1-2-abend'],
    ['Çay-Saati & Café Öz', 'cay-saati-cafe-oez'],
  ])('%s → %s', (title, slug) => {
    expect(decapSlug('offers', { title })).toBe(slug);
    expect(predictSlug(title)).toBe(slug);
    expect(slug).toMatch(SLUG_PATTERN);
  });

  it('names organisations after their name and meetings after their date and title', () => {
    expect(decapSlug('organisations', { name: 'Kinderhauser Arbeitslosen Initiative e.V.' })).toBe('kinderhauser-arbeitslosen-initiative-e-v');
    expect(decapSlug('meetings', { title: 'Treffen Netzwerk I – Sprache', starts_at: '2027-03-02T14:00:00+01:00' })).toBe('2027-03-02-treffen-netzwerk-i-sprache');
  });

  it('gives uploaded files safe names too', () => {
    // Decap names an upload with sanitizeSlug(file name in lower case, config.slug).
    const name = sanitizeSlug('Protokoll März 2026 (Entwurf).PDF'.toLowerCase(), config.slug);
    expect(name).toBe('protokoll-maerz-2026-entwurf-.pdf');
    expect(`/uploads/${name}`).toMatch(/^\/uploads\/[A-Za-z0-9._/-]+$/);
  });
});
