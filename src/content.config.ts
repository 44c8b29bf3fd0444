/**
 * Astro collections, built from the schemas in src/schema (the single source of truth).
 * A Markdown entry's id is its file name (= slug).
 */
import { defineCollection } from 'astro:content';
import type { z } from 'zod';
import { file } from 'astro/loaders';
import { readFileSync } from 'node:fs';
import { parseYaml } from './lib/plain-yaml.ts';
import { markdownLoader } from './lib/content-loader.ts';
import { MARKDOWN_COLLECTIONS, SETTINGS_FILE, TAXONOMY_COLLECTIONS, withEmptyDropped, settingsSchema } from './schema/index.ts';

// Markdown collections are filled from the content gate's parse (src/lib/content-loader.ts).
// The schema is passed at each call so that every collection keeps its own data type (looked
// up by a union-typed name, all of them would get one union type).
const markdown = <Schema extends z.ZodType>(name: keyof typeof MARKDOWN_COLLECTIONS, schema: Schema) =>
  defineCollection({ loader: markdownLoader(name), schema: withEmptyDropped(schema) });

const taxonomy = (name: keyof typeof TAXONOMY_COLLECTIONS) =>
  defineCollection({
    loader: file(`./${TAXONOMY_COLLECTIONS[name].file}`, { parser: parseYaml }),
    schema: withEmptyDropped(TAXONOMY_COLLECTIONS[name].schema),
  });

const settings = defineCollection({
  loader: {
    name: 'settings-loader',
    load: async ({ store, parseData, watcher }) => {
      const load = async () => {
        const data = await parseData({ id: 'site', data: parseYaml(readFileSync(SETTINGS_FILE, 'utf8')) });
        store.set({ id: 'site', data });
      };
      watcher?.add(SETTINGS_FILE);
      watcher?.on('change', (path) => path.endsWith(SETTINGS_FILE) && load());
      await load();
    },
  },
  schema: withEmptyDropped(settingsSchema),
});

export const collections = {
  settings,
  categories: taxonomy('categories'),
  audiences: taxonomy('audiences'),
  networks: markdown('networks', MARKDOWN_COLLECTIONS.networks.schema),
  organisations: markdown('organisations', MARKDOWN_COLLECTIONS.organisations.schema),
  offers: markdown('offers', MARKDOWN_COLLECTIONS.offers.schema),
  meetings: markdown('meetings', MARKDOWN_COLLECTIONS.meetings.schema),
  news: markdown('news', MARKDOWN_COLLECTIONS.news.schema),
  pages: markdown('pages', MARKDOWN_COLLECTIONS.pages.schema),
};
