/**
 * The CMS collections: where each kind of content lives, how the list views look, and the
 * fields, generated from the schemas in src/schema (the registry in src/schema/index.ts
 * names folders and files). Only presentation is decided here.
 */
import { DOCUMENT_KINDS } from '../../src/schema/meeting.ts';
import { ORGANISATION_KINDS } from '../../src/schema/organisation.ts';
import {
  MARKDOWN_COLLECTIONS,
  SETTINGS_FILE,
  TAXONOMY_COLLECTIONS,
  settingsSchema,
  type MarkdownCollection,
  type TaxonomyCollection,
} from '../../src/schema/index.ts';
import { DAYS } from '../../src/schema/common.ts';
import { addMonths } from '../../src/lib/dates.ts';
import { DAY_NAMES_DE } from '../../src/lib/schedule.ts';
import { t, type MessageKey } from '../../src/i18n/index.ts';
import type { CmsData } from './cms-data.ts';
import { TAXONOMY_FORMAT, TAXONOMY_LIST_FIELD } from './constants.ts';
import { datesBeforePattern } from './date-patterns.ts';
import { bodyField, fieldsFromSchema, type CmsField, type GenerateOptions } from './schema-fields.ts';
import { CHECKED_SWITCH, MACHINE_TRANSLATED, TRANSLATED_COLLECTIONS, TRANSLATIONS_FIELD, translatablePaths, translatedFormatName } from './translations.ts';


export interface CmsCollection {
  name: string;
  label: string;
  label_singular?: string;
  description?: string;
  folder?: string;
  files?: Array<{ name: string; label: string; file: string; description?: string; fields: CmsField[] }>;
  extension?: string;
  format?: string;
  create?: boolean;
  delete?: boolean;
  slug?: string;
  identifier_field?: string;
  summary?: string;
  sortable_fields?: Array<string | { field: string; label?: string; default_sort?: boolean | 'asc' | 'desc' }>;
  view_filters?: Array<{ label: string; field: string; pattern: string | boolean }>;
  view_groups?: Array<{ label: string; field: string; pattern?: string }>;
  fields?: CmsField[];
  editor?: { preview: boolean };
  preview_path?: string;
  [key: string]: unknown;
}

const labels = (prefix: string, values: readonly string[]) =>
  Object.fromEntries(values.map((value) => [value, t(`${prefix}.${value}` as MessageKey)]));

const DAY_LABELS = Object.fromEntries(DAYS.map((day) => [day, DAY_NAMES_DE[day].long]));

/** "Still current" in one click: the reviewed_at field gets the confirm button. */
const REVIEWED = { reviewed_at: { widget: 'reviewed' } } satisfies GenerateOptions['overrides'];

/** A field (and everything inside it) edited per language. */
const translate = (field: CmsField): CmsField => ({
  ...field,
  i18n: true,
  ...(field.fields ? { fields: field.fields.map(translate) } : {}),
  ...(field.field ? { field: translate(field.field) } : {}),
});

/**
 * With translations, Decap's language switch replaces the `translations` group: the text
 * fields are edited per language (German beside it), everything else only in German.
 */
function withTranslations(name: MarkdownCollection, fields: CmsField[]): Partial<CmsCollection> {
  if (!TRANSLATED_COLLECTIONS.includes(name)) return { fields };
  const paths = Object.values(translatablePaths(name));
  const translations = fields.find((f) => f.name === TRANSLATIONS_FIELD);
  const flag = translations?.fields?.[0]?.fields?.find((f) => f.name === MACHINE_TRANSLATED);
  const mark = (field: CmsField, parent: string[]): CmsField => {
    const path = [...parent, field.name];
    const key = path.join('.');
    if (paths.some((p) => p.join('.') === key)) return translate(field);
    // A group with one translatable field inside (cost → note): only that field per language.
    if (field.fields && paths.some((p) => p.join('.').startsWith(`${key}.`))) return { ...field, i18n: true, fields: field.fields.map((f) => mark(f, path)) };
    return { ...field, i18n: false };
  };
  const result = fields.filter((f) => f.name !== TRANSLATIONS_FIELD).map((f) => mark(f, []));
  if (flag) {
    // Decap shows a translatable field in every language; German ignores it (format and save check drop it).
    result.splice(result.length - 1, 0, { ...flag, ...CHECKED_SWITCH, i18n: true, required: false });
  }
  return { i18n: true, format: translatedFormatName(name), fields: result };
}

function markdownCollection(name: MarkdownCollection, extra: Partial<CmsCollection> & { body: CmsField; options?: GenerateOptions }): CmsCollection {
  const { body, options, ...rest } = extra;
  const registry = MARKDOWN_COLLECTIONS[name];
  const fields = [...fieldsFromSchema(registry.schema, options), body];
  return {
    name,
    label: registry.labelPlural,
    label_singular: registry.label,
    folder: registry.folder,
    extension: 'md',
    format: 'yaml-frontmatter',
    create: true,
    delete: true,
    // File name = slug; see admin/lib/german-slug.ts for ä → ae, ß → ss.
    slug: '{{fields.title}}',
    identifier_field: 'title',
    editor: { preview: true },
    ...rest,
    ...withTranslations(name, fields),
  };
}

function taxonomyFile(name: TaxonomyCollection) {
  const registry = TAXONOMY_COLLECTIONS[name];
  const list: CmsField = {
    name: TAXONOMY_LIST_FIELD,
    label: registry.labelPlural,
    widget: 'list',
    required: true,
    hint: `Jeder Eintrag ist ein Begriff. Die Kennung nicht mehr ändern, wenn Angebote ihn nutzen.`,
    summary: '{{fields.label}} ({{fields.slug}})',
    collapsed: true,
    fields: fieldsFromSchema(registry.schema),
  };
  return { name, label: registry.labelPlural, file: registry.file, fields: [list] };
}

export function buildCollections(data: CmsData, today: string): CmsCollection[] {
  const overdueSince = addMonths(today, -data.reviewIntervalMonths);
  const overdue = {
    label: `Seit über ${data.reviewIntervalMonths} Monaten nicht bestätigt`,
    field: 'reviewed_at',
    pattern: datesBeforePattern(overdueSince),
  };
  const reviewedYear = { label: 'Geprüft im Jahr', field: 'reviewed_at', pattern: '^\\d{4}' };
  const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  return [
    markdownCollection('offers', {
      description: 'Was Menschen im Stadtteil suchen. Bitte prüfen Sie Ihre Angebote regelmäßig und bestätigen Sie sie mit „Heute bestätigen“.',
      summary: "{{title}} · {{provider}} · geprüft {{reviewed_at | date('DD.MM.YYYY')}}{{draft | ternary(' · Entwurf', '')}}",
      sortable_fields: ['title', { field: 'reviewed_at', label: 'Zuletzt geprüft', default_sort: 'asc' }, 'provider'],
      view_filters: [
        overdue,
        { label: 'Entwürfe', field: 'draft', pattern: true },
        ...data.organisations.map((org) => ({ label: `Anbieter: ${org.name}`, field: 'provider', pattern: `^${escape(org.id)}$` })),
      ],
      view_groups: [{ label: 'Anbieter', field: 'provider' }, reviewedYear],
      options: {
        overrides: {
          ...REVIEWED,
          'schedule.days': { hint: 'An welchen Tagen? Mehrere sind möglich.' },
        },
        optionLabels: { 'schedule.days': DAY_LABELS },
      },
      body: bodyField('Beschreibung', 'Alles Weitere zum Angebot: Ablauf, was man mitbringen soll, wer es leitet (Funktion, keine Privatnamen).'),
    }),
    markdownCollection('organisations', {
      description: 'Partner im Stadtteil: Profil, Netzwerke, Ansprechstellen.',
      slug: '{{fields.name}}',
      identifier_field: 'name',
      delete: false,
      summary: "{{name}} · geprüft {{reviewed_at | date('DD.MM.YYYY')}}",
      sortable_fields: ['name', { field: 'reviewed_at', label: 'Zuletzt geprüft', default_sort: 'asc' }, 'kind'],
      view_filters: [overdue, ...ORGANISATION_KINDS.map((kind) => ({ label: t(`organisation.kind.${kind}` as MessageKey), field: 'kind', pattern: `^${kind}$` }))],
      view_groups: [{ label: 'Art', field: 'kind' }, reviewedYear],
      options: {
        overrides: { ...REVIEWED, languages: { hint: 'In welchen Sprachen beraten wird. Tippen Sie den Namen der Sprache, z. B. „Türkisch“.' } },
        optionLabels: { kind: labels('organisation.kind', ORGANISATION_KINDS) },
      },
      body: bodyField('Profil und Aufgaben', 'Was die Organisation macht und für wen („Aufgabenbeschreibung“).'),
    }),
    markdownCollection('meetings', {
      description: 'Treffen der Netzwerke mit Tagesordnung, Dokumenten (PDF) und Protokoll.',
      slug: "{{fields.starts_at | date('YYYY-MM-DD')}}-{{fields.title}}",
      summary: "{{starts_at | date('DD.MM.YYYY')}} · {{title}}{{cancelled | ternary(' · abgesagt', '')}}",
      sortable_fields: [{ field: 'starts_at', label: 'Beginn', default_sort: 'desc' }, 'title'],
      view_filters: [
        { label: 'Abgesagt', field: 'cancelled', pattern: true },
        // Decap matches a list as its printed form, `List [ "a", "b" ]`: look for the quoted slug.
        ...data.networks.map((network) => ({ label: network.title, field: 'networks', pattern: `"${escape(network.id)}"` })),
      ],
      view_groups: [{ label: 'Jahr', field: 'starts_at', pattern: '^\\d{4}' }],
      options: {
        optionLabels: { 'documents.kind': labels('document.kind', DOCUMENT_KINDS) },
        overrides: { documents: { summary: '{{fields.title}} ({{fields.kind}})' } },
      },
      body: bodyField('Protokoll', 'Das Protokoll des Treffens. Keine personenbezogenen Daten von Bewohnerinnen und Bewohnern: Fälle nur anonym.'),
    }),
    markdownCollection('news', {
      description: 'Meldungen aus den Netzwerken; auf Wunsch auch als Newsletter.',
      slug: '{{fields.title}}',
      summary: "{{date | date('DD.MM.YYYY')}} · {{title}}{{newsletter | ternary(' · Newsletter', '')}}",
      sortable_fields: [{ field: 'date', label: 'Datum', default_sort: 'desc' }, 'title'],
      view_groups: [{ label: 'Jahr', field: 'date', pattern: '^\\d{4}' }],
      options: { overrides: { summary: { widget: 'text' } } },
      body: bodyField('Text', 'Der Text der Meldung.'),
    }),
    markdownCollection('networks', {
      description: 'Die Netzwerke. Mitglieder ergeben sich aus den Organisationen.',
      delete: false,
      summary: '{{title}}',
      sortable_fields: [{ field: 'order', label: 'Reihenfolge', default_sort: 'asc' }, 'title'],
      body: bodyField('Beschreibung', 'Wofür das Netzwerk da ist und wie es arbeitet.'),
    }),
    {
      name: 'taxonomies',
      label: 'Themen und Zielgruppen',
      description: 'Begriffe für die Suche und die Filter der Angebote.',
      format: TAXONOMY_FORMAT,
      extension: 'yml',
      editor: { preview: false },
      files: [taxonomyFile('categories'), taxonomyFile('audiences')],
    },
    markdownCollection('pages', {
      description: 'Impressum, Datenschutz, Barrierefreiheit, Leichte Sprache und weitere Seiten.',
      delete: false,
      summary: '{{title}}',
      sortable_fields: [{ field: 'order', label: 'Reihenfolge', default_sort: 'asc' }, 'title'],
      editor: { preview: false },
      body: bodyField('Text', 'Der Inhalt der Seite.'),
    }),
    {
      name: 'settings',
      label: 'Einstellungen',
      description: 'Name der Website, Sozialbüro, Karte, Newsletter-Absender.',
      extension: 'yml',
      format: 'yml',
      editor: { preview: false },
      files: [{ name: 'site', label: 'Website', file: SETTINGS_FILE, fields: fieldsFromSchema(settingsSchema) }],
    },
  ];
}
