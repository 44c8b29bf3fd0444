/**
 * Resolves the recipient a form names (`offers/<slug>`, `office`, …) to an address,
 * from the directory the build wrote (generated/recipients.json). The visitor never
 * supplies an address, so the form cannot send mail anywhere else.
 */
import { readGenerated } from '../generated.ts';
import { GENERATED_FILES } from '../../../src/lib/generated-files.ts';
import type { Recipient, RecipientDirectory } from '../../../src/lib/recipients.ts';

export type { Recipient };

export function recipientDirectory(): RecipientDirectory {
  return readGenerated(GENERATED_FILES.recipients);
}

export function resolveRecipient(key: string): Recipient | undefined {
  const directory = recipientDirectory();
  return Object.hasOwn(directory, key) ? directory[key] : undefined;
}
