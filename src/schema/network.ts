/** content/networks/<slug>.md: the three partner networks. Members are derived from organisations. */
import { z } from 'zod';
import { field, nonEmptyText, slugRef } from './common.ts';
import { translatedList, translatedMarkdown, translatedText, translationsField } from './translations.ts';

export const networkSchema = z.strictObject({
  title: nonEmptyText({ title: 'Titel', description: 'Voller Name des Netzwerks.' }),
  short_title: field(z.string().optional(), { title: 'Kurztitel', description: 'Für Menüs und Filter, z. B. „Netzwerk II“.' }),
  summary: nonEmptyText({ title: 'Kurzbeschreibung', description: 'Höchstens 300 Zeichen: worum es geht.' }, 300),
  target_group: nonEmptyText({ title: 'Zielgruppe', description: 'Für wen das Netzwerk arbeitet.' }),
  goals: field(z.array(z.string().min(1)).optional(), { title: 'Ziele', description: 'Ein Ziel pro Eintrag.' }),
  coordinator: slugRef('organisations', 'Koordination', 'Organisation, die das Netzwerk koordiniert. Sie erhält Nachrichten aus dem Kontaktformular des Netzwerks.').optional(),
  meeting_rhythm: field(z.string().optional(), { title: 'Treffen', description: 'z. B. „alle 8 Wochen, dienstags 14 Uhr“.' }),
  order: field(z.number().int().optional(), { title: 'Reihenfolge', description: 'Kleinere Zahlen stehen weiter vorn.' }),
  translations: translationsField({
    title: translatedText('Titel'),
    summary: translatedText('Kurzbeschreibung', 'Höchstens 300 Zeichen.', 300),
    target_group: translatedText('Zielgruppe'),
    goals: translatedList('Ziele', 'Ein Ziel pro Eintrag.'),
    body: translatedMarkdown('Beschreibung'),
  }),
});

export type Network = z.output<typeof networkSchema>;
