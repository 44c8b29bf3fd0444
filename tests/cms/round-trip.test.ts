/**
 * Every sample entry, opened in the CMS and saved again, is still valid for the site and
 * says the same. Simulates Decap: its own format code (decap-cms-core) parses and writes the
 * files, the entry keeps only what the config's fields hold, the save check (preSave) runs,
 * and the fields' order decides the key order; then `loadContent` reads the result.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frontmatterYAML } from 'decap-cms-core/dist/esm/formats/frontmatter.js';
import decapYaml from 'decap-cms-core/dist/esm/formats/yaml.js';
import { buildCmsConfig } from '../../admin/config/build-config.ts';
import { backendFromEnv, collectCmsData } from '../../admin/config/cms-data.ts';
import type { CmsCollection } from '../../admin/config/collections.ts';
import type { CmsField } from '../../admin/config/schema-fields.ts';
import { yamlRootList } from '../../admin/formats/yaml-root-list.ts';
import { joinLocales, translatedFrontmatter } from '../../admin/formats/translated-frontmatter.ts';
import { DEFAULT_LOCALE, TRANSLATED_COLLECTIONS, TRANSLATIONS_FIELD, translatablePaths, translatedFormatName } from '../../admin/config/translations.ts';
import type { MarkdownCollection } from '../../src/schema/index.ts';
import { checkEntry } from '../../admin/lib/entry-checks.ts';
import { toLatLng } from '../../admin/widgets/geo.ts';
import { loadContent, type ContentSet } from '../../src/lib/load-content.ts';
import { makeScaledProject, removeProject } from '../../scripts/lib/generate-offers.ts';

type Data = Record<string, unknown>;
interface Formatter {
  fromFile(text: string): Data;
  toFile(data: Data, sortedKeys?: string[]): string;
}

const projectRoot = process.cwd();
const original = loadContent(projectRoot);
const cmsData = collectCmsData(original.content, backendFromEnv({}));
const config = buildCmsConfig(cmsData, '2026-11-21');
const formats: Record<string, Formatter> = {
  'yaml-frontmatter': frontmatterYAML() as Formatter,
  yml: decapYaml as Formatter,
  'yaml-root-list': yamlRootList,
  ...Object.fromEntries(TRANSLATED_COLLECTIONS.map((name) => [translatedFormatName(name), translatedFrontmatter(translatablePaths(name)) as Formatter])),
};

/**
 * Decap's single_file i18n: the format hands it `{ de, tr, … }`; German goes through all
 * fields, the other languages through the translatable ones; the save check sees the
 * file's shape (cms.ts preSave) and German comes back without `translations`.
 */
function throughI18n(collection: MarkdownCollection, byLocale: Data, fields: CmsField[]): { data: Data; problems: string[] } {
  const translatable = fields.filter((f) => f.i18n === true);
  const locales: Data = {};
  for (const [lang, value] of Object.entries(byLocale)) if (lang !== DEFAULT_LOCALE) locales[lang] = throughFields(value as Data, translatable);
  const german = throughFields(byLocale[DEFAULT_LOCALE] as Data, fields);
  const joined = joinLocales({ ...locales, [DEFAULT_LOCALE]: german }, translatablePaths(collection));
  const { data, problems } = checkEntry({ collection, data: joined, isNew: false }, { usedTerms: cmsData.usedTerms });
  delete data[TRANSLATIONS_FIELD];
  return { data: { ...locales, [DEFAULT_LOCALE]: data }, problems };
}

/** What an entry holds after Decap loaded it into these fields and the widgets handed it back. */
function throughFields(data: Data, fields: CmsField[]): Data {
  const result: Data = {};
  for (const field of fields) {
    if (!(field.name in data)) continue;
    result[field.name] = throughField(data[field.name], field);
  }
  return result;
}

function throughField(value: unknown, field: CmsField): unknown {
  if (value === undefined || value === null) return value;
  if (field.widget === 'geo') return toLatLng(value);
  if (field.widget === 'object' && field.fields) return throughFields(value as Data, field.fields);
  if (field.widget === 'list' && Array.isArray(value)) {
    if (field.fields) return value.map((item) => throughFields(item as Data, field.fields!));
    if (field.field) return value.map((item) => throughField(item, field.field!));
  }
  return value;
}

/** The keys Decap sorts a file's fields by: the config's field order (`fieldsOrder`). */
function fieldOrder(fields: CmsField[]): string[] {
  return fields.flatMap((field) => [field.name, ...(field.fields ? fieldOrder(field.fields) : [])]);
}

interface Target {
  collection: CmsCollection;
  file: string;
  fileName?: string;
  fields: CmsField[];
}

function targets(): Target[] {
  const list: Target[] = [];
  for (const collection of config.collections) {
    if (collection.folder) {
      for (const name of readdirSync(join(projectRoot, collection.folder)).filter((n) => n.endsWith('.md'))) {
        list.push({ collection, file: `${collection.folder}/${name}`, fields: collection.fields ?? [] });
      }
    }
    for (const file of collection.files ?? []) list.push({ collection, file: file.file, fileName: file.name, fields: file.fields });
  }
  return list;
}

/**
 * The content as the site uses it. An empty list and a missing one mean the same ("empty =
 * all networks", "empty = everyone"); the save check tidies empty lists away.
 */
const comparable = (content: ContentSet) =>
  JSON.parse(
    JSON.stringify(content, (key, value: unknown) => {
      if (key === 'body' && typeof value === 'string') return value.trim();
      if (Array.isArray(value) && value.length === 0 && key !== '') return undefined;
      return value;
    }),
  ) as unknown;

describe('sample content through the CMS and back', () => {
  let root = '';
  const saved: Array<{ file: string; problems: string[] }> = [];

  beforeAll(() => {
    root = makeScaledProject(projectRoot, 0);
    for (const target of targets()) {
      const format = formats[target.collection.format ?? ''];
      const raw = readFileSync(join(projectRoot, target.file), 'utf8');
      if (target.collection.i18n) {
        const { data, problems } = throughI18n(target.collection.name as MarkdownCollection, format.fromFile(raw), target.fields);
        saved.push({ file: target.file, problems });
        writeFileSync(join(root, target.file), format.toFile(data, target.fields.map((f) => f.name)));
        continue;
      }
      const loaded = throughFields(format.fromFile(raw), target.fields);
      const { data, problems } = checkEntry({ collection: target.collection.name, file: target.fileName, data: loaded, isNew: false }, { usedTerms: cmsData.usedTerms });
      saved.push({ file: target.file, problems });
      writeFileSync(join(root, target.file), format.toFile(data, fieldOrder(target.fields)));
    }
  });

  afterAll(() => removeProject(root));

  it('covers every collection and every sample file', () => {
    expect(original.problems).toEqual([]);
    const files = saved.map((s) => s.file);
    for (const folder of ['content/offers', 'content/organisations', 'content/networks', 'content/meetings', 'content/news', 'content/pages']) {
      expect(files.filter((f) => f.startsWith(folder)).length, folder).toBe(readdirSync(join(projectRoot, folder)).filter((n) => n.endsWith('.md')).length);
    }
    expect(files).toEqual(expect.arrayContaining(['content/settings/site.yml', 'content/taxonomies/categories.yml', 'content/taxonomies/audiences.yml']));
  });

  it('the save check accepts every valid sample entry', () => {
    expect(saved.filter((s) => s.problems.length)).toEqual([]);
  });

  it('the saved files are valid for the site and mean the same', () => {
    const after = loadContent(root);
    expect(after.problems).toEqual([]);
    expect(comparable(after.content)).toEqual(comparable(original.content));
  });

  it('keeps translations in the German file, under `translations`', () => {
    const translated = original.content.offers.filter((offer) => offer.data.translations && Object.keys(offer.data.translations).length);
    expect(translated.length).toBeGreaterThan(0);
    for (const offer of translated) {
      const text = readFileSync(join(root, `content/offers/${offer.id}.md`), 'utf8');
      expect(text).toMatch(/^translations:$/m);
      expect(text).toMatch(/^title: /m);
    }
  });

  it('keeps the taxonomy files lists at the root', () => {
    const text = readFileSync(join(root, 'content/taxonomies/categories.yml'), 'utf8');
    expect(text.startsWith('- slug: ')).toBe(true);
    expect(text).not.toContain('items:');
  });

  it('writes dates and times so that the site reads the same values', () => {
    const meeting = readFileSync(join(root, 'content/meetings/2026-03-04-netzwerk-sprache.md'), 'utf8');
    expect(meeting).toMatch(/^starts_at: 2026-03-04T14:00:00\+01:00$/m);
    const offer = readFileSync(join(root, 'content/offers/deutschkurs-a1-mit-kinderbetreuung.md'), 'utf8');
    expect(offer).toMatch(/^reviewed_at: 2026-08-21$/m);
  });
});

describe('the taxonomy format', () => {
  it('unwraps and wraps the root list', () => {
    const text = '- slug: sprache\n  label: Sprache\n';
    const data = yamlRootList.fromFile(text);
    expect(data).toEqual({ items: [{ slug: 'sprache', label: 'Sprache' }] });
    expect(yamlRootList.toFile(data)).toBe(text);
  });

  it('refuses a file that is not a list instead of emptying it', () => {
    expect(() => yamlRootList.fromFile('slug: sprache\n')).toThrow(/keine Liste/);
  });
});
