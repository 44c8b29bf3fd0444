/**
 * Everything the newsletter functions need in a test, isolated per test file: a local
 * Blobs server with atomic conditional writes (atomic-blobs.ts), generated/newsletter.json built from the real content into a temporary
 * folder, a temporary outbox, the signing secret and, on request, the Resend fake.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeNewsletterData } from '../../src/lib/newsletter-data.ts';
import type { NewsletterData } from '../../functions/lib/newsletter/data.ts';
import { startAtomicBlobs, type AtomicBlobs } from './atomic-blobs.ts';
import { startResendFake, type ResendFake } from '../helpers/resend-fake.ts';

export const TEST_SECRET = 'test-secret-for-newsletter-links-0123456789';
export const SITE_URL = 'https://quartiersnetz-kinderhaus.example.org';

const VARIABLES = ['QN_GENERATED_DIR', 'QN_OUTBOX_DIR', 'RESEND_API_KEY', 'RESEND_BASE_URL', 'MAIL_TIMEOUT_MS', 'NEWSLETTER_SECRET', 'NEWSLETTER_SECRET_PREVIOUS', 'QN_PUBLIC_URL', 'MAIL_FROM', 'QN_RATE_LIMIT_SALT'];

export interface NewsletterEnv {
  blobs: AtomicBlobs;
  data: NewsletterData;
  generatedDir: string;
  outboxDir: string;
  fake?: ResendFake;
  stop(): Promise<void>;
}

export async function startNewsletterEnv(options: { resendFake?: boolean } = {}): Promise<NewsletterEnv> {
  const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
  const blobs = await startAtomicBlobs();
  const generatedDir = mkdtempSync(join(tmpdir(), 'qn-nl-generated-'));
  const outboxDir = mkdtempSync(join(tmpdir(), 'qn-nl-outbox-'));
  const data = (await writeNewsletterData(process.cwd(), generatedDir, SITE_URL)) as NewsletterData;
  process.env.QN_GENERATED_DIR = generatedDir;
  process.env.QN_OUTBOX_DIR = outboxDir;
  process.env.NEWSLETTER_SECRET = TEST_SECRET;
  // Required whenever mail is live (personal-keys.ts).
  process.env.QN_RATE_LIMIT_SALT = 'test-personal-key-secret-0123456789-abcdef';
  delete process.env.NEWSLETTER_SECRET_PREVIOUS;
  delete process.env.RESEND_API_KEY;
  delete process.env.QN_PUBLIC_URL;
  delete process.env.MAIL_FROM;
  let fake: ResendFake | undefined;
  if (options.resendFake) {
    fake = await startResendFake();
    process.env.RESEND_API_KEY = 're_test_newsletter';
    process.env.RESEND_BASE_URL = fake.url;
    process.env.MAIL_TIMEOUT_MS = '400';
  }
  return {
    blobs,
    data,
    generatedDir,
    outboxDir,
    fake,
    async stop() {
      await fake?.close();
      await blobs.stop();
      rmSync(generatedDir, { recursive: true, force: true });
      rmSync(outboxDir, { recursive: true, force: true });
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    },
  };
}

export function form(url: string, fields: Record<string, string | string[]>, accept = 'text/html'): Request {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  return new Request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept }, body: body.toString() });
}

/** The first href in a mail's HTML that starts with `prefix`. */
export function linkFrom(html: string, prefix: string): string {
  const match = new RegExp(`href="(${prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}[^"]*)"`).exec(html);
  if (!match) throw new Error(`no link starting with ${prefix}`);
  return match[1].replace(/&amp;/g, '&');
}
