/**
 * The Astro loader of the Markdown collections (src/content.config.ts): entries come from
 * the content gate's parse (load-content.ts) rather than from Astro's glob loader, so the
 * site renders exactly the fields the gate validated (with the gate's YAML parser) and a
 * build reads, parses and validates each file once instead of twice (issue 17). Invalid
 * entries are not in the collection: the gate has stopped the build or, under
 * `astro dev`, listed them. The body is rendered by Astro's own Markdown entry type, as
 * the glob loader would, and only when the entry's data or body changed since the store
 * was last written.
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import type { ContentEntryType } from 'astro';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MARKDOWN_COLLECTIONS } from '../schema/index.ts';
import { loadContentOnce } from './load-content.ts';

/** Astro hands every loader the entry types by file extension too (its glob loader renders with them); the public context type leaves them out. */
type ContextWithEntryTypes = LoaderContext & { entryTypes: Map<string, ContentEntryType> };

export function markdownLoader(name: keyof typeof MARKDOWN_COLLECTIONS): Loader {
  return {
    name: `quartiersnetz-${name}`,
    load: async (context) => {
      const { config, store, generateDigest, entryTypes, watcher, logger } = context as ContextWithEntryTypes;
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
  };
}
