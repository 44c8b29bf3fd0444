/**
 * A fingerprint of every published entry, so the weekly digest can say what changed
 * since the last one without git: the function compares this list with the copy it
 * stored the week before.
 */
import { createHash } from 'node:crypto';
import type { ContentSet } from '../load-content.ts';
import { refOf } from './entries.ts';
import type { CollectionName } from './types.ts';

export interface InventoryItem {
  collection: CollectionName;
  id: string;
  title: string;
  hash: string;
}

const fingerprint = (data: unknown, body: string) => createHash('sha256').update(JSON.stringify(data)).update('\n').update(body).digest('base64url').slice(0, 16);

export function inventory(content: ContentSet): InventoryItem[] {
  const items: InventoryItem[] = [];
  const add = (collection: Parameters<typeof refOf>[0], entries: { id: string; file: string; data: object; body: string }[]) => {
    for (const e of entries) {
      const ref = refOf(collection, e as never);
      items.push({ collection, id: e.id, title: ref.title, hash: fingerprint(e.data, e.body) });
    }
  };
  add('networks', content.networks);
  add('organisations', content.organisations);
  // Drafts are work in progress: their edits are not news for the office.
  add('offers', content.offers.filter((o) => !o.data.draft));
  add('meetings', content.meetings);
  add('news', content.news);
  add('pages', content.pages);
  if (content.settings) items.push({ collection: 'settings', id: 'site', title: 'Einstellungen', hash: fingerprint(content.settings, '') });
  return items;
}

export interface InventoryChanges {
  added: InventoryItem[];
  changed: InventoryItem[];
  removed: InventoryItem[];
}

export function compareInventories(previous: readonly InventoryItem[], current: readonly InventoryItem[]): InventoryChanges {
  const key = (i: InventoryItem) => `${i.collection}/${i.id}`;
  const before = new Map(previous.map((i) => [key(i), i]));
  const after = new Map(current.map((i) => [key(i), i]));
  return {
    added: current.filter((i) => !before.has(key(i))),
    changed: current.filter((i) => before.has(key(i)) && before.get(key(i))!.hash !== i.hash),
    removed: previous.filter((i) => !after.has(key(i))),
  };
}
