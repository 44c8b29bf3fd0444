/**
 * Everything the contact and newsletter functions need in a test, isolated per test
 * file: a local Blobs server (plain, or atomic for compare-and-set, see atomic-blobs.ts),
 * generated/ built from the real content into a temporary folder (recipient directory,
 * site facts, newsletter data), a temporary outbox, the newsletter signing secret and, on
 * request, the Resend fake. Every variable it sets is restored by stop().
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFunctionData } from '../../src/integrations/function-data.ts';
import { writeNewsletterData } from '../../src/lib/newsletter-data.ts';
import type { NewsletterData } from '../../functions/lib/newsletter/data.ts';
import { startBlobs, type LocalBlobs } from './blobs.ts';
import { startAtomicBlobs } from './atomic-blobs.ts';
import { startResendFake, type ResendFake } from './resend-fake.ts';
import { TEST_NOW } from './clock.ts';

export const TEST_SECRET = 'test-secret-for-newsletter-links-0123456789';
export const SITE_URL = 'https://quartiersnetz-kinderhaus.example.org';

const VARIABLES = [
  'QN_GENERATED_DIR', 'QN_OUTBOX_DIR', 'RESEND_API_KEY', 'RESEND_BASE_URL', 'MAIL_TIMEOUT_MS', 'MAIL_FROM', 'QN_NOW',
  'QN_CONTACT_MIN_FILL_MS', 'QN_CONTACT_RATE_LIMIT', 'QN_CONTACT_RETRY_PACE_MS', 'QN_SUBSCRIBE_RATE_LIMIT',
  'NEWSLETTER_SECRET', 'NEWSLETTER_SECRET_PREVIOUS', 'QN_PUBLIC_URL', 'QN_RATE_LIMIT_SALT',
];

export interface FunctionEnv {
  blobs: LocalBlobs;
  data: NewsletterData;
  generatedDir: string;
  outboxDir: string;
  fake?: ResendFake;
  stop(): Promise<void>;
}

export interface FunctionEnvOptions {
  resendFake?: boolean;
  /** Serialised conditional writes, for compare-and-set code (atomic-blobs.ts). */
  atomicBlobs?: boolean;
  /** Short mail timeout against the fake (default: the transport's own). */
  mailTimeoutMs?: number;
  env?: Record<string, string>;
}

export async function startFunctionEnv(options: FunctionEnvOptions = {}): Promise<FunctionEnv> {
  const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
  const blobs = options.atomicBlobs ? await startAtomicBlobs() : await startBlobs();
  const generatedDir = mkdtempSync(join(tmpdir(), 'qn-generated-'));
  const outboxDir = mkdtempSync(join(tmpdir(), 'qn-outbox-'));
  // The directory judges which offers are published on the test build's day.
  process.env.QN_NOW = TEST_NOW;
  writeFunctionData(process.cwd(), generatedDir, SITE_URL);
  const data = (await writeNewsletterData(process.cwd(), generatedDir, SITE_URL)) as NewsletterData;
  if (saved.QN_NOW === undefined) delete process.env.QN_NOW;
  else process.env.QN_NOW = saved.QN_NOW;
  process.env.QN_GENERATED_DIR = generatedDir;
  process.env.QN_OUTBOX_DIR = outboxDir;
  process.env.NEWSLETTER_SECRET = TEST_SECRET;
  // Required whenever mail is live (functions/lib/personal-keys.ts).
  process.env.QN_RATE_LIMIT_SALT = 'test-personal-key-secret-0123456789-abcdef';
  // Tests call the handlers without a client address: every request is one client, so
  // the per-client subscribe limit is out of the way unless a test sets it.
  process.env.QN_SUBSCRIBE_RATE_LIMIT = '10000/600';
  for (const name of ['RESEND_API_KEY', 'MAIL_FROM', 'NEWSLETTER_SECRET_PREVIOUS', 'QN_PUBLIC_URL', 'MAIL_TIMEOUT_MS']) delete process.env[name];
  let fake: ResendFake | undefined;
  if (options.resendFake) {
    fake = await startResendFake();
    process.env.RESEND_API_KEY = 're_test_functions';
    process.env.RESEND_BASE_URL = fake.url;
  }
  if (options.mailTimeoutMs) process.env.MAIL_TIMEOUT_MS = String(options.mailTimeoutMs);
  Object.assign(process.env, options.env ?? {});
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
