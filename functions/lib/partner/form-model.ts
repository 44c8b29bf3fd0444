/**
 * The proposal forms, generated from the zod schemas as the CMS config is
 * (admin/config/schema-fields.ts): the same field names, German labels and hints from
 * `.meta()`, required flags, lengths and choices. A field added to a schema appears here
 * by itself. What a partner may not change (what identifies or links entries, review
 * date, uploads, translations, map points) is left out by path.
 */
import type { z } from 'zod';
import type { FieldMeta } from '../../../src/schema/common.ts';
import { elementOf, enumValues, kindOf, shapeOf, stringRules, unwrap } from '../../../admin/config/zod-introspect.ts';

interface Base {
  /** Dotted path of the value in the entry (`cost.note`; lists use the item's own names). */
  name: string;
  label: string;
  hint?: string;
  required: boolean;
}
export type FormField =
  | (Base & { kind: 'input'; type: 'text' | 'email' | 'url' | 'date' | 'time' | 'tel' | 'number'; maxLength?: number })
  | (Base & { kind: 'textarea'; maxLength?: number })
  | (Base & { kind: 'checkbox' })
  | (Base & { kind: 'select'; options: Option[] })
  | (Base & { kind: 'choices'; options: Option[] })
  | (Base & { kind: 'words' })
  | (Base & { kind: 'group'; fields: FormField[] })
  | (Base & { kind: 'repeat'; fields: FormField[] });

export interface Option {
  value: string;
  label: string;
}

export interface FormOptions {
  /** Dotted paths never offered (and never taken from a post). */
  exclude: ReadonlySet<string>;
  /** Choices for reference fields, by referenced collection. */
  references: Partial<Record<NonNullable<FieldMeta['reference']>, Option[]>>;
  /** Labels for enum values by dotted path. */
  optionLabels?: Record<string, Record<string, string>>;
}

function describe(schema: z.ZodType, name: string, path: string, options: FormOptions): FormField | undefined {
  if (options.exclude.has(path)) return undefined;
  const { core, required, meta } = unwrap(schema);
  const base: Base = { name, label: meta.title ?? name, hint: meta.description, required };
  const kind = kindOf(core);
  if (kind === 'boolean') return { ...base, kind: 'checkbox', required: false };
  if (kind === 'number') return { ...base, kind: 'input', type: 'number' };
  if (kind === 'enum') {
    const labels = options.optionLabels?.[path] ?? {};
    return { ...base, kind: 'select', options: enumValues(core).map((value) => ({ value, label: labels[value] ?? value })) };
  }
  if (kind === 'string') {
    const rules = stringRules(core);
    if (meta.reference) return { ...base, kind: 'select', options: options.references[meta.reference] ?? [] };
    if (meta.widget === 'markdown' || meta.widget === 'text' || (rules.max ?? 0) > 120) return { ...base, kind: 'textarea', maxLength: rules.max };
    const type = meta.widget === 'email' || rules.format === 'email' ? 'email' : meta.widget === 'url' || rules.format === 'url' ? 'url' : meta.widget === 'date' ? 'date' : meta.widget === 'time' ? 'time' : name === 'phone' ? 'tel' : 'text';
    return { ...base, kind: 'input', type, maxLength: rules.max };
  }
  if (kind === 'object') {
    const fields = Object.entries(shapeOf(core))
      .map(([key, child]) => describe(child, key, `${path}.${key}`, options))
      .filter((f): f is FormField => f !== undefined);
    return { ...base, kind: 'group', fields };
  }
  // array
  const element = unwrap(elementOf(core));
  const elementKind = kindOf(element.core);
  const reference = meta.reference ?? element.meta.reference;
  if (reference) return { ...base, kind: 'choices', options: options.references[reference] ?? [] };
  if (elementKind === 'enum') {
    const labels = options.optionLabels?.[path] ?? {};
    return { ...base, kind: 'choices', options: enumValues(element.core).map((value) => ({ value, label: labels[value] ?? value })) };
  }
  if (elementKind === 'object') {
    const fields = Object.entries(shapeOf(element.core))
      .map(([key, child]) => describe(child, key, `${path}.${key}`, options))
      .filter((f): f is FormField => f !== undefined);
    return { ...base, kind: 'repeat', fields };
  }
  return { ...base, kind: 'words', hint: [base.hint, 'Mehrere durch Komma trennen.'].filter(Boolean).join(' ') };
}

/** The form for a collection's schema: its top-level fields in schema order. */
export function formFor(schema: z.ZodType, options: FormOptions): FormField[] {
  const { core } = unwrap(schema);
  return Object.entries(shapeOf(core))
    .map(([key, child]) => describe(child, key, key, options))
    .filter((f): f is FormField => f !== undefined);
}

export type PostedValues = Map<string, string[]>;

const text = (posted: PostedValues, name: string) => (posted.get(name)?.[0] ?? '').replace(/\r\n?/g, '\n').trim();

/** How many items of a list the post carries (highest index + 1). */
function itemCount(posted: PostedValues, prefix: string): number {
  let count = 0;
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d{1,2})\\.`);
  for (const key of posted.keys()) {
    const match = pattern.exec(key);
    if (match) count = Math.max(count, Number(match[1]) + 1);
  }
  return Math.min(count, 20);
}

/**
 * Reads one field's value out of the post. Empty text, no choice and all-empty groups
 * mean "left out" (undefined), as the content model treats empty values.
 */
export function readField(field: FormField, posted: PostedValues, prefix: string): unknown {
  const key = `${prefix}${field.name}`;
  switch (field.kind) {
    case 'input':
      if (field.type === 'number') {
        const value = text(posted, key);
        return value === '' ? undefined : Number(value.replace(',', '.'));
      }
      return text(posted, key) || undefined;
    case 'textarea':
    case 'select':
      return text(posted, key) || undefined;
    case 'checkbox':
      return posted.has(key);
    case 'choices': {
      const values = (posted.get(key) ?? []).map((v) => v.trim()).filter(Boolean);
      return values.length ? [...new Set(values)] : undefined;
    }
    case 'words': {
      const values = text(posted, key).split(',').map((v) => v.trim()).filter(Boolean);
      return values.length ? values : undefined;
    }
    case 'group':
      return readGroup(field.fields, posted, `${key}.`);
    case 'repeat': {
      const items: unknown[] = [];
      for (let index = 0; index < itemCount(posted, key); index++) {
        const item = readGroup(field.fields, posted, `${key}.${index}.`, true);
        if (item !== undefined) items.push(item);
      }
      return items.length ? items : undefined;
    }
  }
}

/** A group's object, or undefined when nothing in it was filled (checkboxes alone do not count in lists). */
export function readGroup(fields: FormField[], posted: PostedValues, prefix: string, inList = false): Record<string, unknown> | undefined {
  const value: Record<string, unknown> = {};
  let filled = false;
  for (const field of fields) {
    const read = readField(field, posted, prefix);
    if (read === undefined) continue;
    value[field.name] = read;
    if (field.kind !== 'checkbox' || (read === true && !inList)) filled = true;
  }
  return filled ? value : undefined;
}

/** Every posted name the form knows (anything else in a post is refused). */
export function knownNames(fields: FormField[], prefix = ''): RegExp[] {
  const patterns: RegExp[] = [];
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const field of fields) {
    const key = `${prefix}${escape(field.name)}`;
    if (field.kind === 'group') patterns.push(...knownNames(field.fields, `${key}\\.`));
    else if (field.kind === 'repeat') patterns.push(...knownNames(field.fields, `${key}\\.\\d{1,2}\\.`));
    else patterns.push(new RegExp(`^${key}$`));
  }
  return patterns;
}
