/**
 * Astro collections, built from the schemas in src/schema (the single source of truth).
 * A Markdown entry's id is its file name (= slug).
 */
import { defineCollection } from 'astro:content';
import { file } from 'astro/loaders';
import { readFileSync } from 'node:fs';
import { parseYaml } from './lib/plain-yaml.ts';
import { markdownLoader } from './lib/content-loader.ts';
import { MARKDOWN_COLLECTIONS, SETTINGS_FILE, TAXONOMY_COLLECTIONS, withEmptyDropped, settingsSchema } from './schema/index.ts';

// Markdown collections are filled from the content gate's parse (src/lib/content-loader.ts).
const markdown = (name: keyof typeof MARKDOWN_COLLECTIONS) =>
  defineCollection({
    loader: markdownLoader(name),
    schema: withEmptyDropped(MARKDOWN_COLLECTIONS[name].schema),
  });

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
  networks: markdown('networks'),
  organisations: markdown('organisations'),
  offers: markdown('offers'),
  meetings: markdown('meetings'),
  news: markdown('news'),
  pages: markdown('pages'),
};
