/**
 * What a page may show about a contact-form recipient: the name and whether the social
 * office passes messages on, never the address. Read from the directory the build
 * wrote at `astro:config:setup` (generated/recipients.json), so pages and the function
 * agree on who receives what.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RecipientDirectory } from './recipients.ts';
import { GENERATED_FILES } from './generated-files.ts';
import { isContentHeld } from './load-content.ts';

export interface PublicRecipient {
  key: string;
  name: string;
  topic: string;
  forwarded: boolean;
}

let cached: { file: string; mtimeMs: number; size: number; directory: RecipientDirectory } | undefined;

// Every page with a contact form asks, so the file is parsed once and read again only
// when it changes (under `astro dev` it is rewritten while the server runs).
function directory(): RecipientDirectory {
  const file = join(process.cwd(), 'generated', GENERATED_FILES.recipients.name);
  // During a build the file was written from the held content and stays as it is: no
  // stat for each of 13,000 pages.
  if (cached?.file === file && isContentHeld(process.cwd())) return cached.directory;
  const { mtimeMs, size } = statSync(file);
  if (cached?.file !== file || cached.mtimeMs !== mtimeMs || cached.size !== size) {
    cached = { file, mtimeMs, size, directory: JSON.parse(readFileSync(file, 'utf8')) as RecipientDirectory };
  }
  return cached.directory;
}

export function publicRecipient(key: string): PublicRecipient | undefined {
  const all = directory();
  const entry = Object.hasOwn(all, key) ? all[key] : undefined;
  return entry ? { key, name: entry.name, topic: entry.topic, forwarded: entry.forwarded } : undefined;
}
