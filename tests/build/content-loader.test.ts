/**
 * The Markdown collections' loader (src/lib/content-loader.ts, issue 17) fills Astro's
 * store from the content gate's parse. Driven here with a store, a watcher and a render
 * function of the shapes Astro hands a loader: every valid entry with the gate's data,
 * nothing invalid, bodies rendered only when an entry changed, and under `astro dev` the
 * store following edits, new files and deletions, the last of several quick saves winning.
 */
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { LoaderContext } from 'astro/loaders';
import { makeScaledProject, removeProject } from '../../scripts/lib/generate-offers.ts';
import { markdownLoader } from '../../src/lib/content-loader.ts';
import { loadContent } from '../../src/lib/load-content.ts';

const root = makeScaledProject(process.cwd(), 3);
afterAll(() => removeProject(root));
const offers = join(root, 'content', 'offers');
const offerFile = (id: string) => join(offers, `${id}.md`);

interface StoredEntry {
  id: string;
  data: Record<string, unknown>;
  body?: string;
  filePath?: string;
  digest?: string;
  rendered?: { html: string };
}

function fakeAstro(renderDelay: (data: Record<string, unknown>) => number = () => 0) {
  const entries = new Map<string, StoredEntry>();
  const rendered: string[] = [];
  const errors: string[] = [];
  const watcher = Object.assign(new EventEmitter(), { add: () => undefined });
  const context = {
    config: { root: pathToFileURL(`${root}/`) },
    store: {
      get: (id: string) => entries.get(id),
      set: (entry: StoredEntry) => (entries.set(entry.id, entry), true),
      delete: (id: string) => void entries.delete(id),
      keys: () => [...entries.keys()],
    },
    generateDigest: (text: string) => createHash('sha1').update(text).digest('hex'),
    entryTypes: new Map([
      [
        '.md',
        {
          getRenderFunction: async () => async ({ id, data, body }: { id: string; data: Record<string, unknown>; body: string }) => {
            rendered.push(id);
            await new Promise((resolve) => setTimeout(resolve, renderDelay(data)));
            return { html: `<p>${body}</p>`, metadata: { imagePaths: [] } };
          },
        },
      ],
    ]),
    logger: { error: (message: string) => errors.push(message) },
  };
  const load = (withWatcher: boolean) => markdownLoader('offers').load({ ...context, watcher: withWatcher ? watcher : undefined } as unknown as LoaderContext);
  return { entries, rendered, errors, watcher, load };
}

const titleOf = (entries: Map<string, StoredEntry>, id: string) => entries.get(id)?.data.title;

describe('the Markdown collections loader', () => {
  it("stores every valid entry with the gate's data and body, rendering each once", async () => {
    const astro = fakeAstro();
    await astro.load(false);
    const { content } = loadContent(root);
    expect([...astro.entries.keys()].sort()).toEqual(content.offers.map((offer) => offer.id).sort());
    for (const offer of content.offers) {
      const stored = astro.entries.get(offer.id)!;
      expect(stored.data).toEqual(offer.data);
      expect(stored.body).toBe(offer.body.trim());
      expect(stored.filePath).toBe(`content/offers/${offer.id}.md`);
      expect(stored.rendered?.html).toBe(`<p>${offer.body.trim()}</p>`);
    }
    expect(astro.rendered.sort()).toEqual(content.offers.map((offer) => offer.id).sort());
    // A second load over the same store (the next `astro dev` start) renders nothing again.
    astro.rendered.length = 0;
    await astro.load(false);
    expect(astro.rendered).toEqual([]);
    expect(astro.errors).toEqual([]);
  });

  it('follows edits, new files and deletions under astro dev, the last of quick saves winning', async () => {
    // Rendering an earlier save takes longer than a later one (up to a second, longer than
    // reading the content takes): a sync started earlier would finish last and write the
    // older title, were syncs not taken one at a time.
    const astro = fakeAstro((data) => (String(data.title).startsWith('Titel !') ? (6 - String(data.title).split('!').length) * 250 : 0));
    await astro.load(true);
    astro.rendered.length = 0;
    const id = 'generiert-00002';
    const original = readFileSync(offerFile(id), 'utf8');
    const retitled = (title: string) => original.replace(/^title: .*$/m, `title: ${title}`);

    writeFileSync(offerFile(id), retitled('Geänderter Titel'));
    astro.watcher.emit('change', offerFile(id));
    await expect.poll(() => titleOf(astro.entries, id)).toBe('Geänderter Titel');
    expect(astro.rendered).toEqual([id]);

    // Five saves in quick succession, each announced at once: the store ends with the last.
    for (let save = 1; save <= 5; save++) {
      writeFileSync(offerFile(id), retitled(`Titel ${'!'.repeat(save)}`));
      astro.watcher.emit('change', offerFile(id));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await expect.poll(() => titleOf(astro.entries, id), { timeout: 20_000 }).toBe('Titel !!!!!');
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(titleOf(astro.entries, id)).toBe('Titel !!!!!');

    cpSync(offerFile(id), offerFile('kopie'));
    astro.watcher.emit('add', offerFile('kopie'));
    await expect.poll(() => astro.entries.has('kopie')).toBe(true);

    writeFileSync(offerFile('unvollstaendig'), '---\ntitle: Nur ein Titel\n---\nText\n');
    astro.watcher.emit('add', offerFile('unvollstaendig'));
    rmSync(offerFile('kopie'));
    astro.watcher.emit('unlink', offerFile('kopie'));
    await expect.poll(() => astro.entries.has('kopie')).toBe(false);
    expect(astro.entries.has('unvollstaendig')).toBe(false);

    // Files elsewhere are not the collection's business.
    const sizeBefore = astro.entries.size;
    astro.watcher.emit('change', join(root, 'content', 'news', 'irgendwas.md'));
    astro.watcher.emit('change', join(offers, 'notiz.txt'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(astro.entries.size).toBe(sizeBefore);
    expect(astro.errors).toEqual([]);
    rmSync(offerFile('unvollstaendig'));
  });
});
