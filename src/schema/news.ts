/** content/news/<slug>.md: posts; `newsletter: true` mails a post once to its networks' subscribers. */
import { z } from 'zod';
import { field, isoDate, nonEmptyText, slugRef, slugRefList } from './common.ts';
import { uploadPath } from './meeting.ts';

export const newsSchema = z.strictObject({
  title: nonEmptyText({ title: 'Titel' }),
  date: isoDate({ title: 'Datum' }),
  networks: slugRefList('networks', 'Netzwerke', 'Leer lassen, wenn die Meldung alle Netzwerke betrifft.').optional(),
  summary: nonEmptyText({ title: 'Kurzfassung', description: 'Ein bis zwei Sätze für Übersicht und Newsletter-Vorschau.' }),
  attachments: field(
    z
      .array(
        z.strictObject({
          title: nonEmptyText({ title: 'Titel' }),
          file: uploadPath,
        }),
      )
      .optional(),
    { title: 'Anhänge' },
  ),
  author: slugRef(
    'organisations',
    'Verfasst von (Organisation)',
    'Die Partnerorganisation, die diese Nachricht geschrieben hat (über „Nachricht an das Netzwerk“ auf ihrer Partnerseite). Die Website zeigt „von <Organisation>“. Leer lassen bei Meldungen des Sozialbüros.',
  ).optional(),
  newsletter: field(z.boolean().default(false), {
    title: 'Als Newsletter senden',
    description: 'Die Meldung geht nach dem Veröffentlichen einmal per E-Mail an alle, die den Newsletter ihrer Netzwerke abonniert haben.',
  }),
});

export type News = z.output<typeof newsSchema>;
