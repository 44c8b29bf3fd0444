/**
 * schema.org JSON-LD for the detail pages, so search engines and assistants read an offer
 * as a Service, an organisation as an Organization, a meeting as an Event and a post as a
 * NewsArticle. Never an e-mail address.
 *
 * On a language version (`lang` other than German) `url` is that version's page, name and
 * description are the entry's translation where it has one, and `inLanguage` says which
 * language the description is really in. `@id` stays the German page's: it names the
 * thing, which is the same in every language.
 */
import type { Meeting, Network, News, Offer, Organisation, Settings, TaxonomyTerm } from '../../schema/index.ts';
import { DAYS } from '../../schema/common.ts';
import { translationOf, pick } from '../../i18n/content.ts';
import { DEFAULT_LANG, languageName, useTranslations } from '../../i18n/index.ts';
import { localizePath } from '../../i18n/routing.ts';
import { sortDays } from '../schedule.ts';
import type { ContentEntry } from './hsds.ts';
import { berlinIso, berlinStartOfDay } from './time.ts';

type Json = Record<string, unknown>;

export interface JsonLdContext {
  site: URL;
  settings: Settings;
  organisations: Map<string, ContentEntry<Organisation>>;
  networks: Map<string, ContentEntry<Network>>;
  categories: Map<string, TaxonomyTerm>;
  audiences: Map<string, TaxonomyTerm>;
}

const CONTEXT = 'https://schema.org';

const DAY_URIS: Record<(typeof DAYS)[number], string> = {
  mo: 'https://schema.org/Monday',
  tu: 'https://schema.org/Tuesday',
  we: 'https://schema.org/Wednesday',
  th: 'https://schema.org/Thursday',
  fr: 'https://schema.org/Friday',
  sa: 'https://schema.org/Saturday',
  su: 'https://schema.org/Sunday',
};

const ORGANISATION_TYPES: Record<Organisation['kind'], string> = {
  behoerde: 'GovernmentOrganization',
  jobcenter: 'GovernmentOrganization',
  schule: 'School',
  kita: 'Preschool',
  verein: 'NGO',
  initiative: 'NGO',
  traeger: 'EducationalOrganization',
  beratungsstelle: 'Organization',
  unternehmen: 'Corporation',
  sonstige: 'Organization',
};

/** Leaves out `undefined` values and empty lists, which schema.org readers treat as noise. */
function clean<T extends Json>(object: T): T {
  return Object.fromEntries(
    Object.entries(object).filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0)),
  ) as T;
}

const url = (context: JsonLdContext, path: string) => new URL(path, context.site).href;
const pageUrlIn = (context: JsonLdContext, path: string, lang: string) => url(context, localizePath(path, lang));

function postalAddress(address: { street?: string; postal_code?: string; city?: string }): Json {
  return clean({
    '@type': 'PostalAddress',
    streetAddress: address.street,
    postalCode: address.postal_code,
    addressLocality: address.city,
    addressCountry: 'DE',
  });
}

/** The site's publisher: the network as a whole, run by the social office. */
function publisher(context: JsonLdContext): Json {
  return {
    '@type': 'Organization',
    '@id': `${url(context, '/')}#publisher`,
    name: context.settings.title,
    url: url(context, '/'),
    logo: url(context, '/favicon.svg'),
    address: postalAddress(context.settings.office),
  };
}

function networkTitle(context: JsonLdContext, slug: string, lang: string): string {
  const network = context.networks.get(slug);
  return network ? pick(network.data.title, translationOf(network.data, lang), 'title', lang).value : slug;
}

function organisationReference(context: JsonLdContext, slug: string): Json {
  const organisation = context.organisations.get(slug);
  const pageUrl = url(context, `/organisationen/${slug}/`);
  return clean({
    '@type': organisation ? ORGANISATION_TYPES[organisation.data.kind] : 'Organization',
    '@id': `${pageUrl}#organization`,
    name: organisation?.data.name ?? slug,
    url: pageUrl,
  });
}

export function offerJsonLd(offer: ContentEntry<Offer>, context: JsonLdContext, lang: string = DEFAULT_LANG): Json {
  const d = offer.data;
  const t = useTranslations(lang);
  const translation = translationOf(d, lang);
  const name = pick(d.title, translation, 'title', lang);
  const description = pick(d.summary, translation, 'summary', lang);
  const costNote = d.cost.note === undefined ? undefined : pick(d.cost.note, translation, 'cost_note', lang).value;
  const pageUrl = url(context, `/angebote/${offer.id}/`);
  const provider = context.organisations.get(d.provider);
  const phone = d.contact?.phone ?? provider?.data.phone;
  const place = d.location
    ? clean({
        '@type': 'Place',
        name: d.location.name ?? d.location.street,
        address: postalAddress(d.location),
        geo: d.location.geo ? { '@type': 'GeoCoordinates', latitude: d.location.geo.lat, longitude: d.location.geo.lng } : undefined,
      })
    : undefined;
  return clean({
    '@context': CONTEXT,
    '@type': 'Service',
    '@id': `${pageUrl}#service`,
    name: name.value,
    description: description.value,
    inLanguage: description.lang,
    url: pageUrlIn(context, `/angebote/${offer.id}/`, lang),
    provider: organisationReference(context, d.provider),
    category: d.categories.map((c) => context.categories.get(c)?.label ?? c),
    audience: (d.audiences ?? []).map((a) => ({ '@type': 'Audience', audienceType: context.audiences.get(a)?.label ?? a })),
    areaServed: { '@type': 'Place', name: `${context.settings.district}, ${context.settings.city}` },
    availableChannel: clean({
      '@type': 'ServiceChannel',
      serviceLocation: place,
      servicePhone: phone ? { '@type': 'ContactPoint', telephone: phone, contactType: d.contact?.role } : undefined,
      availableLanguage: d.languages.map((code) => ({ '@type': 'Language', name: languageName(code), alternateName: code })),
      serviceUrl: pageUrlIn(context, `/angebote/${offer.id}/`, lang),
    }),
    hoursAvailable: (d.schedule ?? []).map((slot) =>
      clean({
        '@type': 'OpeningHoursSpecification',
        dayOfWeek: sortDays(slot.days).map((day) => DAY_URIS[day]),
        opens: slot.opens,
        closes: slot.closes,
        validFrom: d.starts_on,
        validThrough: d.ends_on,
        description: slot.note,
      }),
    ),
    offers: clean({
      '@type': 'Offer',
      price: d.cost.free ? 0 : undefined,
      priceCurrency: d.cost.free ? 'EUR' : undefined,
      description: costNote ?? (d.cost.free ? t('offer.free') : t('offer.paid')),
    }),
  });
}

export function organisationJsonLd(organisation: ContentEntry<Organisation>, context: JsonLdContext, lang: string = DEFAULT_LANG): Json {
  const d = organisation.data;
  const translation = translationOf(d, lang);
  const description = pick(d.summary, translation, 'summary', lang);
  const pageUrl = pageUrlIn(context, `/organisationen/${organisation.id}/`, lang);
  return clean({
    '@context': CONTEXT,
    ...organisationReference(context, organisation.id),
    name: pick(d.name, translation, 'name', lang).value,
    url: pageUrl,
    alternateName: d.short_name,
    description: description.value,
    inLanguage: description.lang,
    sameAs: d.website ? [d.website] : undefined,
    address: d.address ? postalAddress(d.address) : undefined,
    geo: d.geo ? { '@type': 'GeoCoordinates', latitude: d.geo.lat, longitude: d.geo.lng } : undefined,
    telephone: d.phone,
    knowsLanguage: (d.languages ?? []).map((code) => ({ '@type': 'Language', name: languageName(code), alternateName: code })),
    contactPoint: (d.contacts ?? []).filter((c) => c.phone).map((c) => ({ '@type': 'ContactPoint', contactType: c.role, telephone: c.phone })),
    memberOf: (d.networks ?? []).map((n) => ({
      '@type': 'Organization',
      name: networkTitle(context, n, lang),
      url: pageUrlIn(context, `/netzwerke/${n}/`, lang),
    })),
    mainEntityOfPage: pageUrl,
  });
}

export function meetingJsonLd(meeting: ContentEntry<Meeting>, context: JsonLdContext, lang: string = DEFAULT_LANG): Json {
  const t = useTranslations(DEFAULT_LANG);
  const d = meeting.data;
  const pageUrl = url(context, `/archiv/${meeting.id}/`);
  const l = d.location;
  const hasPlace = Boolean(l && (l.street || l.postal_code || l.city));
  const physical = hasPlace
    ? clean({ '@type': 'Place', name: l?.name ?? l?.street, address: postalAddress(l ?? {}) })
    : l?.name && !l.online_url
      ? { '@type': 'Place', name: l.name }
      : undefined;
  const virtual = l?.online_url ? clean({ '@type': 'VirtualLocation', url: l.online_url, name: l.name }) : undefined;
  const locations = [physical, virtual].filter(Boolean) as Json[];
  const networks = d.networks?.length ? d.networks : [...context.networks.keys()];
  return clean({
    '@context': CONTEXT,
    '@type': 'Event',
    '@id': `${pageUrl}#event`,
    name: d.title,
    description: d.agenda?.length ? `${t('meeting.agenda')}: ${d.agenda.join('; ')}` : d.title,
    url: pageUrlIn(context, `/archiv/${meeting.id}/`, lang),
    startDate: berlinIso(new Date(d.starts_at)),
    endDate: d.ends_at ? berlinIso(new Date(d.ends_at)) : undefined,
    eventStatus: d.cancelled ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    eventAttendanceMode:
      physical && virtual
        ? 'https://schema.org/MixedEventAttendanceMode'
        : virtual
          ? 'https://schema.org/OnlineEventAttendanceMode'
          : 'https://schema.org/OfflineEventAttendanceMode',
    location: locations.length > 1 ? locations : locations[0],
    isAccessibleForFree: true,
    inLanguage: 'de',
    organizer: publisher(context),
    about: networks.map((n) => ({ '@type': 'Organization', name: context.networks.get(n)?.data.title ?? n, url: url(context, `/netzwerke/${n}/`) })),
  });
}

export function newsJsonLd(post: ContentEntry<News>, context: JsonLdContext, modified?: Date, lang: string = DEFAULT_LANG): Json {
  const d = post.data;
  const pageUrl = url(context, `/aktuelles/${post.id}/`);
  const published = berlinStartOfDay(d.date);
  return clean({
    '@context': CONTEXT,
    '@type': 'NewsArticle',
    '@id': `${pageUrl}#article`,
    headline: d.title.length > 110 ? `${d.title.slice(0, 109)}…` : d.title,
    description: d.summary,
    url: pageUrlIn(context, `/aktuelles/${post.id}/`, lang),
    mainEntityOfPage: pageUrlIn(context, `/aktuelles/${post.id}/`, lang),
    datePublished: berlinIso(published),
    dateModified: modified && modified > published ? berlinIso(modified) : undefined,
    inLanguage: 'de',
    author: publisher(context),
    publisher: publisher(context),
    about: (d.networks ?? []).map((n) => ({ '@type': 'Organization', name: context.networks.get(n)?.data.title ?? n, url: url(context, `/netzwerke/${n}/`) })),
  });
}

/** Serialises for a `<script type="application/ld+json">`: `<` escaped so no text can close the tag. */
export function serializeJsonLd(data: Json): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
