/** content/settings/site.yml: the site's own facts, edited by the social office. */
import { z } from 'zod';
import { email, field, nonEmptyText, phone, postalCode, url } from './common.ts';

export const settingsSchema = z.strictObject({
  title: nonEmptyText({ title: 'Name der Website', description: 'Erscheint im Kopf jeder Seite und im Browser-Tab.' }),
  district: nonEmptyText({ title: 'Stadtteil' }),
  city: nonEmptyText({ title: 'Stadt' }),
  tagline: nonEmptyText({ title: 'Leitsatz', description: 'Ein Satz, der sagt, wofür die Website da ist.' }),
  office: field(
    z.strictObject({
      name: nonEmptyText({ title: 'Name des Sozialbüros' }),
      street: nonEmptyText({ title: 'Straße und Hausnummer' }),
      postal_code: field(postalCode, { title: 'Postleitzahl' }),
      city: nonEmptyText({ title: 'Ort' }),
      email: email({ title: 'E-Mail', description: 'Empfängt Nachrichten aus dem Kontaktformular. Wird nicht veröffentlicht.' }),
      phone: phone({ title: 'Telefon' }),
    }),
    { title: 'Sozialbüro', description: 'Die Stelle, die die Website betreut.' },
  ),
  map: field(
    z.strictObject({
      center: field(
        z.strictObject({
          lat: field(z.number().min(-90).max(90), { title: 'Breitengrad' }),
          lng: field(z.number().min(-180).max(180), { title: 'Längengrad' }),
        }),
        { title: 'Kartenmitte' },
      ),
      zoom: field(z.number().int().min(1).max(19), { title: 'Zoomstufe', description: '15 zeigt den Stadtteil.' }),
      tiles_url: field(
        z.string().regex(/^https:\/\/\S+\{z\}\S*\{x\}\S*\{y\}\S*$/, {
          error: 'Bitte eine https-Adresse mit {z}, {x} und {y} angeben.',
        }),
        { title: 'Adresse der Kartenkacheln', description: 'Vorlage mit {z}, {x} und {y}. Der Kachel-Server sieht die IP-Adresse der Besucher, deshalb lädt die Karte erst nach Zustimmung.' },
      ),
      attribution: nonEmptyText({ title: 'Quellenangabe der Karte' }),
    }),
    { title: 'Karte' },
  ),
  newsletter: field(
    z.strictObject({
      from_name: nonEmptyText({ title: 'Absendername' }),
      from_email: email({ title: 'Absenderadresse', description: 'Muss beim Mail-Dienst als Absender bestätigt sein.' }),
    }),
    { title: 'Newsletter' },
  ),
  translation_budget: field(z.number().int().min(0).max(10_000_000).default(400_000), {
    title: 'Monatsbudget für maschinelle Übersetzung (Zeichen)',
    description: 'So viele Zeichen darf die automatische Übersetzung (DeepL) im Monat verbrauchen. DeepL API Free erlaubt 500.000.',
  }),
  review_interval_months: field(z.number().int().min(1).max(36).default(12), {
    title: 'Prüfintervall in Monaten',
    description: 'Nach so vielen Monaten ohne Bestätigung gilt ein Eintrag als veraltet.',
  }),
  website_url: field(z.url().optional(), {
    title: 'Adresse der Website',
    description: 'Öffentliche Adresse, z. B. https://quartiersnetz-kinderhaus.de. Wird für Links in E-Mails und Exporten genutzt.',
    widget: 'url',
  }),
});

export type Settings = z.output<typeof settingsSchema>;
