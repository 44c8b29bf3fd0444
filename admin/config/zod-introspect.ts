/**
 * Reads what the CMS needs out of a zod 4 schema: the value type under optional/default/
 * preprocess layers, whether a value may be left out, the default, the field metadata
 * (`.meta()` may sit on any layer: `field(x.optional(), meta)` or `field(x, meta).optional()`)
 * and the checks (regex, lengths, number bounds) with their German messages.
 */
import type { z } from 'zod';
import type { FieldMeta } from '../../src/schema/common.ts';

/** The parts of zod's internal definition object this module relies on. */
interface Def {
  type: string;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  entries?: Record<string, string>;
  checks?: Array<{ _zod: { def: CheckDef } }>;
  format?: string;
  pattern?: RegExp;
  error?: (issue: unknown) => unknown;
}

export interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  error?: (issue: unknown) => unknown;
}

export const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function metaOf(schema: z.ZodType): Partial<FieldMeta> | undefined {
  const read = (schema as unknown as { meta?: () => unknown }).meta;
  return typeof read === 'function' ? (read.call(schema) as Partial<FieldMeta> | undefined) : undefined;
}

export interface Unwrapped {
  /** The schema that describes the value itself (string, number, object, array, enum …). */
  core: z.ZodType;
  /** False when the key may be left out (optional or with a default). */
  required: boolean;
  /** The schema's default, if any. */
  defaultValue?: unknown;
  /** Metadata merged over all layers; the outermost layer wins. */
  meta: Partial<FieldMeta>;
}

export function unwrap(schema: z.ZodType): Unwrapped {
  let current = schema;
  let required = true;
  let defaultValue: unknown;
  const meta: Partial<FieldMeta> = {};
  for (;;) {
    const layerMeta = metaOf(current);
    if (layerMeta) for (const [key, value] of Object.entries(layerMeta)) if (!(key in meta)) (meta as Record<string, unknown>)[key] = value;
    const def = defOf(current);
    if (def.type === 'optional' || def.type === 'nullable') {
      required = false;
      current = def.innerType!;
    } else if (def.type === 'default' || def.type === 'prefault') {
      required = false;
      defaultValue = structuredClone(def.defaultValue);
      current = def.innerType!;
    } else if (def.type === 'pipe') {
      // z.preprocess(fn, schema) is pipe(transform → schema); schema.transform(fn) is pipe(schema → transform).
      current = defOf(def.out!).type === 'transform' ? def.in! : def.out!;
    } else {
      return { core: current, required, defaultValue, meta };
    }
  }
}

export const checksOf = (schema: z.ZodType): CheckDef[] => (defOf(schema).checks ?? []).map((check) => check._zod.def);

/** The message a check gives for a wrong (not missing) value, or undefined for zod's generic one. */
export function checkMessage(check: { error?: (issue: unknown) => unknown }): string | undefined {
  if (typeof check.error !== 'function') return undefined;
  const result = check.error({ input: '?', code: 'invalid_format' });
  if (typeof result === 'string') return result;
  if (result && typeof result === 'object' && 'message' in result) return String((result as { message: unknown }).message);
  return undefined;
}

export type CoreKind = 'string' | 'number' | 'boolean' | 'enum' | 'array' | 'object';

export function kindOf(core: z.ZodType): CoreKind {
  const type = defOf(core).type;
  if (type === 'string' || type === 'number' || type === 'boolean' || type === 'enum' || type === 'array' || type === 'object') return type;
  throw new Error(`The CMS generator cannot map a zod "${type}" schema; add a case in admin/config/zod-introspect.ts.`);
}

export const shapeOf = (core: z.ZodType): Record<string, z.ZodType> => defOf(core).shape ?? {};
export const elementOf = (core: z.ZodType): z.ZodType => defOf(core).element!;
export const enumValues = (core: z.ZodType): string[] => Object.values(defOf(core).entries ?? {});

/** A string's format (`email`, `url`, `regex` …) and its pattern, from the type or its checks. */
export function stringRules(core: z.ZodType): { format?: string; pattern?: RegExp; message?: string; min?: number; max?: number } {
  const def = defOf(core);
  const rules: { format?: string; pattern?: RegExp; message?: string; min?: number; max?: number } = {};
  if (def.format) {
    rules.format = def.format;
    rules.pattern = def.pattern;
    rules.message = checkMessage(def);
  }
  for (const check of checksOf(core)) {
    if (check.check === 'string_format' && check.pattern) {
      rules.format ??= check.format;
      rules.pattern = check.pattern;
      rules.message = checkMessage(check) ?? rules.message;
    } else if (check.check === 'min_length') rules.min = check.minimum;
    else if (check.check === 'max_length') rules.max = check.maximum;
  }
  return rules;
}

export function numberRules(core: z.ZodType): { int: boolean; min?: number; max?: number } {
  const def = defOf(core);
  const rules: { int: boolean; min?: number; max?: number } = { int: def.format === 'safeint' || def.format === 'int32' };
  for (const check of checksOf(core)) {
    if (check.check === 'number_format' && (check.format === 'safeint' || check.format === 'int32')) rules.int = true;
    if (check.check === 'greater_than') rules.min = check.value;
    if (check.check === 'less_than') rules.max = check.value;
  }
  return rules;
}

export function arrayMin(core: z.ZodType): number | undefined {
  return checksOf(core).find((check) => check.check === 'min_length')?.minimum;
}
