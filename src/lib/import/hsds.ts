/**
 * Reads an HSDS 3.0 export of another Open Referral directory (the schema this site's
 * /api/hsds/ serves) into import rows: organisations first, then services as offers.
 * Accepts a list of services, a page of them (`contents`), or `{ organizations, services }`.
 * Rows are numbered by position in the file (1 = first), columns named by HSDS field.
 */
import type { ImportRow } from './run.ts';

type Json = Record<string, any>;

export interface HsdsRows {
  organisations: ImportRow[];
  offers: ImportRow[];
  /** HSDS field names for messages, by column key. */
  organisationHeaders: Record<string, string>;
  offerHeaders: Record<string, string>;
}

const DAY: Record<string, string> = { MO: 'Mo', TU: 'Di', WE: 'Mi', TH: 'Do', FR: 'Fr', SA: 'Sa', SU: 'So' };

/** The longest run of whole sentences that fits, else a cut at a word. */
export function shorten(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const sentences = clean.match(/[^.!?]+[.!?]+/g) ?? [];
  let out = '';
  for (const sentence of sentences) {
    if ((out + sentence).trim().length > max) break;
    out += sentence;
  }
  if (out.trim()) return out.trim();
  return `${clean.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}

function address(holder: Json | undefined): Json | undefined {
  return holder?.addresses?.[0] ?? holder?.physical_addresses?.[0];
}

function organisationRow(org: Json, row: number): ImportRow {
  const description = String(org.description ?? '');
  const place = address(org.locations?.[0]);
  return {
    row,
    cells: {
      name: String(org.name ?? ''),
      short_name: String(org.alternate_name ?? ''),
      kind: 'sonstige',
      summary: shorten(description, 300),
      description: description.length > 300 ? description : '',
      email: String(org.email ?? ''),
      website: String(org.website ?? org.url ?? ''),
      phone: String(org.phones?.[0]?.number ?? ''),
      street: String(place?.address_1 ?? ''),
      postal_code: String(place?.postal_code ?? ''),
      city: String(place?.city ?? ''),
    },
  };
}

function schedule(service: Json): string {
  const slots = [...(service.schedules ?? []), ...(service.service_at_locations ?? []).flatMap((s: Json) => s.schedules ?? [])];
  return slots
    .filter((s: Json) => s.byday && s.opens_at && s.closes_at)
    .map((s: Json) => `${String(s.byday).split(',').map((d) => DAY[d.trim().toUpperCase()] ?? d).join(', ')} ${String(s.opens_at).slice(0, 5)}-${String(s.closes_at).slice(0, 5)}`)
    .join('; ');
}

function offerRow(service: Json, provider: string, row: number): ImportRow {
  const description = String(service.description ?? '');
  const at = service.service_at_locations?.[0]?.location;
  const place = address(at);
  const terms = (service.attributes ?? []).map((a: Json) => a.taxonomy_term?.name ?? a.taxonomy_term?.code ?? a.value).filter(Boolean);
  const fees = String(service.fees_description ?? '');
  const free = (service.cost_options ?? []).length === 0 && /kostenlos|kostenfrei|gebührenfrei|\bfree\b/i.test(fees);
  return {
    row,
    cells: {
      title: String(service.name ?? ''),
      summary: shorten(description, 200),
      description: [description.length > 200 ? description : '', service.url ? `Mehr dazu: <${service.url}>` : ''].filter(Boolean).join('\n\n'),
      provider,
      categories: terms.join(', '),
      languages: (service.languages ?? []).map((l: Json) => l.code ?? l.name).filter(Boolean).join(', '),
      free: free ? 'ja' : 'nein',
      cost_note: fees,
      location_name: String(at?.name ?? ''),
      street: String(place?.address_1 ?? ''),
      postal_code: String(place?.postal_code ?? ''),
      city: String(place?.city ?? ''),
      online: at || place ? '' : 'ja',
      schedule: schedule(service),
      registration_how: String(service.application_process ?? ''),
      contact_email: String(service.email ?? ''),
      contact_phone: String(service.phones?.[0]?.number ?? ''),
    },
  };
}

export function hsdsRows(json: unknown): HsdsRows {
  const input = json as Json;
  const services: Json[] = Array.isArray(input) ? input : (input.contents ?? input.services ?? []);
  const organisations = new Map<string, Json>();
  for (const org of input.organizations ?? []) organisations.set(org.id, org);
  for (const service of services) if (service.organization?.id && !organisations.has(service.organization.id)) organisations.set(service.organization.id, service.organization);
  const orgList = [...organisations.values()];
  return {
    organisations: orgList.map((org, index) => organisationRow(org, index + 1)),
    offers: services.map((service, index) => offerRow(service, String(organisations.get(service.organization_id ?? service.organization?.id)?.name ?? ''), index + 1)),
    organisationHeaders: { name: 'organization.name', summary: 'organization.description', description: 'organization.description', email: 'organization.email', website: 'organization.website', phone: 'organization.phones', street: 'organization.locations', postal_code: 'organization.locations', city: 'organization.locations', short_name: 'organization.alternate_name', kind: 'organization' },
    offerHeaders: { title: 'service.name', summary: 'service.description', description: 'service.description', provider: 'service.organization_id', categories: 'service.attributes', languages: 'service.languages', free: 'service.cost_options', cost_note: 'service.fees_description', street: 'service_at_locations', postal_code: 'service_at_locations', city: 'service_at_locations', location_name: 'service_at_locations', schedule: 'service.schedules', registration_how: 'service.application_process', contact_email: 'service.email', contact_phone: 'service.phones', online: 'service_at_locations' },
  };
}
