/**
 * Offers and organisations as Open Referral HSDS 3.0: the format city portals and
 * national directories read. Pure mapping from validated content to plain objects; the
 * endpoints under src/pages/api/hsds/, the detail files (hsds-detail-files.ts) and the
 * list function (through hsds-api-data.ts) only serialise them.
 *
 * What is never exported: e-mail addresses (the content model publishes none here) and
 * names of contact persons (roles only). Missing values are left out, never `null`: the
 * HSDS schemas allow absence, not `null`.
 */
import type { Offer, Organisation, ScheduleSlot, Settings, TaxonomyTerm } from '../../schema/index.ts';
import { DAYS } from '../../schema/common.ts';
import { ORGANISATION_KINDS } from '../../schema/organisation.ts';
import { MARKDOWN_COLLECTIONS } from '../../schema/index.ts';
import { languageName as displayLanguageName, t, type MessageKey } from '../../i18n/index.ts';
import { formatSlot, sortDays } from '../schedule.ts';
import { COUNTRY_CODE, STATE_PROVINCE } from './config.ts';
import { hsdsPage } from './hsds-api.ts';
import { exportId } from './ids.ts';
import { markdownToText, paragraphs } from './text.ts';
import { berlinOffsetMinutes, formatOffset } from './time.ts';
import type { TimesOf } from './timestamps.ts';

export interface ContentEntry<T> {
  id: string;
  data: T;
  body?: string;
}

export interface HsdsSource {
  site: URL;
  /** The build's "now": fixes the UTC offset written into opening times. */
  instant: Date;
  settings: Settings;
  categories: TaxonomyTerm[];
  audiences: TaxonomyTerm[];
  organisations: ContentEntry<Organisation>[];
  /** Published offers only (drafts and expired offers are never exported). */
  offers: ContentEntry<Offer>[];
  timesOf: TimesOf;
}

type Json = Record<string, unknown>;

// Intl.DisplayNames is costly to set up and the same few codes repeat thousands of times.
const languageNames = new Map<string, string>();
const languageName = (code: string) => {
  let name = languageNames.get(code);
  if (name === undefined) languageNames.set(code, (name = displayLanguageName(code)));
  return name;
};

const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length > 0 ? list : undefined);

export function hsdsServiceId(offerSlug: string): string {
  return exportId('service', offerSlug);
}

export function hsdsOrganizationId(organisationSlug: string): string {
  return exportId('organization', organisationSlug);
}

export function hsdsServiceAtLocationId(offerSlug: string): string {
  return exportId('service_at_location', offerSlug);
}

interface Taxonomy {
  key: string;
  name: string;
  description: string;
}

const TAXONOMIES = {
  categories: { key: 'categories', name: 'Quartiersnetz: Themen', description: 'Worum es bei einem Angebot geht (Sprache, Arbeit, Beratung …).' },
  audiences: { key: 'audiences', name: 'Quartiersnetz: Zielgruppen', description: 'Für wen ein Angebot gedacht ist. Ohne Zielgruppe ist es für alle.' },
  features: { key: 'features', name: 'Quartiersnetz: Merkmale', description: 'Besondere Merkmale eines Angebots.' },
  kinds: { key: 'organisation-kinds', name: 'Quartiersnetz: Arten von Organisationen', description: 'Welche Art von Organisation ein Partner ist.' },
} satisfies Record<string, Taxonomy>;

const hsdsTaxonomyId = (taxonomy: Taxonomy) => exportId('taxonomy', taxonomy.key);

/** A taxonomy as HSDS's `taxonomy` (the `/taxonomies` items and `taxonomy_detail`). */
function hsdsTaxonomy(taxonomy: Taxonomy): Json {
  return { id: hsdsTaxonomyId(taxonomy), name: taxonomy.name, description: taxonomy.description };
}

function taxonomyTerm(taxonomy: Taxonomy, code: string, name: string, description?: string): Json {
  const taxonomyId = hsdsTaxonomyId(taxonomy);
  return {
    id: exportId('taxonomy_term', taxonomy.key, code),
    code,
    name,
    description: description ?? name,
    taxonomy: taxonomy.name,
    taxonomy_id: taxonomyId,
    taxonomy_detail: hsdsTaxonomy(taxonomy),
  };
}

function attribute(owner: { kind: string; slug: string; id: string }, term: Json, linkType: string): Json {
  return {
    id: exportId('attribute', owner.kind, owner.slug, String(term.taxonomy_id), String(term.code)),
    link_id: owner.id,
    link_type: linkType,
    link_entity: owner.kind,
    taxonomy_term_id: term.id,
    taxonomy_term: term,
  };
}

const ICAL_DAYS: Record<(typeof DAYS)[number], string> = { mo: 'MO', tu: 'TU', we: 'WE', th: 'TH', fr: 'FR', sa: 'SA', su: 'SU' };

export class HsdsExport {
  readonly source: HsdsSource;
  private readonly organisations: Map<string, ContentEntry<Organisation>>;
  private readonly categories: Map<string, TaxonomyTerm>;
  private readonly audiences: Map<string, TaxonomyTerm>;
  /**
   * Opening times carry an offset, as HSDS asks. Berlin switches between +01:00 and +02:00;
   * the site is rebuilt daily, so the offset of the build day is right for the week ahead.
   */
  private readonly offsetMinutes: number;
  /** Every service nests its provider: map each organisation once, not once per offer. */
  private readonly nestedOrganizations = new Map<string, Json>();

  constructor(source: HsdsSource) {
    this.source = source;
    this.organisations = new Map(source.organisations.map((o) => [o.id, o]));
    this.categories = new Map(source.categories.map((c) => [c.slug, c]));
    this.audiences = new Map(source.audiences.map((a) => [a.slug, a]));
    this.offsetMinutes = berlinOffsetMinutes(source.instant);
  }

  private url(path: string): string {
    return new URL(path, this.source.site).href;
  }

  private offerModified(offer: ContentEntry<Offer>): string {
    return this.source.timesOf(`${MARKDOWN_COLLECTIONS.offers.folder}/${offer.id}.md`).modified.toISOString();
  }

  private eligibility(offer: Offer): string {
    const labels = (offer.audiences ?? []).map((a) => this.audiences.get(a)?.label ?? a);
    return labels.length ? `${t('offer.audiences')}: ${labels.join(', ')}` : t('offer.audiencesAll');
  }

  private applicationProcess(offer: Offer): string | undefined {
    if (!offer.registration) return undefined;
    const head = offer.registration.required ? t('offer.registrationRequired') : t('offer.registrationNotRequired');
    return offer.registration.how ? `${head}: ${offer.registration.how}` : head;
  }

  // An offer's list item is part of its list record, its detail answer, its location's
  // answer and its organisation's: made once per offer (issue 17). Never changed once made.
  private readonly listItems = new Map<ContentEntry<Offer>, Json>();

  /** The one-to-one fields of a service: the shape of HSDS's `service_list`. */
  serviceListItem(offer: ContentEntry<Offer>): Json {
    let item = this.listItems.get(offer);
    if (!item) this.listItems.set(offer, (item = this.makeServiceListItem(offer)));
    return item;
  }

  private makeServiceListItem(offer: ContentEntry<Offer>): Json {
    const d = offer.data;
    const organisation = this.organisations.get(d.provider);
    return {
      id: hsdsServiceId(offer.id),
      organization_id: hsdsOrganizationId(d.provider),
      name: d.title,
      description: paragraphs(d.summary, markdownToText(offer.body)),
      url: this.url(`/angebote/${offer.id}/`),
      status: 'active',
      application_process: this.applicationProcess(d),
      fees_description: d.cost.note,
      eligibility_description: this.eligibility(d),
      assured_date: d.reviewed_at,
      last_modified: this.offerModified(offer),
      organization: organisation ? this.nestedOrganizationListItem(organisation) : undefined,
    };
  }

  /** A fully nested service: HSDS's `service` (the `/services/{id}` response). */
  service(offer: ContentEntry<Offer>): Json {
    const d = offer.data;
    const serviceId = hsdsServiceId(offer.id);
    const organisation = this.organisations.get(d.provider);
    const phone = d.contact?.phone ?? organisation?.data.phone;
    const owner = { kind: 'service', slug: offer.id, id: serviceId };
    const attributes = this.serviceTerms(d).map(({ term, linkType }) => attribute(owner, term, linkType));
    return {
      ...this.serviceListItem(offer),
      organization: organisation ? this.nestedOrganization(organisation) : undefined,
      phones: phone
        ? [{ id: exportId('phone', 'service', offer.id), service_id: serviceId, number: phone, type: 'voice', description: d.contact?.role }]
        : undefined,
      schedules: nonEmpty(this.schedules(offer)),
      service_areas: [
        { id: exportId('service_area', offer.id), service_id: serviceId, name: `${this.source.settings.district}, ${this.source.settings.city}` },
      ],
      service_at_locations: d.location ? [this.serviceAtLocation(offer)] : undefined,
      languages: d.languages.map((code) => ({
        id: exportId('language', 'service', offer.id, code),
        service_id: serviceId,
        name: languageName(code),
        code,
      })),
      cost_options: [
        {
          id: exportId('cost_option', offer.id),
          service_id: serviceId,
          option: d.cost.free ? t('offer.free') : t('offer.paid'),
          ...(d.cost.free ? { amount: 0, currency: 'EUR' } : {}),
          amount_description: d.cost.note,
          valid_from: d.starts_on,
          valid_to: d.ends_on,
        },
      ],
      contacts: d.contact?.role ? [{ id: exportId('contact', 'service', offer.id), service_id: serviceId, title: d.contact.role }] : undefined,
      attributes,
    };
  }

  private categoryTerm(slug: string): Json {
    const term = this.categories.get(slug);
    return taxonomyTerm(TAXONOMIES.categories, slug, term?.label ?? slug, term?.description);
  }

  private audienceTerm(slug: string): Json {
    const term = this.audiences.get(slug);
    return taxonomyTerm(TAXONOMIES.audiences, slug, term?.label ?? slug, term?.description);
  }

  private static readonly featureTerms = {
    childcare: () => taxonomyTerm(TAXONOMIES.features, 'kinderbetreuung', t('offer.childcare'), t('offer.childcareYes')),
    online: () => taxonomyTerm(TAXONOMIES.features, 'online', t('offer.online')),
  };

  private static kindTerm(kind: Organisation['kind']): Json {
    return taxonomyTerm(TAXONOMIES.kinds, kind, t(`organisation.kind.${kind}` as MessageKey));
  }

  /** The terms an offer is classified by: its attributes, and what `taxonomy_term_id` filters on. */
  serviceTerms(d: Offer): { term: Json; linkType: string }[] {
    return [
      ...d.categories.map((c) => ({ term: this.categoryTerm(c), linkType: 'category' })),
      ...(d.audiences ?? []).map((a) => ({ term: this.audienceTerm(a), linkType: 'audience' })),
      ...(d.childcare ? [{ term: HsdsExport.featureTerms.childcare(), linkType: 'feature' }] : []),
      ...(d.online ? [{ term: HsdsExport.featureTerms.online(), linkType: 'feature' }] : []),
    ];
  }

  /** Every term of the site's own taxonomies, whether an offer uses it or not (`/taxonomy_terms`). */
  taxonomyTerms(): Json[] {
    return [
      ...this.source.categories.map((c) => this.categoryTerm(c.slug)),
      ...this.source.audiences.map((a) => this.audienceTerm(a.slug)),
      HsdsExport.featureTerms.childcare(),
      HsdsExport.featureTerms.online(),
      ...ORGANISATION_KINDS.map((kind) => HsdsExport.kindTerm(kind)),
    ];
  }

  /** The site's taxonomies (`/taxonomies`). */
  taxonomies(): Json[] {
    return Object.values(TAXONOMIES).map(hsdsTaxonomy);
  }

  private schedules(offer: ContentEntry<Offer>): Json[] {
    const d = offer.data;
    const serviceId = hsdsServiceId(offer.id);
    const offset = formatOffset(this.offsetMinutes);
    const attending = d.online ? (d.location ? 'vor Ort und online' : 'online') : 'vor Ort';
    const slots: Json[] = (d.schedule ?? []).map((slot: ScheduleSlot, index) => ({
      id: exportId('schedule', offer.id, String(index)),
      service_id: serviceId,
      valid_from: d.starts_on,
      valid_to: d.ends_on,
      dtstart: d.starts_on,
      until: d.ends_on,
      timezone: this.offsetMinutes / 60,
      freq: 'WEEKLY',
      interval: 1,
      wkst: 'MO',
      byday: sortDays(slot.days)
        .map((day) => ICAL_DAYS[day])
        .join(','),
      opens_at: `${slot.opens}${offset}`,
      closes_at: `${slot.closes}${offset}`,
      description: `${formatSlot(slot)} (Ortszeit ${this.source.settings.city})`,
      notes: slot.note,
      attending_type: attending,
    }));
    if (d.schedule_note) {
      slots.push({
        id: exportId('schedule', offer.id, 'note'),
        service_id: serviceId,
        valid_from: d.starts_on,
        valid_to: d.ends_on,
        description: d.schedule_note,
        attending_type: attending,
      });
    }
    return slots;
  }

  /** One-to-one fields of an offer at its place: the `/service_at_locations` list items. */
  serviceAtLocationListItem(offer: ContentEntry<Offer>): Json {
    return {
      id: hsdsServiceAtLocationId(offer.id),
      service_id: hsdsServiceId(offer.id),
      location_id: exportId('location', 'service', offer.id),
      description: offer.data.location?.name ? `${offer.data.title}: ${offer.data.location.name}` : offer.data.title,
    };
  }

  /** `/service_at_locations/{id}`: the offer at its place, with the place and the service nested. */
  serviceAtLocationDetail(offer: ContentEntry<Offer>): Json {
    return {
      ...this.serviceAtLocationListItem(offer),
      ...this.serviceAtLocation(offer),
      service: this.serviceListItem(offer),
    };
  }

  private serviceAtLocation(offer: ContentEntry<Offer>): Json {
    const d = offer.data;
    const location = d.location!;
    const serviceId = hsdsServiceId(offer.id);
    const locationId = exportId('location', 'service', offer.id);
    const accessibility = d.accessibility;
    const accessibilityText = [
      accessibility?.wheelchair === undefined ? undefined : accessibility.wheelchair ? t('offer.wheelchair') : t('offer.notWheelchair'),
      accessibility?.note,
    ].filter(Boolean);
    return {
      id: hsdsServiceAtLocationId(offer.id),
      service_id: serviceId,
      location_id: locationId,
      location: {
        id: locationId,
        location_type: 'physical',
        name: location.name ?? location.street,
        latitude: location.geo?.lat,
        longitude: location.geo?.lng,
        addresses: [
          {
            id: exportId('address', 'service', offer.id),
            location_id: locationId,
            address_1: location.street,
            city: location.city,
            state_province: STATE_PROVINCE,
            postal_code: location.postal_code,
            country: COUNTRY_CODE,
            address_type: 'physical',
          },
        ],
        accessibility: accessibilityText.length
          ? [{ id: exportId('accessibility', 'service', offer.id), location_id: locationId, description: accessibilityText.join('. ') }]
          : undefined,
      },
    };
  }

  private readonly organizationListItems = new Map<string, Json>();

  private nestedOrganizationListItem(organisation: ContentEntry<Organisation>): Json {
    let item = this.organizationListItems.get(organisation.id);
    if (!item) this.organizationListItems.set(organisation.id, (item = this.organizationListItem(organisation)));
    return item;
  }

  /** The one-to-one fields of an organisation: HSDS's `organization_list`. */
  organizationListItem(organisation: ContentEntry<Organisation>): Json {
    const d = organisation.data;
    return {
      id: hsdsOrganizationId(organisation.id),
      name: d.name,
      alternate_name: d.short_name,
      description: paragraphs(d.summary, markdownToText(organisation.body)),
      website: d.website,
      uri: this.url(`/organisationen/${organisation.id}/`),
    };
  }

  private nestedOrganization(organisation: ContentEntry<Organisation>): Json {
    let nested = this.nestedOrganizations.get(organisation.id);
    if (!nested) this.nestedOrganizations.set(organisation.id, (nested = this.organization(organisation, { withServices: false })));
    return nested;
  }

  /** A fully nested organisation (`/organizations/{id}`), optionally with its services. */
  organization(organisation: ContentEntry<Organisation>, { withServices = true } = {}): Json {
    const d = organisation.data;
    const organizationId = hsdsOrganizationId(organisation.id);
    const owner = { kind: 'organization', slug: organisation.id, id: organizationId };
    const locationId = exportId('location', 'organization', organisation.id);
    const services = withServices ? this.source.offers.filter((o) => o.data.provider === organisation.id) : [];
    return {
      ...this.organizationListItem(organisation),
      phones: d.phone ? [{ id: exportId('phone', 'organization', organisation.id), organization_id: organizationId, number: d.phone, type: 'voice' }] : undefined,
      contacts: nonEmpty(
        (d.contacts ?? []).map((contact, index) => {
          const contactId = exportId('contact', 'organization', organisation.id, String(index));
          return {
            id: contactId,
            organization_id: organizationId,
            title: contact.role,
            phones: contact.phone ? [{ id: exportId('phone', 'contact', organisation.id, String(index)), contact_id: contactId, number: contact.phone, type: 'voice' }] : undefined,
          };
        }),
      ),
      locations: d.address
        ? [
            {
              id: locationId,
              location_type: 'physical',
              organization_id: organizationId,
              name: d.name,
              latitude: d.geo?.lat,
              longitude: d.geo?.lng,
              languages: nonEmpty(
                (d.languages ?? []).map((code) => ({ id: exportId('language', 'organization', organisation.id, code), location_id: locationId, name: languageName(code), code })),
              ),
              addresses: [
                {
                  id: exportId('address', 'organization', organisation.id),
                  location_id: locationId,
                  address_1: d.address.street,
                  city: d.address.city,
                  state_province: STATE_PROVINCE,
                  postal_code: d.address.postal_code,
                  country: COUNTRY_CODE,
                  address_type: 'physical',
                },
              ],
            },
          ]
        : undefined,
      attributes: [attribute(owner, HsdsExport.kindTerm(d.kind), 'organization_kind')],
      services: withServices ? services.map((offer) => ({ ...this.serviceListItem(offer), organization: undefined })) : undefined,
    };
  }

  services(): Json {
    return hsdsPage(this.source.offers.map((o) => this.serviceListItem(o)));
  }

  organizations(): Json {
    return hsdsPage(this.source.organisations.map((o) => this.organizationListItem(o)));
  }
}
