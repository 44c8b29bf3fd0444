/**
 * schema.org JSON-LD on the detail pages, parsed from the built HTML: the right type,
 * the properties search engines require for it, and never an e-mail address.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/load-content.ts';
import { isOfferPublished } from '../../src/lib/publication.ts';
import { TEST_TODAY } from '../helpers/clock.ts';
import { DIST } from '../helpers/dist.ts';
import { emailKeys } from './standards.ts';

const { content } = loadContent();

function jsonLdOf(path: string): Record<string, any>[] {
  const html = readFileSync(join(DIST, path, 'index.html'), 'utf8');
  const head = html.slice(0, html.indexOf('</head>'));
  return [...head.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]));
}

function single(path: string, type: string | string[]) {
  const blocks = jsonLdOf(path);
  expect(blocks, path).toHaveLength(1);
  const data = blocks[0];
  expect(data['@context']).toBe('https://schema.org');
  expect(([] as string[]).concat(type)).toContain(data['@type']);
  expect(data.url).toBe(`https://${new URL(data.url).host}/${path}/`);
  expect(emailKeys(data), path).toEqual([]);
  expect(JSON.stringify(data)).not.toMatch(/@[a-z0-9-]+\.[a-z]{2,}/i);
  return data;
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

describe('JSON-LD', () => {
  it('describes every published offer as a Service with name, description and provider', () => {
    for (const offer of content.offers.filter((o) => isOfferPublished(o.data, TEST_TODAY))) {
      const data = single(`angebote/${offer.id}`, 'Service');
      expect(data.name).toBe(offer.data.title);
      expect(data.description).toBe(offer.data.summary);
      expect(data.provider.name).toBe(content.organisations.find((o) => o.id === offer.data.provider)!.data.name);
      expect(data.provider['@type']).toBeTruthy();
      if (offer.data.cost.free) expect(data.offers).toMatchObject({ price: 0, priceCurrency: 'EUR' });
      if (offer.data.location) expect(data.availableChannel.serviceLocation.address.streetAddress).toBe(offer.data.location.street);
      expect(data.hoursAvailable?.length ?? 0).toBe(offer.data.schedule?.length ?? 0);
    }
  });

  it('describes every organisation as an Organization (or subtype) with name and address', () => {
    for (const organisation of content.organisations) {
      const data = single(`organisationen/${organisation.id}`, ['Organization', 'GovernmentOrganization', 'NGO', 'School', 'Preschool', 'EducationalOrganization', 'Corporation']);
      expect(data.name).toBe(organisation.data.name);
      if (organisation.data.address) expect(data.address.postalCode).toBe(organisation.data.address.postal_code);
    }
  });

  it('uses the translated name and description on a language version and says which language', () => {
    const published = content.offers.filter((o) => isOfferPublished(o.data, TEST_TODAY));
    const translated = published.filter((o) => o.data.translations?.tr?.title && o.data.translations.tr.summary);
    expect(translated.length).toBeGreaterThan(0);
    for (const offer of translated) {
      const data = single(`tr/angebote/${offer.id}`, 'Service');
      expect(data.name).toBe(offer.data.translations!.tr!.title);
      expect(data.description).toBe(offer.data.translations!.tr!.summary);
      expect(data.inLanguage).toBe('tr');
      // One thing, many pages: the identifier stays the German page's.
      expect(data['@id']).toBe(single(`angebote/${offer.id}`, 'Service')['@id']);
    }
    expect(single(`angebote/${translated[0].id}`, 'Service')).toMatchObject({ name: translated[0].data.title, inLanguage: 'de' });

    const organisation = content.organisations.find((o) => o.data.translations?.ar?.summary)!;
    const ar = single(`ar/organisationen/${organisation.id}`, ['Organization', 'GovernmentOrganization', 'NGO', 'School', 'Preschool', 'EducationalOrganization', 'Corporation']);
    expect(ar).toMatchObject({ name: organisation.data.name, description: organisation.data.translations!.ar!.summary, inLanguage: 'ar' });
  });

  // An untranslated offer's JSON-LD (German name, inLanguage de): tests/i18n/fallback.browser.test.ts.

  it('describes every meeting as an Event with name, start (with offset), location, status and organizer', () => {
    for (const meeting of content.meetings) {
      const data = single(`archiv/${meeting.id}`, 'Event');
      expect(data.name).toBe(meeting.data.title);
      expect(data.startDate).toMatch(ISO_WITH_OFFSET);
      expect(Date.parse(data.startDate)).toBe(Date.parse(meeting.data.starts_at));
      if (meeting.data.location) expect(data.location, meeting.id).toBeDefined();
      expect(data.eventStatus).toBe(meeting.data.cancelled ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled');
      expect(data.organizer.name).toBe(content.settings!.title);
    }
  });

  it('describes every post as a NewsArticle with headline, date, author and publisher', () => {
    for (const post of content.news) {
      const data = single(`aktuelles/${post.id}`, 'NewsArticle');
      expect(data.headline.length).toBeLessThanOrEqual(110);
      expect(data.datePublished).toMatch(ISO_WITH_OFFSET);
      expect(data.datePublished.slice(0, 10)).toBe(post.data.date);
      expect(data.author.name).toBeTruthy();
      expect(data.publisher.name).toBe(content.settings!.title);
    }
  });
});
