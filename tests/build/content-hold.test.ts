/**
 * loadContentOnce during a build (issue 17): the content gate holds the first parse for
 * the pages, so they do not stat every content file again; outside a hold (the dev
 * server) a saved file is read again on the next call.
 */
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeScaledProject, removeProject } from '../../scripts/lib/generate-offers.ts';
import { holdLoadedContent, loadContentOnce } from '../../src/lib/load-content.ts';

const root = makeScaledProject(process.cwd(), 2);
afterAll(() => {
  holdLoadedContent(root, false);
  removeProject(root);
});

const offers = join(root, 'content', 'offers');
const copyOffer = (name: string) => cpSync(join(offers, 'generiert-00001.md'), join(offers, `${name}.md`));

describe('loadContentOnce', () => {
  it('reads a changed content folder again when nothing holds it', () => {
    const before = loadContentOnce(root);
    expect(loadContentOnce(root)).toBe(before);
    copyOffer('kopie-frei');
    const after = loadContentOnce(root);
    expect(after).not.toBe(before);
    expect(after.content.offers.length).toBe(before.content.offers.length + 1);
    rmSync(join(offers, 'kopie-frei.md'));
  });

  it('keeps the first parse while a build holds it, and reads again once released', () => {
    const held = loadContentOnce(root);
    holdLoadedContent(root, true);
    copyOffer('kopie-gehalten');
    expect(loadContentOnce(root)).toBe(held);
    holdLoadedContent(root, false);
    const released = loadContentOnce(root);
    expect(released.content.offers.map((offer) => offer.id)).toContain('kopie-gehalten');
    expect(released.content.offers.length).toBe(held.content.offers.length + 1);
  });
});
