/** content/offers/<slug>.md: what residents search for. Body: the full description. */
import { z } from 'zod';
import {
  CLOCK_PATTERN,
  DAYS,
  clockTime,
  email,
  field,
  geo,
  isoDate,
  languageList,
  nonEmptyText,
  phone,
  postalCode,
  slugRef,
  slugRefList,
} from './common.ts';
import { translatedList, translatedMarkdown, translatedText, translationsField } from './translations.ts';

export const scheduleSlotSchema = z
  .strictObject({
    days: field(z.array(z.enum(DAYS, { error: 'Unbekannter Wochentag. Erlaubt sind mo, tu, we, th, fr, sa, su.' })).min(1, { error: 'Bitte mindestens einen Wochentag wählen.' }), {
      title: 'Wochentage',
      widget: 'days',
    }),
    opens: clockTime({ title: 'Beginn' }),
    closes: clockTime({ title: 'Ende' }),
    note: field(z.string().optional(), { title: 'Hinweis', description: 'z. B. „nicht in den Schulferien“.' }),
  })
  // Only compare well-formed times; a malformed one already has its own message.
  .refine((slot) => !CLOCK_PATTERN.test(slot.opens) || !CLOCK_PATTERN.test(slot.closes) || slot.closes > slot.opens, { error: 'Das Ende muss nach dem Beginn liegen.', path: ['closes'] });

export const offerSchema = z
  .strictObject({
    title: nonEmptyText({ title: 'Titel', description: 'Kurz und klar: was Menschen hier bekommen.' }),
    summary: nonEmptyText({ title: 'Kurzbeschreibung', description: 'Höchstens 200 Zeichen. Erscheint in der Trefferliste.' }, 200),
    provider: slugRef('organisations', 'Anbieter', 'Die Organisation, die das Angebot macht.'),
    networks: slugRefList('networks', 'Netzwerke').optional(),
    categories: field(
      z.array(slugRef('categories', 'Thema')).min(1, { error: 'Bitte mindestens ein Thema wählen.' }),
      { title: 'Themen', description: 'Worum es geht. Mindestens eines.', reference: 'categories' },
    ),
    audiences: slugRefList('audiences', 'Zielgruppen', 'Für wen das Angebot gedacht ist. Leer lassen, wenn es für alle ist.').optional(),
    languages: languageList({ title: 'Sprachen des Angebots', description: 'In welchen Sprachen das Angebot stattfindet (nicht die Sprache dieser Seite).' }).default(['de']),
    cost: field(
      z.strictObject({
        free: field(z.boolean({ error: 'Bitte ja oder nein wählen (true/false).' }), { title: 'Kostenlos' }),
        note: field(z.string().optional(), { title: 'Hinweis zu Kosten', description: 'z. B. „5 € pro Termin, mit Münster-Pass frei“.' }),
      }),
      { title: 'Kosten' },
    ),
    online: field(z.boolean().default(false), { title: 'Online', description: 'Findet nur online statt; dann ist kein Ort nötig.' }),
    location: field(
      z.strictObject({
        name: field(z.string().optional(), { title: 'Name des Ortes', description: 'z. B. „Begegnungszentrum, Raum 2“.' }),
        street: nonEmptyText({ title: 'Straße und Hausnummer' }),
        postal_code: field(postalCode, { title: 'Postleitzahl' }),
        city: nonEmptyText({ title: 'Ort' }),
        geo: geo.optional(),
      }),
      { title: 'Ort' },
    ).optional(),
    schedule: field(z.array(scheduleSlotSchema).optional(), { title: 'Feste Zeiten', description: 'Wöchentliche Zeiten. Für „jetzt geöffnet“ und die Tagesfilter.' }),
    schedule_note: field(z.string().optional(), { title: 'Hinweis zu Zeiten', description: 'z. B. „nach Vereinbarung“.' }),
    starts_on: isoDate({ title: 'Beginnt am' }).optional(),
    ends_on: isoDate({ title: 'Endet am', description: 'Nach diesem Tag verschwindet das Angebot von selbst von der Website.' }).optional(),
    registration: field(
      z.strictObject({
        required: field(z.boolean(), { title: 'Anmeldung nötig' }),
        how: field(z.string().optional(), { title: 'So melden Sie sich an' }),
      }),
      { title: 'Anmeldung' },
    ).optional(),
    contact: field(
      z.strictObject({
        role: field(z.string().optional(), { title: 'Funktion', description: 'z. B. „Kursleitung“. Keine Namen von Privatpersonen.' }),
        phone: phone({ title: 'Telefon' }).optional(),
        email: email({ title: 'E-Mail', description: 'Empfängt Nachrichten aus dem Kontaktformular. Wird nie veröffentlicht.' }).optional(),
      }),
      { title: 'Kontakt' },
    ).optional(),
    accessibility: field(
      z.strictObject({
        wheelchair: field(z.boolean().optional(), { title: 'Rollstuhlgerecht' }),
        note: field(z.string().optional(), { title: 'Hinweis zur Barrierefreiheit' }),
      }),
      { title: 'Barrierefreiheit' },
    ).optional(),
    childcare: field(z.boolean().optional(), { title: 'Kinderbetreuung', description: 'Kinder werden während des Angebots betreut.' }),
    keywords: field(z.array(z.string().min(1)).optional(), {
      title: 'Suchwörter',
      description: 'Weitere Wörter, nach denen Menschen suchen könnten, z. B. „Lebenslauf“.',
    }),
    summary_easy: field(z.string().max(300, { error: 'Zu lang: höchstens 300 Zeichen. Bitte kürzen.' }).optional(), {
      title: 'Kurz in Leichter Sprache',
      description: 'Höchstens 300 Zeichen in Leichter Sprache: kurze Sätze, ein Gedanke pro Satz, keine Fremdwörter.',
      widget: 'text',
    }),
    translations: translationsField({
      title: translatedText('Titel'),
      summary: translatedText('Kurzbeschreibung', 'Höchstens 200 Zeichen.', 200),
      body: translatedMarkdown('Beschreibung'),
      schedule_note: translatedText('Hinweis zu Zeiten'),
      cost_note: translatedText('Hinweis zu Kosten'),
      registration_how: translatedText('So melden Sie sich an'),
      keywords: translatedList('Suchwörter', 'Wörter, nach denen Menschen in dieser Sprache suchen könnten.'),
    }),
    reviewed_at: isoDate({ title: 'Zuletzt geprüft am', description: 'Setzen Sie heute ein, wenn alles noch stimmt.' }),
    draft: field(z.boolean().default(false), { title: 'Entwurf', description: 'Entwürfe erscheinen nicht auf der Website.' }),
  })
  .superRefine((offer, ctx) => {
    if (!offer.online && !offer.location) {
      ctx.addIssue({
        code: 'custom',
        path: ['location'],
        message: 'Ort fehlt. Geben Sie einen Ort an oder kreuzen Sie „Online“ an.',
      });
    }
    if (offer.starts_on && offer.ends_on && offer.ends_on < offer.starts_on) {
      ctx.addIssue({
        code: 'custom',
        path: ['ends_on'],
        message: `Das Ende liegt vor dem Beginn (${offer.starts_on}). Prüfen Sie beide Daten.`,
      });
    }
  });

export type Offer = z.output<typeof offerSchema>;
export type ScheduleSlot = z.output<typeof scheduleSlotSchema>;
