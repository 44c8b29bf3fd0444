/**
 * Minutes and news must not carry residents' personal data: case discussions in the
 * networks are anonymised (content model). This rule looks for what slips through:
 * email addresses, phone numbers, dates of birth, names next to words like „Klientin“,
 * „Frau X“, „Herr Y“. It is a heuristic that points a person to a line; the finding
 * names the kind and the line, never the text itself (the report is published under /admin/).
 */
import type { ContentSet } from '../load-content.ts';
import { refOf } from './entries.ts';
import type { EntryRef, Finding, Rule } from './types.ts';

export type PersonalDataKind = 'email' | 'phone' | 'birth-date' | 'name';

export interface PersonalDataHit {
  kind: PersonalDataKind;
  /** Line in the body, or the field it was found in. */
  line?: number;
  field?: string;
}

const UPPER = 'A-ZÄÖÜ';
const LOWER = 'a-zäöüß';
const NAME = `[${UPPER}][${LOWER}]+(?:-[${UPPER}][${LOWER}]+)?`;
const INITIAL = `[${UPPER}]\\.`;

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// German and international numbers: a leading 0 or +CC, then at least six more digits.
const PHONE = /(?<![\w.-])(?:\+\d{1,3}[\s/-]?(?:\(0\)\s?)?|0)\d[\d\s/()-]{4,}\d(?![\w-])/g;
const MONTHS = 'Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember';
const BORN = String.raw`\b(?:geb\.|geboren(?:\s+am)?|Geburtsdatum|Geb\.-Datum|Geburtstag)\s*:?\s*(?:am\s+)?`;
const BIRTH_DATE = new RegExp(
  [
    String.raw`${BORN}\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)?\d{2}\b`,
    String.raw`${BORN}\d{1,2}\.\s*(?:${MONTHS})\s+(?:19|20)\d{2}\b`,
    // A birth year alone; "Jahrgang 10" is a school grade, so four digits are required.
    String.raw`\b(?:geb\.|geboren|Jahrgang)\s+(?:im\s+Jahr\s+)?(?:19|20)\d{2}\b`,
    String.raw`(?:^|\s)\*\s?\d{1,2}\.\d{1,2}\.(?:19|20)?\d{2}\b`,
  ].join('|'),
  'gi',
);
// "Frau Meier", "Herrn Dr. Özdemir", "Herr K." - but not "Frau, Mitte 40" or "Frau Mitte 40".
const SALUTATION = new RegExp(`\\b(?:Frau|Herrn?)\\s+(?:Dr\\.\\s+|Prof\\.\\s+)?(?!(?:Mitte|Anfang|Ende)\\b)(?:${NAME}|${INITIAL})`, 'g');
// "Klientin Anna S.", "Familie Yilmaz", "Schüler: Max Müller".
const ROLE_WORDS = ['Klient(?:in|en|innen)?', 'Ratsuchende[rn]?', 'Kund(?:e|in)', 'Mutter', 'Vater', 'Sohn', 'Tochter', 'Kind', 'Schüler(?:in)?', 'Bewohner(?:in)?', 'Teilnehmer(?:in)?', 'Jugendliche[rn]?', 'Bewerber(?:in)?'];
const ROLE_NAME = new RegExp(`\\b(?:${ROLE_WORDS.join('|')})\\b[\\s:,(„"]+${NAME}\\s+(?:${NAME}|${INITIAL})`, 'g');
const FAMILY = new RegExp(`\\bFamilie\\s+${NAME}\\b`, 'g');

/** Contacts the site publishes anyway (an organisation's public email or phone) are not personal data here. */
export function publishedContacts(content: ContentSet): { emails: Set<string>; phones: Set<string> } {
  const emails = new Set<string>();
  const phones = new Set<string>();
  const digits = (phone: string) => phone.replace(/\D/g, '');
  for (const org of content.organisations) {
    if (org.data.show_email && org.data.email) emails.add(org.data.email.toLowerCase());
    if (org.data.phone) phones.add(digits(org.data.phone));
    org.data.contacts?.forEach((c) => c.phone && phones.add(digits(c.phone)));
  }
  for (const offer of content.offers) if (offer.data.contact?.phone) phones.add(digits(offer.data.contact.phone));
  if (content.settings) phones.add(digits(content.settings.office.phone));
  return { emails, phones };
}

export function scanText(text: string, published: { emails: Set<string>; phones: Set<string> }): { kind: PersonalDataKind; line: number }[] {
  const hits: { kind: PersonalDataKind; line: number }[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const add = (kind: PersonalDataKind) => hits.push({ kind, line: index + 1 });
    for (const m of line.matchAll(EMAIL)) if (!published.emails.has(m[0].toLowerCase())) add('email');
    for (const m of line.matchAll(PHONE)) {
      const digits = m[0].replace(/\D/g, '');
      if (digits.length >= 7 && !published.phones.has(digits)) add('phone');
    }
    for (const _ of line.matchAll(BIRTH_DATE)) add('birth-date');
    for (const _ of line.matchAll(SALUTATION)) add('name');
    for (const _ of line.matchAll(ROLE_NAME)) add('name');
    for (const _ of line.matchAll(FAMILY)) add('name');
  });
  return hits;
}

const KIND_LABEL: Record<PersonalDataKind, string> = {
  email: 'eine E-Mail-Adresse',
  phone: 'eine Telefonnummer',
  'birth-date': 'ein Geburtsdatum',
  name: 'einen Namen einer Person',
};

/** "Zeile 3: eine Telefonnummer, ein Geburtsdatum; Feld „agenda[1]“: einen Namen einer Person". */
function describe(hits: PersonalDataHit[]): string {
  const places = new Map<string, Set<string>>();
  for (const h of hits) {
    const place = h.line ? `Zeile ${h.line}` : `Feld „${h.field}“`;
    places.set(place, (places.get(place) ?? new Set()).add(KIND_LABEL[h.kind]));
  }
  return [...places].map(([place, kinds]) => `${place}: ${[...kinds].join(', ')}`).join('; ');
}

function finding(entry: EntryRef, hits: PersonalDataHit[], what: string): Finding {
  return {
    rule: 'personal-data',
    severity: 'warning',
    entry,
    why: `${what} enthält vermutlich personenbezogene Daten (${describe(hits)}).`,
    todo: 'Die Stellen prüfen und anonymisieren: keine Namen, Kontaktdaten oder Geburtsdaten von Bewohnerinnen und Bewohnern; Alter nur als Spanne. Öffentliche Kontaktdaten von Einrichtungen dürfen bleiben.',
  };
}

export const personalData: Rule = ({ content }) => {
  const published = publishedContacts(content);
  const findings: Finding[] = [];
  const scanFields = (fields: [string, string | undefined][]) =>
    fields.flatMap(([field, value]) => (value ? scanText(value, published).map((h) => ({ kind: h.kind, field })) : []));
  for (const meeting of content.meetings) {
    const hits: PersonalDataHit[] = [
      ...scanFields([
        ['title', meeting.data.title],
        ...(meeting.data.agenda ?? []).map((item, i): [string, string] => [`agenda[${i + 1}]`, item]),
        ...(meeting.data.documents ?? []).map((d, i): [string, string] => [`documents[${i + 1}].title`, d.title]),
      ]),
      ...scanText(meeting.body, published),
    ];
    if (hits.length) findings.push(finding(refOf('meetings', meeting), hits, 'Das Protokoll'));
  }
  for (const post of content.news) {
    const hits: PersonalDataHit[] = [...scanFields([['title', post.data.title], ['summary', post.data.summary]]), ...scanText(post.body, published)];
    if (hits.length) findings.push(finding(refOf('news', post), hits, 'Die Meldung'));
  }
  return findings;
};
