/**
 * The columns an import understands, by German and English header names, and how a row
 * becomes the front matter of an organisation or an offer. Validation is the schemas' own
 * (src/schema): a row is valid exactly when the file it would write passes `npm run check`.
 */
import type { ContentSet } from '../load-content.ts';
import { DAYS, type Day } from '../../schema/common.ts';
import { ORGANISATION_KINDS } from '../../schema/organisation.ts';
import { foldName, lookup, parseDate, parseLanguages, parseYesNo, splitList, type Parsed } from './values.ts';

export type ImportKind = 'organisations' | 'offers';

export interface Column {
  key: string;
  /** Header names it is found by (compared folded: case, umlauts, spaces and punctuation do not matter). */
  names: string[];
}

export const COLUMNS: Record<ImportKind, Column[]> = {
  organisations: [
    { key: 'name', names: ['Name', 'Organisation', 'Einrichtung'] },
    { key: 'short_name', names: ['Kurzname', 'Abkürzung', 'Short name'] },
    { key: 'kind', names: ['Art', 'Typ', 'Art der Organisation', 'Kind', 'Type'] },
    { key: 'summary', names: ['Kurzbeschreibung', 'Summary', 'Kurztext'] },
    { key: 'description', names: ['Beschreibung', 'Aufgabenbeschreibung', 'Profil', 'Description'] },
    { key: 'networks', names: ['Netzwerke', 'Netzwerk', 'Networks'] },
    { key: 'street', names: ['Straße', 'Strasse', 'Straße und Hausnummer', 'Adresse', 'Street', 'Address'] },
    { key: 'postal_code', names: ['PLZ', 'Postleitzahl', 'Postal code', 'Zip'] },
    { key: 'city', names: ['Ort', 'Stadt', 'City'] },
    { key: 'phone', names: ['Telefon', 'Tel', 'Phone'] },
    { key: 'email', names: ['E-Mail', 'Email', 'Mail'] },
    { key: 'show_email', names: ['E-Mail zeigen', 'E-Mail veröffentlichen', 'Show email'] },
    { key: 'website', names: ['Website', 'Webseite', 'Internet', 'Homepage', 'URL'] },
    { key: 'contact_role', names: ['Ansprechstelle', 'Funktion', 'Kontakt Funktion', 'Contact role'] },
    { key: 'contact_phone', names: ['Ansprechstelle Telefon', 'Kontakt Telefon', 'Contact phone'] },
    { key: 'contact_email', names: ['Ansprechstelle E-Mail', 'Kontakt E-Mail', 'Contact email'] },
    { key: 'languages', names: ['Sprachen', 'Sprache', 'Languages'] },
    { key: 'reviewed_at', names: ['Geprüft am', 'Zuletzt geprüft', 'Stand', 'Reviewed at'] },
  ],
  offers: [
    { key: 'title', names: ['Titel', 'Angebot', 'Name', 'Title'] },
    { key: 'summary', names: ['Kurzbeschreibung', 'Summary', 'Kurztext'] },
    { key: 'description', names: ['Beschreibung', 'Description', 'Text'] },
    { key: 'provider', names: ['Anbieter', 'Organisation', 'Träger', 'Provider'] },
    { key: 'networks', names: ['Netzwerke', 'Netzwerk', 'Networks'] },
    { key: 'categories', names: ['Themen', 'Thema', 'Kategorie', 'Kategorien', 'Categories', 'Topics'] },
    { key: 'audiences', names: ['Zielgruppen', 'Zielgruppe', 'Für wen', 'Audiences'] },
    { key: 'languages', names: ['Sprachen', 'Sprache', 'Languages'] },
    { key: 'free', names: ['Kostenlos', 'Kostenfrei', 'Free'] },
    { key: 'cost_note', names: ['Kosten', 'Hinweis zu Kosten', 'Cost'] },
    { key: 'online', names: ['Online'] },
    { key: 'location_name', names: ['Ort Name', 'Name des Ortes', 'Veranstaltungsort', 'Location'] },
    { key: 'street', names: ['Straße', 'Strasse', 'Straße und Hausnummer', 'Adresse', 'Street', 'Address'] },
    { key: 'postal_code', names: ['PLZ', 'Postleitzahl', 'Postal code', 'Zip'] },
    { key: 'city', names: ['Ort', 'Stadt', 'City'] },
    { key: 'schedule', names: ['Zeiten', 'Öffnungszeiten', 'Wann', 'Schedule'] },
    { key: 'schedule_note', names: ['Hinweis zu Zeiten', 'Zeiten Hinweis', 'Schedule note'] },
    { key: 'starts_on', names: ['Beginn', 'Beginnt am', 'Start', 'Starts on'] },
    { key: 'ends_on', names: ['Ende', 'Endet am', 'End', 'Ends on'] },
    { key: 'registration_required', names: ['Anmeldung nötig', 'Anmeldung erforderlich', 'Registration required'] },
    { key: 'registration_how', names: ['Anmeldung', 'So melden Sie sich an', 'Registration'] },
    { key: 'contact_role', names: ['Kontakt', 'Kontakt Funktion', 'Ansprechstelle', 'Contact role'] },
    { key: 'contact_phone', names: ['Kontakt Telefon', 'Telefon', 'Phone'] },
    { key: 'contact_email', names: ['Kontakt E-Mail', 'E-Mail', 'Email'] },
    { key: 'wheelchair', names: ['Rollstuhlgerecht', 'Barrierefrei', 'Wheelchair'] },
    { key: 'accessibility_note', names: ['Hinweis zur Barrierefreiheit', 'Barrierefreiheit'] },
    { key: 'childcare', names: ['Kinderbetreuung', 'Childcare'] },
    { key: 'keywords', names: ['Suchwörter', 'Stichwörter', 'Schlagwörter', 'Keywords'] },
    { key: 'reviewed_at', names: ['Geprüft am', 'Zuletzt geprüft', 'Stand', 'Reviewed at'] },
  ],
};

/** The column a header names, or undefined. */
export function columnFor(kind: ImportKind, header: string): Column | undefined {
  const folded = foldName(header);
  return COLUMNS[kind].find((column) => column.key === header || column.names.some((name) => foldName(name) === folded));
}

export interface CellProblem {
  key: string;
  message: string;
}

export interface MappedRow {
  /** Front matter, before the schema has seen it. */
  data: Record<string, unknown>;
  body: string;
  problems: CellProblem[];
}

const KIND_NAMES: Record<string, (typeof ORGANISATION_KINDS)[number]> = {
  behoerde: 'behoerde', amt: 'behoerde', stadt: 'behoerde', jobcenter: 'jobcenter', traeger: 'traeger', bildungstraeger: 'traeger',
  verein: 'verein', ev: 'verein', schule: 'schule', kita: 'kita', kindertagesstaette: 'kita', beratungsstelle: 'beratungsstelle',
  beratung: 'beratungsstelle', unternehmen: 'unternehmen', firma: 'unternehmen', betrieb: 'unternehmen', initiative: 'initiative',
  sonstige: 'sonstige', sonstiges: 'sonstige', andere: 'sonstige',
};

const DAY_NAMES: Record<string, Day> = {
  mo: 'mo', montag: 'mo', mon: 'mo', di: 'tu', dienstag: 'tu', tu: 'tu', tue: 'tu', mi: 'we', mittwoch: 'we', we: 'we', wed: 'we',
  do: 'th', donnerstag: 'th', th: 'th', thu: 'th', fr: 'fr', freitag: 'fr', fri: 'fr', sa: 'sa', samstag: 'sa', sat: 'sa', so: 'su', sonntag: 'su', su: 'su', sun: 'su',
};

const clock = (text: string) => {
  const match = /^(\d{1,2})(?:[:.](\d{2}))?$/.exec(text.trim());
  return match ? `${match[1].padStart(2, '0')}:${match[2] ?? '00'}` : undefined;
};

/**
 * „Mo, Mi 9–12; Fr 14:00-16:30“ → weekly slots. Day ranges (Mo-Fr) are spelled out.
 */
export function parseSchedule(cell: string): Parsed<{ days: Day[]; opens: string; closes: string }[]> {
  const slots = [];
  for (const part of cell.split(/[;\n]/).map((p) => p.trim()).filter(Boolean)) {
    const match = /^(.*?)\s*(\d{1,2}(?:[:.]\d{2})?)\s*(?:-|–|bis)\s*(\d{1,2}(?:[:.]\d{2})?)\s*(?:uhr)?$/i.exec(part);
    const opens = match && clock(match[2]);
    const closes = match && clock(match[3]);
    const days: Day[] = [];
    for (const token of (match?.[1] ?? '').split(/[,\s]+/).filter(Boolean)) {
      const range = /^([a-zäöü]+)\.?(?:-|–|bis)([a-zäöü]+)\.?$/i.exec(token);
      if (range) {
        const [from, to] = [DAY_NAMES[foldName(range[1])], DAY_NAMES[foldName(range[2])]];
        if (!from || !to) return { error: `„${token}“ in „${part}“ sind keine Wochentage.` };
        for (let i = DAYS.indexOf(from); i <= DAYS.indexOf(to); i++) days.push(DAYS[i]);
        continue;
      }
      const day = DAY_NAMES[foldName(token.replace(/\.$/, ''))];
      if (!day) return { error: `„${token}“ in „${part}“ ist kein Wochentag.` };
      days.push(day);
    }
    if (!match || !opens || !closes || days.length === 0) {
      return { error: `„${part}“ ist keine Zeitangabe. Bitte so schreiben: „Mo, Mi 9:00-12:00; Fr 14-16“.` };
    }
    slots.push({ days: [...new Set(days)], opens, closes });
  }
  return { value: slots };
}

/** The lookups a row needs from the existing content. */
export interface ImportContext {
  today: string;
  organisations: { slug: string; names: string[] }[];
  networks: { slug: string; names: string[] }[];
  categories: { slug: string; names: string[] }[];
  audiences: { slug: string; names: string[] }[];
}

export function importContext(content: ContentSet, today: string, extraOrganisations: { slug: string; names: string[] }[] = []): ImportContext {
  const terms = (list: ContentSet['categories']) => list.map((t) => ({ slug: t.slug, names: [t.label, ...(t.synonyms ?? [])] }));
  return {
    today,
    organisations: [...content.organisations.map((o) => ({ slug: o.id, names: [o.data.name, o.data.short_name ?? ''].filter(Boolean) })), ...extraOrganisations],
    // Networks are also called by the part of their title before the colon ("Netzwerk III").
    networks: content.networks.map((n) => ({ slug: n.id, names: [n.data.title, n.data.title.split(':')[0], n.data.short_title ?? ''].filter(Boolean) })),
    categories: terms(content.categories),
    audiences: terms(content.audiences),
  };
}

/** Builds a row's front matter; every cell that cannot be read becomes a problem at its column. */
export function mapRow(kind: ImportKind, cells: Record<string, string>, context: ImportContext): MappedRow {
  const problems: CellProblem[] = [];
  const data: Record<string, unknown> = {};
  const cell = (key: string) => cells[key]?.trim() ?? '';
  const take = <T>(key: string, parsed: Parsed<T>, set: (value: T) => void) => {
    if ('error' in parsed) problems.push({ key, message: parsed.error });
    else set(parsed.value);
  };
  const text = (key: string, target = key) => {
    if (cell(key)) data[target] = cell(key);
  };
  const refs = (key: string, entries: { slug: string; names: string[] }[], what: string, target = key) => {
    if (!cell(key)) return;
    const slugs: string[] = [];
    for (const part of splitList(cell(key))) {
      const slug = lookup(part, entries);
      if (slug) slugs.push(slug);
      else problems.push({ key, message: `${what} „${part}“ gibt es nicht. Erlaubt sind: ${entries.map((e) => e.names[0] ?? e.slug).join(', ')}.` });
    }
    if (slugs.length) data[target] = [...new Set(slugs)];
  };
  const yesNo = (key: string, set: (value: boolean) => void) => cell(key) && take(key, parseYesNo(cell(key)), set);

  if (kind === 'organisations') {
    text('name');
    text('short_name');
    if (cell('kind')) {
      const kindSlug = KIND_NAMES[foldName(cell('kind'))];
      if (kindSlug) data.kind = kindSlug;
      else problems.push({ key: 'kind', message: `Die Art „${cell('kind')}“ ist unbekannt. Erlaubt sind: ${ORGANISATION_KINDS.join(', ')}.` });
    }
    text('summary');
    refs('networks', context.networks, 'Das Netzwerk');
    if (cell('street') || cell('postal_code') || cell('city')) data.address = { street: cell('street'), postal_code: cell('postal_code'), city: cell('city') };
    text('phone');
    text('email');
    yesNo('show_email', (v) => (data.show_email = v));
    text('website');
    if (cell('contact_role') || cell('contact_phone') || cell('contact_email')) {
      data.contacts = [{ role: cell('contact_role'), ...(cell('contact_phone') && { phone: cell('contact_phone') }), ...(cell('contact_email') && { email: cell('contact_email') }) }];
    }
  } else {
    text('title');
    text('summary');
    if (cell('provider')) {
      const provider = lookup(cell('provider'), context.organisations);
      if (provider) data.provider = provider;
      else problems.push({ key: 'provider', message: `Die Organisation „${cell('provider')}“ gibt es nicht. Bitte zuerst die Organisation anlegen oder importieren, oder ihren Namen genau so schreiben wie auf der Website.` });
    }
    refs('networks', context.networks, 'Das Netzwerk');
    refs('categories', context.categories, 'Das Thema');
    refs('audiences', context.audiences, 'Die Zielgruppe');
    yesNo('free', (free) => (data.cost = { free, ...(cell('cost_note') && { note: cell('cost_note') }) }));
    if (!cell('free') && cell('cost_note')) data.cost = { free: false, note: cell('cost_note') };
    yesNo('online', (v) => (data.online = v));
    if (cell('street') || cell('postal_code') || cell('city') || cell('location_name')) {
      data.location = { ...(cell('location_name') && { name: cell('location_name') }), street: cell('street'), postal_code: cell('postal_code'), city: cell('city') };
    }
    if (cell('schedule')) take('schedule', parseSchedule(cell('schedule')), (v) => (data.schedule = v));
    text('schedule_note');
    if (cell('starts_on')) take('starts_on', parseDate(cell('starts_on')), (v) => (data.starts_on = v));
    if (cell('ends_on')) take('ends_on', parseDate(cell('ends_on')), (v) => (data.ends_on = v));
    if (cell('registration_required') || cell('registration_how')) {
      const registration: Record<string, unknown> = { required: Boolean(cell('registration_how')) };
      yesNo('registration_required', (v) => (registration.required = v));
      if (cell('registration_how')) registration.how = cell('registration_how');
      data.registration = registration;
    }
    if (cell('contact_role') || cell('contact_phone') || cell('contact_email')) {
      data.contact = { ...(cell('contact_role') && { role: cell('contact_role') }), ...(cell('contact_phone') && { phone: cell('contact_phone') }), ...(cell('contact_email') && { email: cell('contact_email') }) };
    }
    if (cell('wheelchair') || cell('accessibility_note')) {
      const accessibility: Record<string, unknown> = {};
      yesNo('wheelchair', (v) => (accessibility.wheelchair = v));
      if (cell('accessibility_note')) accessibility.note = cell('accessibility_note');
      data.accessibility = accessibility;
    }
    yesNo('childcare', (v) => (data.childcare = v));
    if (cell('keywords')) data.keywords = splitList(cell('keywords'));
  }
  if (cell('languages')) take('languages', parseLanguages(cell('languages')), (v) => (data.languages = v));
  data.reviewed_at = context.today;
  if (cell('reviewed_at')) take('reviewed_at', parseDate(cell('reviewed_at')), (v) => (data.reviewed_at = v));
  return { data, body: cell('description'), problems };
}

/** The column a schema path belongs to (for messages), e.g. ['location','street'] → 'street'. */
export function columnOfPath(kind: ImportKind, path: ReadonlyArray<PropertyKey>): string {
  const [first, second] = path.map(String);
  const direct: Record<string, string> = {
    cost: second === 'note' ? 'cost_note' : 'free',
    location: second ?? 'street',
    address: second ?? 'street',
    registration: second === 'how' ? 'registration_how' : 'registration_required',
    contact: `contact_${second ?? 'role'}`,
    contacts: `contact_${path.map(String)[2] ?? 'role'}`,
    accessibility: second === 'note' ? 'accessibility_note' : 'wheelchair',
  };
  const key = direct[first] ?? first;
  return COLUMNS[kind].some((c) => c.key === key) ? key : first;
}
