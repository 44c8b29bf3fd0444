/**
 * What a page may show about a contact-form recipient: the name and whether the social
 * office passes messages on, never the address. Read from the directory the build
 * wrote at `astro:config:setup` (generated/recipients.json), so pages and the function
 * agree on who receives what.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecipientDirectory } from './recipients.ts';

export interface PublicRecipient {
  key: string;
  name: string;
  topic: string;
  forwarded: boolean;
}

// Read on every call (a small file): under `astro dev` it changes while the server runs.
function directory(): RecipientDirectory {
  return JSON.parse(readFileSync(join(process.cwd(), 'generated', 'recipients.json'), 'utf8')) as RecipientDirectory;
}

export function publicRecipient(key: string): PublicRecipient | undefined {
  const all = directory();
  const entry = Object.hasOwn(all, key) ? all[key] : undefined;
  return entry ? { key, name: entry.name, topic: entry.topic, forwarded: entry.forwarded } : undefined;
}
