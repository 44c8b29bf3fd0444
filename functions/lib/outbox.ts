/**
 * The local mail transport: without RESEND_API_KEY every mail lands in .outbox/ (or
 * QN_OUTBOX_DIR) as an .eml file a mail program opens, so `npm start` needs no account
 * and nothing leaves the machine. Idempotency keys behave like Resend's: the same key
 * never writes a second file.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderMime, type MimeMail } from './mime.ts';

/** A mail as the outbox receives it; the outbox adds its Message-ID and date. */
export type OutboxMail = Omit<MimeMail, 'messageId' | 'date'>;

export function outboxDir(): string {
  return resolve(process.env.QN_OUTBOX_DIR ?? '.outbox');
}

function keyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

function isAlreadyThere(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'EEXIST';
}

/** Writes the mail; returns its id (the same id again for a repeated idempotency key). */
export function writeToOutbox(mail: OutboxMail, idempotencyKey?: string): { id: string; file?: string } {
  const dir = outboxDir();
  mkdirSync(join(dir, '.keys'), { recursive: true });
  const id = randomUUID();
  const claim = idempotencyKey ? join(dir, '.keys', keyHash(idempotencyKey)) : undefined;
  if (claim) {
    try {
      // `wx` creates atomically, so two concurrent sends with one key write one file.
      writeFileSync(claim, id, { flag: 'wx' });
    } catch (error) {
      if (isAlreadyThere(error)) return { id: readFileSync(claim, 'utf8') || id };
      throw error;
    }
  }
  const date = new Date();
  const stamp = date.toISOString().replace(/[:.]/g, '-');
  const file = join(dir, `${stamp}-${id.slice(0, 8)}.eml`);
  const raw = renderMime({ ...mail, messageId: `${id}@quartiersnetz.local`, date });
  try {
    writeFileSync(file, raw, { flag: 'wx' });
  } catch (error) {
    // Release the key so a retry can deliver what this attempt could not.
    if (claim) unlinkSync(claim);
    throw error;
  }
  return { id, file };
}

export interface OutboxEntry {
  file: string;
  name: string;
  size: number;
  modified: Date;
}

/** The .eml files, newest first (used by the dev listing and by tests). */
export function listOutbox(dir = outboxDir()): OutboxEntry[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith('.eml'))
    .map((name) => {
      const file = join(dir, name);
      const stat = statSync(file);
      return { file, name, size: stat.size, modified: stat.mtime };
    })
    .sort((a, b) => b.modified.getTime() - a.modified.getTime() || b.name.localeCompare(a.name));
}
