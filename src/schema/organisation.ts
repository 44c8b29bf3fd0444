/** content/organisations/<slug>.md: partners, with profile ("Aufgabenbeschreibung") as body. */
import { z } from 'zod';
import { address, email, field, geo, isoDate, languageList, nonEmptyText, phone, slugRefList, url } from './common.ts';
import { translatedMarkdown, translatedText, translationsField } from './translations.ts';

export const ORGANISATION_KINDS = [
  'behoerde',
  'jobcenter',
  'traeger',
  'verein',
  'schule',
  'kita',
  'beratungsstelle',
  'unternehmen',
  'initiative',
  'sonstige',
] as const;

export const organisationSchema = z.strictObject({
  name: nonEmptyText({ title: 'Name' }),
  short_name: field(z.string().optional(), { title: 'Kurzname', description: 'z. B. „KAI e. V.“' }),
  kind: field(z.enum(ORGANISATION_KINDS), { title: 'Art der Organisation' }),
  summary: nonEmptyText({ title: 'Kurzbeschreibung', description: 'Höchstens 300 Zeichen: was die Organisation im Stadtteil tut.' }, 300),
  networks: slugRefList('networks', 'Netzwerke', 'In welchen Netzwerken die Organisation mitarbeitet.').optional(),
  address: address.optional(),
  geo: geo.optional(),
  phone: phone({ title: 'Telefon' }).optional(),
  email: email({
    title: 'E-Mail',
    description: 'Empfängt Nachrichten aus dem Kontaktformular. Wird nur veröffentlicht, wenn „E-Mail zeigen“ an ist.',
  }).optional(),
  show_email: field(z.boolean().default(false), { title: 'E-Mail zeigen', description: 'Nur für Funktionsadressen, nie für persönliche Adressen.' }),
  website: url({ title: 'Website' }).optional(),
  contacts: field(
    z
      .array(
        z.strictObject({
          role: nonEmptyText({ title: 'Funktion', description: 'z. B. „Koordination Netzwerk II“. Keine Namen von Privatpersonen.' }),
          name: field(z.string().optional(), { title: 'Name', description: 'Nur mit Einverständnis der Person.' }),
          phone: phone({ title: 'Telefon' }).optional(),
          email: email({ title: 'E-Mail', description: 'Wird nie veröffentlicht.' }).optional(),
        }),
      )
      .optional(),
    { title: 'Ansprechstellen' },
  ),
  languages: languageList({ title: 'Sprachen', description: 'In welchen Sprachen beraten wird, als Codes: de, tr, ar …' }).optional(),
  translations: translationsField({
    name: translatedText('Name', 'Nur ausfüllen, wenn die Organisation in dieser Sprache einen eigenen Namen führt.'),
    summary: translatedText('Kurzbeschreibung', 'Höchstens 300 Zeichen.', 300),
    body: translatedMarkdown('Aufgabenbeschreibung'),
  }),
  reviewed_at: isoDate({ title: 'Zuletzt geprüft am', description: 'Setzen Sie heute ein, wenn alles noch stimmt.' }),
});

export type Organisation = z.output<typeof organisationSchema>;
