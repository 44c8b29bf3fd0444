/**
 * Decap field definitions generated from the zod schemas in src/schema: names, German
 * labels and hints (`.meta()`), required flags, lists, references, defaults and the
 * schemas' own patterns with their messages. The CMS therefore offers exactly the fields
 * the site reads; tests/cms/drift.test.ts checks the result against the schemas again.
 */
import type { z } from 'zod';
import { languageCode, type FieldMeta } from '../../src/schema/common.ts';
import { languageOptions } from './languages.ts';
import { HINTS_BY_NAME, HINTS_BY_WIDGET, LIST_ITEM_LABELS } from './hints.ts';
import { arrayMin, elementOf, enumValues, kindOf, numberRules, shapeOf, stringRules, unwrap, type Unwrapped } from './zod-introspect.ts';

/** A Decap field; only the keys this project uses are typed. */
export interface CmsField {
  name: string;
  label: string;
  widget: string;
  required?: boolean;
  hint?: string;
  default?: unknown;
  pattern?: [string, string];
  fields?: CmsField[];
  field?: CmsField;
  options?: Array<{ label: string; value: string }>;
  multiple?: boolean;
  min?: number;
  max?: number;
  collapsed?: boolean;
  summary?: string;
  label_singular?: string;
  // relation
  collection?: string;
  file?: string;
  value_field?: string;
  search_fields?: string[];
  display_fields?: string[];
  options_length?: number;
  // number
  value_type?: 'int' | 'float';
  step?: number;
  // datetime
  format?: string;
  date_format?: string | boolean;
  time_format?: string | boolean;
  picker_utc?: boolean;
  // markdown
  buttons?: string[];
  editor_components?: string[];
  modes?: string[];
  // file
  allow_multiple?: boolean;
  choose_url?: boolean;
  [key: string]: unknown;
}

export type Reference = NonNullable<FieldMeta['reference']>;

/** How each kind of reference is picked: the stored value is the target's slug. */
export const RELATIONS: Record<Reference, Pick<CmsField, 'collection' | 'file' | 'value_field' | 'search_fields' | 'display_fields'>> = {
  organisations: { collection: 'organisations', value_field: '{{slug}}', search_fields: ['name', 'short_name'], display_fields: ['name'] },
  networks: { collection: 'networks', value_field: '{{slug}}', search_fields: ['title', 'short_title'], display_fields: ['title'] },
  offers: { collection: 'offers', value_field: '{{slug}}', search_fields: ['title'], display_fields: ['title'] },
  categories: { collection: 'taxonomies', file: 'categories', value_field: 'items.*.slug', search_fields: ['items.*.label', 'items.*.slug'], display_fields: ['items.*.label'] },
  audiences: { collection: 'taxonomies', file: 'audiences', value_field: 'items.*.slug', search_fields: ['items.*.label', 'items.*.slug'], display_fields: ['items.*.label'] },
};

/** Dates are stored as the schema reads them: `YYYY-MM-DD`, date-times with their UTC offset. */
export const DATE_WIDGET = { widget: 'datetime', format: 'YYYY-MM-DD', date_format: 'DD.MM.YYYY', time_format: false, picker_utc: false } as const;
export const DATETIME_WIDGET = { widget: 'datetime', format: 'YYYY-MM-DDTHH:mm:ssZ', picker_utc: false } as const;
export const TIME_WIDGET = { widget: 'datetime', format: 'HH:mm', date_format: false, time_format: 'HH:mm', picker_utc: false } as const;

export interface GenerateOptions {
  /** German labels for enum values, by dotted field path (`kind`, `documents.kind`, `schedule.days`). */
  optionLabels?: Record<string, Record<string, string>>;
  /** Presentation tweaks by dotted field path (widget, summary, hint …). Never name, required or structure. */
  overrides?: Record<string, Partial<CmsField>>;
}

interface Context {
  path: string[];
  /** Label of the nearest optional group above this field, if any. */
  optionalGroup?: string;
  options: GenerateOptions;
}

/** All fields of an object schema, in the schema's order. */
export function fieldsFromSchema(schema: z.ZodType, options: GenerateOptions = {}): CmsField[] {
  const { core } = unwrap(schema);
  return fieldsOfObject(core, { path: [], options });
}

function fieldsOfObject(core: z.ZodType, ctx: Context): CmsField[] {
  return Object.entries(shapeOf(core)).map(([name, schema]) => toField(name, schema, { ...ctx, path: [...ctx.path, name] }));
}

function hintFor(name: string, widget: string, unwrapped: Unwrapped, ctx: Context, patternMessage?: string): string {
  const base = unwrapped.meta.description ?? HINTS_BY_NAME[name] ?? patternMessage ?? HINTS_BY_WIDGET[widget] ?? HINTS_BY_WIDGET.string;
  // Decap cannot say "required once the group is filled in"; the hint does, the save check enforces it.
  if (unwrapped.required && ctx.optionalGroup) return `${base} Pflichtangabe, sobald Sie „${ctx.optionalGroup}“ ausfüllen.`;
  return base;
}

function toField(name: string, schema: z.ZodType, ctx: Context): CmsField {
  const unwrapped = unwrap(schema);
  const { core, meta } = unwrapped;
  const label = meta.title ?? name;
  const dotted = ctx.path.join('.');
  // Inside an optional group the CMS must not insist: the group may be left out entirely.
  const required = unwrapped.required && !ctx.optionalGroup;
  const field: CmsField = { name, label, widget: 'string', required };
  if (unwrapped.defaultValue !== undefined) field.default = unwrapped.defaultValue;
  let widgetKey = 'string';
  let patternMessage: string | undefined;
  const kind = kindOf(core);

  if (meta.reference) {
    Object.assign(field, { widget: 'relation', ...RELATIONS[meta.reference], options_length: 1000 });
    widgetKey = 'relation';
    if (kind === 'array') {
      field.multiple = true;
      widgetKey = 'relationMultiple';
      const min = arrayMin(core);
      if (min) field.min = min;
    }
  } else if (meta.widget === 'map' && kind === 'object') {
    field.widget = 'geo';
    widgetKey = 'geo';
  } else if (meta.widget === 'date') {
    Object.assign(field, DATE_WIDGET);
    widgetKey = 'date';
  } else if (meta.widget === 'datetime') {
    Object.assign(field, DATETIME_WIDGET);
    widgetKey = 'datetime';
  } else if (meta.widget === 'time') {
    Object.assign(field, TIME_WIDGET);
    widgetKey = 'time';
  } else if (meta.widget === 'file') {
    Object.assign(field, { widget: 'file', choose_url: false, allow_multiple: false });
    widgetKey = 'file';
  } else if (kind === 'string') {
    const rules = stringRules(core);
    field.widget = meta.widget === 'text' || meta.widget === 'markdown' ? meta.widget : (rules.max ?? 0) >= 150 ? 'text' : 'string';
    widgetKey = rules.format === 'email' ? 'email' : rules.format === 'url' ? 'url' : field.widget;
    if (rules.format === 'url') {
      patternMessage = rules.message ?? 'Bitte eine vollständige Internetadresse angeben, die mit https:// beginnt.';
      field.pattern = ['^https?://\\S+$', patternMessage];
    } else if (rules.pattern) {
      patternMessage = rules.message ?? 'Das Format stimmt nicht.';
      field.pattern = [rules.pattern.source, patternMessage];
    } else if (rules.max) {
      patternMessage = `Höchstens ${rules.max} Zeichen.`;
      field.pattern = [`^[\\s\\S]{0,${rules.max}}$`, `Zu lang: höchstens ${rules.max} Zeichen. Bitte kürzen.`];
    }
  } else if (kind === 'number') {
    const rules = numberRules(core);
    Object.assign(field, { widget: 'number', value_type: rules.int ? 'int' : 'float', step: rules.int ? 1 : 0.0001 });
    if (rules.min !== undefined) field.min = rules.min;
    if (rules.max !== undefined) field.max = rules.max;
    widgetKey = 'number';
  } else if (kind === 'boolean') {
    field.widget = 'boolean';
    // Decap treats an untouched toggle as missing; a required yes/no starts at "no" (but not
    // inside an optional group, where a default would fill in the group by itself).
    if (required && field.default === undefined) field.default = false;
    widgetKey = 'boolean';
  } else if (kind === 'enum') {
    Object.assign(field, { widget: 'select', options: selectOptions(enumValues(core), ctx.options.optionLabels?.[dotted]) });
    widgetKey = 'select';
  } else if (kind === 'array') {
    const element = unwrap(elementOf(core));
    const elementKind = kindOf(element.core);
    const min = arrayMin(core);
    if (element.core === languageCode) {
      // Picked by name ("Türkisch (tr)") rather than typed as a code.
      Object.assign(field, { widget: 'select', multiple: true, options: languageOptions() });
      if (min) field.min = min;
      widgetKey = 'select';
    } else if (elementKind === 'enum') {
      Object.assign(field, { widget: 'select', multiple: true, options: selectOptions(enumValues(element.core), ctx.options.optionLabels?.[dotted]) });
      if (min) field.min = min;
      widgetKey = 'select';
    } else if (elementKind === 'object') {
      field.widget = 'list';
      // Inside a list item, "required" holds per item again.
      field.fields = fieldsOfObject(element.core, { ...ctx, optionalGroup: undefined });
      const first = field.fields.find((f) => f.widget === 'string' || f.widget === 'text');
      if (first) field.summary = `{{fields.${first.name}}}`;
      if (min) field.min = min;
      widgetKey = 'list';
    } else {
      field.widget = 'list';
      const item = toField(name, elementOf(core), { ...ctx, optionalGroup: undefined });
      field.field = { ...item, name: 'item', label, required: true };
      // Collapsed one-line items would show only the label, not the text.
      field.collapsed = false;
      if (min) field.min = min;
      widgetKey = 'list';
    }
  } else if (kind === 'object') {
    field.widget = 'object';
    field.fields = fieldsOfObject(core, { ...ctx, optionalGroup: unwrapped.required && !ctx.optionalGroup ? undefined : (ctx.optionalGroup ?? label) });
    // A group most entries leave empty (the translations) starts closed.
    field.collapsed = meta.widget === 'collapsed';
    widgetKey = 'object';
  }

  if (field.widget === 'list') field.label_singular = LIST_ITEM_LABELS[name] ?? label;
  field.hint = hintFor(name, widgetKey, unwrapped, ctx, patternMessage);
  return { ...field, ...ctx.options.overrides?.[dotted] };
}

function selectOptions(values: string[], labels: Record<string, string> = {}): Array<{ label: string; value: string }> {
  return values.map((value) => ({ value, label: labels[value] ?? value }));
}

/** The Markdown body every folder collection has besides its front matter. */
export function bodyField(label: string, hint: string): CmsField {
  return {
    name: 'body',
    label,
    widget: 'markdown',
    required: false,
    hint,
    modes: ['rich_text', 'raw'],
    buttons: ['bold', 'italic', 'link', 'heading-two', 'heading-three', 'bulleted-list', 'numbered-list', 'quote'],
    editor_components: [],
  };
}
