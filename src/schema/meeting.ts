/** content/meetings/<slug>.md: network meetings; body = the minutes (Protokoll). */
import { z } from 'zod';
import { field, isoDateTime, postalCode, slugRefList, url } from './common.ts';
import { forbiddenTypeMessage, uploadTypeOf } from './uploads.ts';

export const DOCUMENT_KINDS = ['einladung', 'tagesordnung', 'protokoll', 'praesentation', 'vorlage', 'sonstiges'] as const;

export const uploadPath = field(
  z
    .string()
    .regex(/^\/uploads\/[A-Za-z0-9._/-]+$/, { error: 'Bitte eine Datei unter /uploads/ angeben, z. B. /uploads/protokoll-2026-03.pdf.', abort: true })
    // Only types that cannot run script on the site's origin (uploads.ts).
    .refine((path) => uploadTypeOf(path) !== undefined, { error: (issue) => forbiddenTypeMessage(String(issue.input)), abort: true }),
  { title: 'Datei', widget: 'file' },
);

export const meetingSchema = z
  .strictObject({
    title: field(z.string().trim().min(1, { error: 'Darf nicht leer sein. Bitte ausfüllen.' }), { title: 'Titel' }),
    networks: slugRefList('networks', 'Netzwerke', 'Leer lassen, wenn alle Netzwerke eingeladen sind (z. B. Jahrestreffen).').optional(),
    starts_at: isoDateTime({ title: 'Beginn' }),
    ends_at: isoDateTime({ title: 'Ende' }).optional(),
    location: field(
      z.strictObject({
        name: field(z.string().optional(), { title: 'Name des Ortes' }),
        street: field(z.string().optional(), { title: 'Straße und Hausnummer' }),
        postal_code: field(postalCode.optional(), { title: 'Postleitzahl' }),
        city: field(z.string().optional(), { title: 'Ort' }),
        online_url: url({ title: 'Link zur Online-Sitzung' }).optional(),
      }),
      { title: 'Ort', description: 'Adresse oder Link zur Online-Sitzung.' },
    ).optional(),
    cancelled: field(z.boolean().default(false), { title: 'Abgesagt' }),
    agenda: field(z.array(z.string().min(1)).optional(), { title: 'Tagesordnung', description: 'Ein Punkt pro Eintrag.' }),
    documents: field(
      z
        .array(
          z.strictObject({
            title: field(z.string().trim().min(1, { error: 'Darf nicht leer sein. Bitte ausfüllen.' }), { title: 'Titel' }),
            file: uploadPath,
            kind: field(z.enum(DOCUMENT_KINDS, { error: `Unbekannte Art. Erlaubt sind: ${DOCUMENT_KINDS.join(', ')}.` }), { title: 'Art' }),
          }),
        )
        .optional(),
      { title: 'Dokumente', description: 'Einladung, Tagesordnung, Protokoll als PDF.' },
    ),
  })
  .superRefine((meeting, ctx) => {
    if (meeting.ends_at && Date.parse(meeting.ends_at) <= Date.parse(meeting.starts_at)) {
      ctx.addIssue({ code: 'custom', path: ['ends_at'], message: 'Das Ende liegt nicht nach dem Beginn. Prüfen Sie beide Zeiten.' });
    }
  });

export type Meeting = z.output<typeof meetingSchema>;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
