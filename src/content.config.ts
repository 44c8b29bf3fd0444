/**
 * Astro collections, built from the schemas in src/schema (the single source of truth).
 * Markdown collections use the glob loader with the file name as id (= slug).
 */
import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { MARKDOWN_COLLECTIONS, SETTINGS_FILE, TAXONOMY_COLLECTIONS, withEmptyDropped, settingsSchema } from './schema/index.ts';

const idFromFileName = ({ entry }: { entry: string }) => entry.replace(/\.md$/, '');

const markdown = (name: keyof typeof MARKDOWN_COLLECTIONS) =>
  defineCollection({
    loader: glob({ pattern: '*.md', base: `./${MARKDOWN_COLLECTIONS[name].folder}`, generateId: idFromFileName }),
    schema: withEmptyDropped(MARKDOWN_COLLECTIONS[name].schema),
  });

const taxonomy = (name: keyof typeof TAXONOMY_COLLECTIONS) =>
  defineCollection({
    loader: file(`./${TAXONOMY_COLLECTIONS[name].file}`, { parser: (text) => parseYaml(text) }),
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
