/**
 * Astro collections, built from the schemas in src/schema (the single source of truth).
 * A Markdown entry's id is its file name (= slug).
 */
import { defineCollection } from 'astro:content';
import { file } from 'astro/loaders';
import { readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { loadContentOnce } from './lib/load-content.ts';
import { MARKDOWN_COLLECTIONS, SETTINGS_FILE, TAXONOMY_COLLECTIONS, withEmptyDropped, settingsSchema } from './schema/index.ts';

/**
 * Markdown collections are filled from the content gate's parse (src/lib/load-content.ts)
 * rather than by Astro's glob loader: the site renders exactly the fields the gate
 * validated (with the gate's YAML parser), and a build reads, parses and validates each
 * file once instead of twice (issue 17). Invalid entries are not in the collection; the
 * gate has stopped the build or, under `astro dev`, listed them. The body is rendered by
 * Astro's own Markdown entry type, as the glob loader would, and only when its file
 * changed since the store was last written.
 */
const markdown = (name: keyof typeof MARKDOWN_COLLECTIONS) =>
  defineCollection({
    loader: {
      name: `quartiersnetz-${name}`,
      load: async ({ config, store, generateDigest, entryTypes, watcher, logger }) => {
        const root = fileURLToPath(config.root);
        const folder = resolve(root, MARKDOWN_COLLECTIONS[name].folder);
        const renderer = await entryTypes.get('.md')?.getRenderFunction?.(config);
        const sync = async () => {
          const present = new Set<string>();
          for (const entry of loadContentOnce(root).content[name]) {
            present.add(entry.id);
            const body = entry.body.trim();
            const digest = generateDigest(`${JSON.stringify(entry.data)}\n${body}`);
            if (store.get(entry.id)?.digest === digest) continue;
            let rendered;
            try {
              rendered = await renderer?.({ id: entry.id, data: entry.data, body, filePath: join(root, entry.file), digest });
            } catch (error) {
              logger.error(`${entry.file}: ${error instanceof Error ? error.message : String(error)}`);
            }
            store.set({ id: entry.id, data: entry.data, body, filePath: entry.file, digest, rendered, assetImports: rendered?.metadata?.imagePaths });
          }
          for (const id of store.keys()) if (!present.has(id)) store.delete(id);
        };
        await sync();
        if (!watcher) return;
        watcher.add(folder);
        // One sync at a time, each reading the files anew: an older sync still rendering
        // must not write its entries, or delete newer ones, after a later one finished.
        let syncing = Promise.resolve();
        const changed = (path: string) => {
          if (!resolve(path).startsWith(folder + sep) || !path.endsWith('.md')) return;
          syncing = syncing.then(sync).catch((error) => logger.error(String(error)));
        };
        watcher.on('change', changed);
        watcher.on('add', changed);
        watcher.on('unlink', changed);
      },
    },
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
