/**
 * The CMS must offer exactly the fields the site reads: this compares the Decap config
 * with the zod schemas field by field (both ways), including required flags, lists,
 * references, choices and the formats of date widgets. The config is generated from the
 * schemas, so this guards the generator, the overrides, and hand-made parts alike.
 */
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { buildCmsConfig } from '../../admin/config/build-config.ts';
import { backendFromEnv, collectCmsData } from '../../admin/config/cms-data.ts';
import type { CmsCollection } from '../../admin/config/collections.ts';
import { TAXONOMY_LIST_FIELD } from '../../admin/config/constants.ts';
import { CHECKED_SWITCH, MACHINE_TRANSLATED, TRANSLATION_BOOKKEEPING, TRANSLATIONS_FIELD } from '../../admin/config/translations.ts';
import type { CmsField } from '../../admin/config/schema-fields.ts';
import { elementOf, enumValues, kindOf, shapeOf, unwrap } from '../../admin/config/zod-introspect.ts';
import { loadContent } from '../../src/lib/load-content.ts';
import { MARKDOWN_COLLECTIONS, SETTINGS_FILE, TAXONOMY_COLLECTIONS, settingsSchema } from '../../src/schema/index.ts';

const TODAY = '2026-11-21';
const { content } = loadContent(process.cwd());
const config = buildCmsConfig(collectCmsData(content, backendFromEnv({})), TODAY);
const collection = (name: string) => config.collections.find((c) => c.name === name) as CmsCollection;

/** Where each reference must point in the CMS: the target's collection (and file) and its slug. */
const REFERENCE_TARGETS: Record<string, { collection: string; file?: string; value_field: string }> = {
  organisations: { collection: 'organisations', value_field: '{{slug}}' },
  networks: { collection: 'networks', value_field: '{{slug}}' },
  offers: { collection: 'offers', value_field: '{{slug}}' },
  categories: { collection: 'taxonomies', file: 'categories', value_field: `${TAXONOMY_LIST_FIELD}.*.slug` },
  audiences: { collection: 'taxonomies', file: 'audiences', value_field: `${TAXONOMY_LIST_FIELD}.*.slug` },
};

const isList = (field: CmsField) => field.widget === 'list' || ((field.widget === 'relation' || field.widget === 'select') && field.multiple === true);

/**
 * Every difference between an object schema and a list of CMS fields, as readable lines.
 * `optionalGroup`: inside an optional object Decap cannot require a field (the group may be
 * left out), so there the CMS marks it optional and the save check enforces it.
 */
function findDrift(schema: z.ZodType, fields: CmsField[], path = '', optionalGroup = false, skip: string[] = []): string[] {
  const problems: string[] = [];
  const shape = Object.fromEntries(Object.entries(shapeOf(unwrap(schema).core)).filter(([name]) => !skip.includes(name)));
  const byName = new Map(fields.map((f) => [f.name, f]));
  for (const name of byName.keys()) if (!(name in shape)) problems.push(`${path}${name}: CMS field has no schema field`);
  for (const [name, child] of Object.entries(shape)) {
    const where = `${path}${name}`;
    const field = byName.get(name);
    if (!field) {
      problems.push(`${where}: schema field has no CMS field`);
      continue;
    }
    problems.push(...compareField(child, field, where, optionalGroup));
  }
  return problems;
}

function compareField(schema: z.ZodType, field: CmsField, where: string, optionalGroup: boolean): string[] {
  const problems: string[] = [];
  const { core, required, meta } = unwrap(schema);
  const kind = kindOf(core);
  const cmsRequired = field.required !== false;
  const expectedRequired = required && !optionalGroup;
  if (cmsRequired !== expectedRequired) problems.push(`${where}: required is ${cmsRequired} in the CMS, ${expectedRequired} by the schema`);
  if (!field.label?.trim()) problems.push(`${where}: no label`);
  if (!field.hint?.trim()) problems.push(`${where}: no hint`);
  if (meta.title && field.label !== meta.title && field.name !== 'item') problems.push(`${where}: label "${field.label}" differs from the schema's "${meta.title}"`);

  const schemaList = kind === 'array';
  if (schemaList !== isList(field)) problems.push(`${where}: list in ${schemaList ? 'the schema' : 'the CMS'} only`);

  // References: a relation widget exactly where the schema names a target.
  const reference = meta.reference;
  if (reference) {
    const target = REFERENCE_TARGETS[reference];
    if (field.widget !== 'relation') problems.push(`${where}: reference to ${reference} but widget ${field.widget}`);
    else if (field.collection !== target.collection || field.file !== target.file || field.value_field !== target.value_field) {
      problems.push(`${where}: relation points to ${field.collection}/${field.file ?? ''} ${field.value_field}, expected ${target.collection}/${target.file ?? ''} ${target.value_field}`);
    }
  } else if (field.widget === 'relation') {
    problems.push(`${where}: relation widget without a reference in the schema`);
  }

  if (kind === 'object' && meta.widget === 'map') {
    const keys = Object.keys(shapeOf(core)).sort().join(',');
    if (field.widget !== 'geo') problems.push(`${where}: coordinates need the geo widget, not ${field.widget}`);
    if (keys !== 'lat,lng') problems.push(`${where}: the geo widget stores {lat, lng}, the schema has {${keys}}`);
  } else if (kind === 'object') {
    if (field.widget !== 'object' || !field.fields) problems.push(`${where}: object in the schema, ${field.widget} in the CMS`);
    else problems.push(...findDrift(core, field.fields, `${where}.`, optionalGroup || !required));
  } else if (kind === 'array' && !reference) {
    const element = unwrap(elementOf(core));
    const elementKind = kindOf(element.core);
    if (elementKind === 'object') {
      if (!field.fields) problems.push(`${where}: list of groups in the schema, no sub-fields in the CMS`);
      else problems.push(...findDrift(element.core, field.fields, `${where}[].`, false));
    } else if (elementKind === 'enum') {
      problems.push(...compareOptions(element.core, field, where));
    } else if (field.widget === 'select') {
      // A fixed choice for free values (languages): every choice must be a value the schema accepts.
      const refused = (field.options ?? []).filter((option) => !elementOf(core).safeParse(option.value).success);
      if (!field.options?.length || refused.length) problems.push(`${where}: choices the schema refuses: ${refused.map((o) => o.value).join(', ')}`);
    } else if (!field.field) {
      problems.push(`${where}: list of ${elementKind} values needs a single \`field\` in the CMS`);
    }
  } else if (kind === 'enum') {
    problems.push(...compareOptions(core, field, where));
  } else if (kind === 'boolean' && field.widget !== 'boolean') {
    problems.push(`${where}: yes/no in the schema, ${field.widget} in the CMS`);
  } else if (kind === 'number' && field.widget !== 'number') {
    problems.push(`${where}: number in the schema, ${field.widget} in the CMS`);
  }
  return problems;
}

function compareOptions(core: z.ZodType, field: CmsField, where: string): string[] {
  const expected = [...enumValues(core)].sort().join(',');
  const actual = (field.options ?? []).map((o) => o.value).sort().join(',');
  return expected === actual ? [] : [`${where}: choices ${actual} in the CMS, ${expected} in the schema`];
}

/** The per-language shape of a schema's `translations`, if it has one. */
function languageShape(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  const translations = shapeOf(unwrap(schema).core)[TRANSLATIONS_FIELD];
  if (!translations) return undefined;
  const languages = shapeOf(unwrap(translations).core);
  return shapeOf(unwrap(Object.values(languages)[0]).core);
}

/**
 * With Decap's i18n the `translations` group becomes the language switch: exactly the
 * schema's translatable fields (same names as the German ones) are edited per language,
 * the flag `machine_translated` too, everything else only in German.
 */
function findTranslationDrift(schema: z.ZodType, fields: CmsField[]): string[] {
  const problems: string[] = [];
  const german = shapeOf(unwrap(schema).core);
  // `cost_note` is edited beside the German `cost.note`; `title` beside `title`.
  const expected = new Set(
    Object.keys(languageShape(schema) ?? {})
      // The translate run's hashes are carried by the format, never edited.
      .filter((key) => !(TRANSLATION_BOOKKEEPING as readonly string[]).includes(key))
      .map((key) => (key in german || key === MACHINE_TRANSLATED || key === 'body' ? key : key.replace('_', '.'))),
  );
  const offered = new Set<string>();
  const collect = (list: CmsField[], parent: string) => {
    for (const field of list) {
      const path = `${parent}${field.name}`;
      if (field.i18n !== true) continue;
      const partly = field.fields && !field.fields.every((f) => f.i18n === true);
      if (partly) collect(field.fields!, `${path}.`);
      else offered.add(path);
    }
  };
  collect(fields, '');
  for (const path of offered) if (!expected.has(path)) problems.push(`${path}: translatable in the CMS, not in the schema's translations`);
  for (const path of expected) if (!offered.has(path)) problems.push(`${path}: translatable in the schema, not in the CMS`);
  const flag = fields.find((f) => f.name === MACHINE_TRANSLATED);
  // Shown as the inverted switch "Von einer Person geprüft" (admin/widgets/checked-translation.ts).
  if (flag && flag.widget !== CHECKED_SWITCH.widget) problems.push(`${MACHINE_TRANSLATED}: not the switch "Von einer Person geprüft"`);
  return problems;
}

/** Every field of a config, with its dotted path. */
function* walk(fields: CmsField[], path = ''): Generator<[string, CmsField]> {
  for (const field of fields) {
    yield [`${path}${field.name}`, field];
    if (field.fields) yield* walk(field.fields, `${path}${field.name}.`);
    if (field.field) yield* walk([field.field], `${path}${field.name}[].`);
  }
}

describe('CMS config matches the schemas', () => {
  for (const [name, registry] of Object.entries(MARKDOWN_COLLECTIONS)) {
    it(`${name}: same fields, required flags, lists and references`, () => {
      const cms = collection(name);
      expect(cms.folder).toBe(registry.folder);
      expect(cms.extension).toBe('md');
      const [body, ...rest] = [...(cms.fields ?? [])].reverse();
      expect(body.name).toBe('body');
      if (!languageShape(registry.schema)) {
        expect(cms.i18n).toBeUndefined();
        expect(findDrift(registry.schema, rest.reverse())).toEqual([]);
        return;
      }
      expect(cms.i18n).toBe(true);
      expect(findTranslationDrift(registry.schema, cms.fields ?? [])).toEqual([]);
      const german = rest.reverse().filter((f) => f.name !== MACHINE_TRANSLATED);
      expect(findDrift(registry.schema, german, '', false, [TRANSLATIONS_FIELD])).toEqual([]);
    });
  }

  for (const [name, registry] of Object.entries(TAXONOMY_COLLECTIONS)) {
    it(`taxonomy ${name}: a list of terms in ${registry.file}`, () => {
      const file = collection('taxonomies').files?.find((f) => f.name === name);
      expect(file?.file).toBe(registry.file);
      expect(file?.fields).toHaveLength(1);
      const [list] = file!.fields;
      expect(list.name).toBe(TAXONOMY_LIST_FIELD);
      expect(list.widget).toBe('list');
      expect(findDrift(registry.schema, list.fields ?? [])).toEqual([]);
    });
  }

  it('settings: same fields', () => {
    const file = collection('settings').files?.find((f) => f.file === SETTINGS_FILE);
    expect(findDrift(settingsSchema, file?.fields ?? [])).toEqual([]);
  });

  it('has exactly the collections of the content model', () => {
    expect(config.collections.map((c) => c.name).sort()).toEqual([...Object.keys(MARKDOWN_COLLECTIONS), 'settings', 'taxonomies'].sort());
  });

  it('names no front-matter field `slug` (the file name is the slug)', () => {
    for (const name of Object.keys(MARKDOWN_COLLECTIONS)) {
      expect((collection(name).fields ?? []).map((f) => f.name)).not.toContain('slug');
    }
  });

  it('gives every field a German label and a hint', () => {
    for (const cms of config.collections) {
      const fieldSets = cms.fields ? [cms.fields] : (cms.files ?? []).map((f) => f.fields);
      for (const fields of fieldSets) {
        for (const [path, field] of walk(fields)) {
          expect(field.label, `${cms.name}.${path}`).toMatch(/\S/);
          expect(field.hint, `${cms.name}.${path}`).toMatch(/\S/);
        }
      }
    }
  });

  it('date and time widgets write what the schema accepts, with the time zone stated', () => {
    const sample = new Date('2026-03-04T16:00:00Z');
    const checked: string[] = [];
    for (const [name, registry] of Object.entries(MARKDOWN_COLLECTIONS)) {
      const shape = shapeOf(unwrap(registry.schema).core);
      const fields = collection(name).fields ?? [];
      for (const [path, field] of walk(fields)) {
        if (field.widget !== 'datetime') continue;
        // Find the schema of this field by its path (datetime fields sit at most one level down here).
        const parts = path.replace(/\[\]/g, '').split('.');
        let schema: z.ZodType | undefined = shape[parts[0]];
        for (const part of parts.slice(1)) {
          const core: z.ZodType = unwrap(schema!).core;
          schema = shapeOf(kindOf(core) === 'array' ? unwrap(elementOf(core)).core : core)[part];
        }
        const written = dayjs(sample).format(String(field.format));
        const result = schema!.safeParse(written);
        expect(result.success, `${name}.${path}: ${written}`).toBe(true);
        if (unwrap(schema!).meta.widget === 'datetime') expect(written).toMatch(/[+-]\d{2}:\d{2}$/);
        checked.push(`${name}.${path}`);
      }
    }
    expect(checked).toEqual(expect.arrayContaining(['offers.starts_on', 'offers.ends_on', 'meetings.starts_at', 'meetings.ends_at', 'offers.schedule.opens', 'news.date']));
  });

  it('stores the review date in the schema format', () => {
    for (const name of ['offers', 'organisations']) {
      const field = (collection(name).fields ?? []).find((f) => f.name === 'reviewed_at');
      expect(field?.widget).toBe('reviewed');
    }
  });

  it('uses the project slug rules and upload folders', () => {
    expect(config.slug).toEqual({ encoding: 'ascii', clean_accents: true, sanitize_replacement: '-' });
    expect(config.media_folder).toBe('public/uploads');
    expect(config.public_folder).toBe('/uploads');
    expect(config.load_config_file).toBe(false);
    expect(config.locale).toBe('de');
  });
});

describe('the drift check notices drift', () => {
  const offers = () => structuredClone((collection('offers').fields ?? []).filter((f) => f.name !== 'body'));
  const schema = MARKDOWN_COLLECTIONS.offers.schema;

  it('a schema field without CMS field', () => {
    expect(findDrift(schema, offers().filter((f) => f.name !== 'childcare'))).toContain('childcare: schema field has no CMS field');
  });

  it('a CMS field without schema field', () => {
    const fields = offers();
    fields.push({ name: 'extra', label: 'Extra', widget: 'string', hint: 'x' });
    expect(findDrift(schema, fields)).toContain('extra: CMS field has no schema field');
  });

  it('a nested field missing', () => {
    const fields = offers();
    const location = fields.find((f) => f.name === 'location')!;
    location.fields = location.fields!.filter((f) => f.name !== 'city');
    expect(findDrift(schema, fields)).toContain('location.city: schema field has no CMS field');
  });

  it('a required flag that differs', () => {
    const fields = offers();
    fields.find((f) => f.name === 'summary')!.required = false;
    fields.find((f) => f.name === 'keywords')!.required = true;
    const drift = findDrift(schema, fields);
    expect(drift).toContain('summary: required is false in the CMS, true by the schema');
    expect(drift).toContain('keywords: required is true in the CMS, false by the schema');
  });

  it('a list that is none', () => {
    const fields = offers();
    fields.find((f) => f.name === 'networks')!.multiple = false;
    expect(findDrift(schema, fields)).toContain('networks: list in the schema only');
  });

  it('a reference to the wrong place or no reference', () => {
    const fields = offers();
    fields.find((f) => f.name === 'provider')!.collection = 'networks';
    Object.assign(fields.find((f) => f.name === 'audiences')!, { widget: 'list', field: { name: 'item', label: 'x', widget: 'string' } });
    const drift = findDrift(schema, fields);
    expect(drift.some((line) => line.startsWith('provider: relation points to networks'))).toBe(true);
    expect(drift).toContain('audiences: reference to audiences but widget list');
  });

  it('choices that differ', () => {
    const fields = (collection('organisations').fields ?? []).filter((f) => f.name !== 'body');
    fields.find((f) => f.name === 'kind')!.options!.pop();
    expect(findDrift(MARKDOWN_COLLECTIONS.organisations.schema, structuredClone(fields)).some((line) => line.startsWith('kind: choices'))).toBe(true);
  });

  it('a translatable field the schema cannot hold, or one not offered per language', () => {
    const fields = structuredClone(collection('offers').fields ?? []);
    fields.find((f) => f.name === 'provider')!.i18n = true;
    fields.find((f) => f.name === 'cost')!.fields!.find((f) => f.name === 'note')!.i18n = false;
    expect(findTranslationDrift(schema, fields)).toEqual([
      "provider: translatable in the CMS, not in the schema's translations",
      'cost.note: translatable in the schema, not in the CMS',
    ]);
    expect(findTranslationDrift(schema, fields.filter((f) => f.name !== 'keywords'))).toContain('keywords: translatable in the schema, not in the CMS');
  });

  it('coordinates without the geo widget', () => {
    const fields = offers();
    const geo = fields.find((f) => f.name === 'location')!.fields!.find((f) => f.name === 'geo')!;
    geo.widget = 'map';
    expect(findDrift(schema, fields)).toContain('location.geo: coordinates need the geo widget, not map');
  });
});
