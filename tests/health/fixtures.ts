/**
 * Small ContentSets for the health rules, built through the real schemas so defaults
 * (draft: false, languages …) are what the loader would produce.
 */
import type { ContentSet, Entry } from '../../src/lib/load-content.ts';
import { meetingSchema, newsSchema, offerSchema, organisationSchema, pageSchema, settingsSchema } from '../../src/schema/index.ts';
import type { HealthInput } from '../../src/lib/health/types.ts';
import { TRANSLATION_LANGUAGES } from '../../src/schema/translations.ts';

export const TODAY = '2026-11-21';
export const NOW = new Date('2026-11-21T10:00:00+01:00');

export const settings = settingsSchema.parse({
  title: 'Testnetz',
  district: 'Kinderhaus',
  city: 'Münster',
  tagline: 'Test',
  office: { name: 'Sozialbüro', street: 'Weg 1', postal_code: '48159', city: 'Münster', email: 'office@example.org', phone: '0251 0001000' },
  map: { center: { lat: 52, lng: 7.6 }, zoom: 15, tiles_url: 'https://tiles.example.org/{z}/{x}/{y}.png', attribution: 'Test' },
  newsletter: { from_name: 'Testnetz', from_email: 'news@example.org' },
  review_interval_months: 12,
  website_url: 'https://quartier.example.org',
});

function entry<T>(folder: string, id: string, data: T, body = ''): Entry<T> {
  return { id, file: `content/${folder}/${id}.md`, data, body };
}

export const org = (id: string, data: Record<string, unknown> = {}, body = '') =>
  entry('organisations', id, organisationSchema.parse({ name: `Org ${id}`, kind: 'verein', summary: 'Test', reviewed_at: '2026-10-01', ...data }), body);

export const offer = (id: string, data: Record<string, unknown> = {}, body = '') =>
  entry(
    'offers',
    id,
    offerSchema.parse({ title: `Angebot ${id}`, summary: 'Test', provider: 'org-a', categories: ['sprache'], cost: { free: true }, online: true, reviewed_at: '2026-10-01', ...data }),
    body,
  );

export const meeting = (id: string, data: Record<string, unknown> = {}, body = '') =>
  entry('meetings', id, meetingSchema.parse({ title: `Treffen ${id}`, starts_at: '2026-10-01T14:00:00+02:00', ...data }), body);

export const news = (id: string, data: Record<string, unknown> = {}, body = '') =>
  entry('news', id, newsSchema.parse({ title: `Meldung ${id}`, date: '2026-10-01', summary: 'Test', ...data }), body);

export const page = (id: string, body = '', data: Record<string, unknown> = {}) => entry('pages', id, pageSchema.parse({ title: `Seite ${id}`, ...data }), body);

export const REQUIRED = ['impressum', 'datenschutz', 'barrierefreiheit', 'leichte-sprache'].map((id) => page(id));

function everyLanguage(label: string) {
  return Object.fromEntries(TRANSLATION_LANGUAGES.map((lang) => [lang, { label: `${label} (${lang})`, machine_translated: true }]));
}

export function content(parts: Partial<ContentSet> = {}): ContentSet {
  return {
    settings,
    // Translated into every language, like a healthy site: no finding unless a test asks for one.
    categories: [{ slug: 'sprache', label: 'Sprache', translations: everyLanguage('Language') }],
    audiences: [{ slug: 'familien', label: 'Familien', translations: everyLanguage('Families') }],
    networks: [],
    organisations: [org('org-a')],
    offers: [],
    meetings: [],
    news: [],
    pages: REQUIRED,
    ...parts,
  };
}

export function input(parts: Partial<ContentSet> = {}, extra: Partial<HealthInput> = {}): HealthInput {
  return { content: content(parts), today: TODAY, now: NOW, ...extra };
}
