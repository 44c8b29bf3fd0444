/**
 * The built HSDS export of the sample content: every file valid against the official
 * HSDS 3.0 schemas, one service per published offer, ids derived from slugs, no e-mail.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/load-content.ts';
import { isOfferPublished } from '../../src/lib/publication.ts';
import { hsdsOrganizationId, hsdsServiceId } from '../../src/lib/exports/hsds.ts';
import { TEST_TODAY } from '../helpers/clock.ts';
import { DIST } from '../helpers/dist.ts';
import { validateHsdsDist } from './standards.ts';

const { content } = loadContent();
const published = content.offers.filter((o) => isOfferPublished(o.data, TEST_TODAY));
const read = (path: string) => JSON.parse(readFileSync(`${DIST}/api/hsds/${path}`, 'utf8'));

describe('HSDS export of the sample content', () => {
  it('validates against the HSDS 3.0 schemas with zero errors', () => {
    const report = validateHsdsDist(DIST);
    expect(report.problems).toEqual([]);
    expect(report.services).toBe(published.length);
    expect(report.organizations).toBe(content.organisations.length);
  });

  it('lists exactly the published offers, under ids derived from their slugs', () => {
    const ids = read('services.json').contents.map((s: { id: string }) => s.id).sort();
    expect(ids).toEqual(published.map((o) => hsdsServiceId(o.id)).sort());
    const hidden = content.offers.filter((o) => !isOfferPublished(o.data, TEST_TODAY));
    expect(hidden.length).toBeGreaterThan(0);
    for (const offer of hidden) expect(ids).not.toContain(hsdsServiceId(offer.id));
  });

  it('maps an offer completely: provider, place, times, languages, cost, categories, audiences', () => {
    const offer = published.find((o) => o.data.location && o.data.schedule?.length && o.data.audiences?.length && o.data.languages.length > 1);
    expect(offer, 'the sample content has an offer with place, times, audiences and several languages').toBeDefined();
    const d = offer!.data;
    const service = read(`services/${hsdsServiceId(offer!.id)}.json`);
    expect(service.name).toBe(d.title);
    expect(service.organization.id).toBe(hsdsOrganizationId(d.provider));
    expect(service.service_at_locations[0].location.addresses[0]).toMatchObject({ address_1: d.location!.street, postal_code: d.location!.postal_code, city: d.location!.city, country: 'DE' });
    expect(service.languages.map((l: { code: string }) => l.code)).toEqual(d.languages);
    expect(service.cost_options[0].amount === 0).toBe(d.cost.free);
    const slot = d.schedule![0];
    // The test build runs on a winter day: Berlin is at +01:00.
    expect(service.schedules[0]).toMatchObject({ freq: 'WEEKLY', opens_at: `${slot.opens}+01:00`, closes_at: `${slot.closes}+01:00` });
    const terms = service.attributes.map((a: { taxonomy_term: { code: string } }) => a.taxonomy_term.code);
    for (const c of d.categories) expect(terms).toContain(c);
    for (const a of d.audiences!) expect(terms).toContain(a);
  });

  it('exports no e-mail address at all, not even of organisations that show theirs', () => {
    const emails = [...content.organisations.flatMap((o) => [o.data.email, ...(o.data.contacts ?? []).map((c) => c.email)]), ...content.offers.map((o) => o.data.contact?.email)].filter(Boolean) as string[];
    expect(emails.length).toBeGreaterThan(0);
    const all = ['services.json', 'organizations.json'].map((f) => readFileSync(`${DIST}/api/hsds/${f}`, 'utf8')).join('\n');
    const details = content.organisations.map((o) => readFileSync(`${DIST}/api/hsds/organizations/${hsdsOrganizationId(o.id)}.json`, 'utf8')).join('\n');
    for (const email of emails) {
      expect(all).not.toContain(email);
      expect(details).not.toContain(email);
    }
  });
});
