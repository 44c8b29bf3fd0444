/**
 * Everything the contact function needs in a test, isolated per test file: a local
 * Blobs server, its own generated/ (recipient directory from the real content) and
 * either an outbox directory or the Resend fake.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFunctionData } from '../../src/integrations/function-data.ts';
import { startBlobs, type LocalBlobs } from './blobs.ts';
import { startResendFake, type ResendFake } from './resend-fake.ts';
import { TEST_NOW } from './clock.ts';

export interface ContactEnv {
  blobs: LocalBlobs;
  generatedDir: string;
  outboxDir: string;
  fake?: ResendFake;
  stop(): Promise<void>;
}

const VARIABLES = ['QN_GENERATED_DIR', 'QN_OUTBOX_DIR', 'RESEND_API_KEY', 'RESEND_BASE_URL', 'MAIL_TIMEOUT_MS', 'QN_CONTACT_MIN_FILL_MS', 'QN_CONTACT_RATE_LIMIT', 'QN_CONTACT_RETRY_PACE_MS', 'MAIL_FROM', 'QN_RATE_LIMIT_SALT'];

export async function startContactEnv(options: { resendFake?: boolean; env?: Record<string, string> } = {}): Promise<ContactEnv> {
  const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
  const blobs = await startBlobs();
  const generatedDir = mkdtempSync(join(tmpdir(), 'qn-generated-'));
  const outboxDir = mkdtempSync(join(tmpdir(), 'qn-outbox-'));
  // The directory judges which offers are published on the test build's day.
  const clock = process.env.QN_NOW;
  process.env.QN_NOW = TEST_NOW;
  writeFunctionData(process.cwd(), generatedDir, 'https://quartiersnetz-kinderhaus.example.org');
  if (clock === undefined) delete process.env.QN_NOW;
  else process.env.QN_NOW = clock;
  process.env.QN_GENERATED_DIR = generatedDir;
  process.env.QN_OUTBOX_DIR = outboxDir;
  // Required whenever mail is live (personal-keys.ts).
  process.env.QN_RATE_LIMIT_SALT = 'test-personal-key-secret-0123456789-abcdef';
  delete process.env.RESEND_API_KEY;
  delete process.env.MAIL_FROM;
  let fake: ResendFake | undefined;
  if (options.resendFake) {
    fake = await startResendFake();
    process.env.RESEND_API_KEY = 're_test_contact';
    process.env.RESEND_BASE_URL = fake.url;
  }
  Object.assign(process.env, options.env ?? {});
  return {
    blobs,
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

let ipCounter = 0;
/** A fresh client IP per call, so tests that are not about the rate limit never hit it. */
export function nextIp(): string {
  ipCounter++;
  return `198.51.100.${ipCounter % 250}` + (ipCounter >= 250 ? `:${ipCounter}` : '');
}

export function jsonRequest(body: unknown, init: { headers?: Record<string, string>; method?: string } = {}): Request {
  return new Request('http://localhost/api/contact', {
    method: init.method ?? 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...init.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function formRequest(fields: Record<string, string>, headers: Record<string, string> = {}): Request {
  return new Request('http://localhost/api/contact', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}
