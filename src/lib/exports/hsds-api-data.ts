/**
 * The HSDS export cut into the API's five resources: for each, the list items with the
 * facts their filters read (the build hands these to the list function as
 * generated/opendata.json) and the detail answer of each `/{id}`, which the build
 * pre-renders. One function for both, so the function and the static files can never
 * show different records.
 */
import type { HsdsApiData, HsdsRecord, HsdsResourceName } from './hsds-api.ts';
import { searchableText } from './hsds-api.ts';
import type { HsdsExport } from './hsds.ts';
import { german } from '../content-order.ts';

type Json = Record<string, unknown>;

export interface HsdsEntry {
  record: HsdsRecord;
  /** The `/{id}` answer; computed on demand, since the lists need only the records. */
  detail: () => Json;
}

const byName = (a: HsdsEntry, b: HsdsEntry) => german.compare(String(a.record.item.name ?? a.record.item.description), String(b.record.item.name ?? b.record.item.description)) || String(a.record.item.id).localeCompare(String(b.record.item.id));

export function hsdsEntries(hsds: HsdsExport): Record<HsdsResourceName, HsdsEntry[]> {
  const { offers, organisations } = hsds.source;
  const organisationNames = new Map(organisations.map((o) => [o.id, o.data.name]));

  // Services and service_at_locations read the same facts of an offer: work them out once.
  const facetsOf = new Map<string, ReturnType<typeof offerFacetsOf>>();
  const offerFacets = (offer: (typeof offers)[number]) => {
    let facets = facetsOf.get(offer.id);
    if (!facets) facetsOf.set(offer.id, (facets = offerFacetsOf(offer)));
    return facets;
  };
  const offerFacetsOf = (offer: (typeof offers)[number]) => {
    const terms = hsds.serviceTerms(offer.data).map(({ term }) => term);
    const service = hsds.serviceListItem(offer);
    return {
      service,
      facets: {
        organization_id: String(service.organization_id),
        modified: String(service.last_modified),
        taxonomy_term_ids: terms.map((term) => String(term.id)),
        taxonomy_ids: [...new Set(terms.map((term) => String(term.taxonomy_id)))],
      },
      words: [offer.data.title, offer.data.summary, offer.body, organisationNames.get(offer.data.provider), ...(offer.data.keywords ?? []), ...terms.map((term) => String(term.name))],
    };
  };

  const services = offers.map((offer): HsdsEntry => {
    const { service, facets, words } = offerFacets(offer);
    return { record: { item: service, ...facets, text: searchableText(...words) }, detail: () => hsds.service(offer) };
  });

  const serviceAtLocations = offers
    .filter((offer) => offer.data.location)
    .map((offer): HsdsEntry => {
      const { facets, words } = offerFacets(offer);
      const place = offer.data.location!;
      return {
        record: { item: hsds.serviceAtLocationListItem(offer), ...facets, text: searchableText(...words, place.name, place.street, place.postal_code, place.city) },
        detail: () => hsds.serviceAtLocationDetail(offer),
      };
    });

  const organizations = organisations.map((organisation): HsdsEntry => {
    const item = hsds.organizationListItem(organisation);
    return { record: { item, text: searchableText(organisation.data.name, organisation.data.short_name, String(item.description)) }, detail: () => hsds.organization(organisation) };
  });

  const taxonomies = hsds.taxonomies().map((taxonomy): HsdsEntry => ({ record: { item: taxonomy, text: searchableText(String(taxonomy.name), String(taxonomy.description)) }, detail: () => taxonomy }));

  // Grouped by taxonomy, by name within each: the same order whichever loader read the lists.
  const taxonomyOrder = taxonomies.map((t) => String(t.record.item.id));
  const rank = (entry: HsdsEntry) => taxonomyOrder.indexOf(String(entry.record.item.taxonomy_id));
  const terms = hsds.taxonomyTerms().map((term): HsdsEntry => ({
    record: { item: term, taxonomy_ids: [String(term.taxonomy_id)], text: searchableText(String(term.name), String(term.description), String(term.code)) },
    detail: () => term,
  }));

  return {
    services: services.sort(byName),
    organizations: organizations.sort(byName),
    taxonomies,
    taxonomy_terms: terms.sort((a, b) => rank(a) - rank(b) || byName(a, b)),
    service_at_locations: serviceAtLocations.sort(byName),
  };
}

/** The records only: what generated/opendata.json carries for functions/hsds-api.ts. */
export function hsdsApiData(entries: Record<HsdsResourceName, HsdsEntry[]>): HsdsApiData {
  return Object.fromEntries(Object.entries(entries).map(([name, list]) => [name, list.map((entry) => entry.record)])) as HsdsApiData;
}
