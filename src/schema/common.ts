/**
 * Building blocks shared by the collection schemas. Every field carries German
 * `meta` (label + hint): the CMS config and the editor-facing messages read it
 * from here, so a field is described exactly once.
 */
import { z } from 'zod';
import { orMissing } from './messages.ts';

/** Metadata every field may carry; `widget` tells the CMS generator what editor to use. */
export interface FieldMeta {
  /** German label shown to editors. */
  title: string;
  /** German hint: what to enter and why. */
  description?: string;
  /** Editor hint for the CMS when the type alone is ambiguous. */
  widget?: 'text' | 'markdown' | 'date' | 'datetime' | 'time' | 'map' | 'file' | 'email' | 'url' | 'days' | 'collapsed';
  /** Target collection for reference fields. */
  reference?: 'organisations' | 'networks' | 'categories' | 'audiences' | 'offers';
}

export const field = <T extends z.ZodType>(schema: T, meta: FieldMeta): T => schema.meta(meta as unknown as Record<string, unknown>) as T;

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const slugRef = (reference: NonNullable<FieldMeta['reference']>, title: string, description?: string) =>
  field(z.string().regex(SLUG_PATTERN, { error: 'Keine gültige Kennung: erlaubt sind nur a–z, 0–9 und Bindestriche.' }), {
    title,
    description,
    reference,
  });

export const slugRefList = (reference: NonNullable<FieldMeta['reference']>, title: string, description?: string) =>
  field(z.array(slugRef(reference, title)), { title, description, reference });

/** A real calendar date is checked too: 2026-02-30 is refused. */
function isRealDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * A calendar date `YYYY-MM-DD`. YAML 1.1 parsers (Astro's) turn unquoted dates into
 * `Date` objects, YAML 1.2 parsers (ours, Decap's) keep strings: both become a string.
 */
export const isoDate = (meta: FieldMeta) =>
  field(
    z.preprocess(
      (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value),
      z
        .string({ error: orMissing('Bitte ein Datum im Format JJJJ-MM-TT angeben, z. B. 2026-03-04.') })
        .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Bitte ein Datum im Format JJJJ-MM-TT angeben, z. B. 2026-03-04.' })
        .refine(isRealDate, { error: 'Dieses Datum gibt es im Kalender nicht. Bitte prüfen.' }),
    ),
    { widget: 'date', ...meta },
  );

const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * A moment in time with its UTC offset (`2026-03-04T17:00:00+01:00`). Without an offset
 * the time would be read in the server's zone, which on Netlify is UTC: one hour wrong.
 */
export const isoDateTime = (meta: FieldMeta) =>
  field(
    z.preprocess(
      (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : value),
      z
        .string({ error: orMissing('Bitte Datum und Uhrzeit mit Zeitzone angeben, z. B. 2026-03-04T17:00:00+01:00.') })
        .regex(DATE_TIME_WITH_OFFSET, {
          error: 'Bitte Datum und Uhrzeit mit Zeitzone angeben, z. B. 2026-03-04T17:00:00+01:00.',
        })
        .refine((value) => !Number.isNaN(Date.parse(value)) && isRealDate(value.slice(0, 10)), {
          error: 'Diesen Zeitpunkt gibt es nicht. Bitte prüfen.',
        }),
    ),
    { widget: 'datetime', ...meta },
  );

export const CLOCK_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

export const clockTime = (meta: FieldMeta) =>
  field(
    z.string({ error: orMissing('Bitte eine Uhrzeit im Format HH:MM angeben, z. B. 09:30.') }).regex(CLOCK_PATTERN, { error: 'Bitte eine Uhrzeit im Format HH:MM angeben, z. B. 09:30.' }),
    { widget: 'time', ...meta },
  );

export const email = (meta: FieldMeta) =>
  field(z.email({ error: 'Keine gültige E-Mail-Adresse. Bitte in der Form name@beispiel.de angeben.' }), { widget: 'email', ...meta });

export const url = (meta: FieldMeta) =>
  field(
    z.url({ protocol: /^https?$/, error: 'Bitte eine vollständige Internetadresse angeben, die mit https:// beginnt.' }),
    { widget: 'url', ...meta },
  );

/** ISO 639-1 two-letter language code. */
export const languageCode = z
  .string()
  .regex(/^[a-z]{2}$/, { error: 'Bitte einen zweistelligen Sprachcode nach ISO 639-1 angeben, z. B. de, tr, ar.' });

export const languageList = (meta: FieldMeta) => field(z.array(languageCode), meta);

export const geo = field(
  z.strictObject({
    lat: field(z.number().min(-90).max(90), { title: 'Breitengrad' }),
    lng: field(z.number().min(-180).max(180), { title: 'Längengrad' }),
  }),
  { title: 'Lage auf der Karte', description: 'Setzen Sie den Punkt auf der Karte an die Adresse.', widget: 'map' },
);

export const postalCode = z.string().regex(/^\d{5}$/, { error: 'Bitte eine fünfstellige Postleitzahl angeben.' });

export const address = field(
  z.strictObject({
    street: field(z.string().min(1), { title: 'Straße und Hausnummer' }),
    postal_code: field(postalCode, { title: 'Postleitzahl' }),
    city: field(z.string().min(1), { title: 'Ort' }),
  }),
  { title: 'Adresse' },
);

export const phone = (meta: FieldMeta) =>
  field(
    z
      .string()
      .regex(/^[+0-9][0-9 /()-]{4,30}$/, { error: 'Keine gültige Telefonnummer: erlaubt sind Ziffern, Leerzeichen und + / - ( ).' }),
    meta,
  );

export const nonEmptyText = (meta: FieldMeta, max?: number) => {
  let schema = z.string().trim().min(1, { error: 'Darf nicht leer sein. Bitte ausfüllen.' });
  if (max) schema = schema.max(max, { error: (issue) => `Zu lang: höchstens ${max} Zeichen, jetzt ${String((issue.input as string).length)}. Bitte kürzen.` });
  return field(schema, meta);
};

import { DAYS, type Day } from './days.ts';

export { DAYS, type Day };
