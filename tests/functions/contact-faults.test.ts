/**
 * The provider is unreliable: while 100 residents send messages, Resend fails half of
 * the sends (500 or 429) and does not answer a tenth of them (half of those after it
 * did deliver, the case of a lost answer). The outage lasts through the first retry
 * runs. When it is over and the retry job has run, each message has reached its
 * recipient exactly once: none lost, none twice.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import contact from '../../functions/contact.ts';
import { retryPending } from '../../functions/contact-retry.ts';
import { load, pendingIds } from '../../functions/lib/contact/messages.ts';
import { jsonRequest, nextIp, startContactEnv, type ContactEnv } from '../helpers/contact-env.ts';
import type { Fault } from '../helpers/resend-fake.ts';

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TIMEOUT_MS = 150;
let env: ContactEnv;

beforeAll(async () => {
  env = await startContactEnv({ resendFake: true, env: { MAIL_TIMEOUT_MS: String(TIMEOUT_MS), QN_CONTACT_RETRY_PACE_MS: '0' } });
});
afterAll(() => env.stop());

it('delivers each of 100 messages exactly once through failures, 429s and hangs', async () => {
  const fake = env.fake!;
  const directory: Record<string, { email: string }> = JSON.parse(readFileSync(join(env.generatedDir, 'recipients.json'), 'utf8'));
  const keys = Object.keys(directory);
  const next = random(20261121);
  const outage = (): Fault | undefined => {
    const r = next();
    if (r < 0.25) return { status: 500 };
    if (r < 0.5) return { status: 429 };
    if (r < 0.55) return { hang: true };
    if (r < 0.6) return { hang: true, afterDelivery: true };
    return undefined;
  };
  fake.setPolicy(outage);

  const sent: { id: string; recipient: string; status: number }[] = [];
  for (let batch = 0; batch < 10; batch++) {
    const answers = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const n = batch * 10 + i;
        const recipient = keys[n % keys.length];
        const response = await contact(
          jsonRequest({ recipient, name: `Person ${n}`, email: `person${n}@example.net`, message: `Nachricht Nummer ${n}: bitte melden Sie sich.`, consent: true }),
          { ip: nextIp() },
        );
        const body = await response.json();
        return { id: body.id as string, recipient, status: response.status };
      }),
    );
    sent.push(...answers);
  }
  expect(sent.every((s) => s.status === 200 || s.status === 202)).toBe(true);
  expect(new Set(sent.map((s) => s.id)).size).toBe(100);
  const queued = sent.filter((s) => s.status === 202).length;
  expect(queued).toBeGreaterThan(30);

  // The retry job runs every minute; the outage lasts through its first runs.
  let clock = Date.now();
  for (let run = 0; run < 3; run++) {
    clock += 60 * 60_000;
    await retryPending({ nowMs: clock, paceMs: 0, timeoutMs: TIMEOUT_MS });
  }
  fake.setPolicy(undefined);
  for (let run = 0; run < 5 && (await pendingIds()).length > 0; run++) {
    clock += 5 * 60 * 60_000;
    await retryPending({ nowMs: clock, paceMs: 0, timeoutMs: TIMEOUT_MS });
  }
  expect(await pendingIds()).toEqual([]);

  const delivered = fake.delivered();
  const byKey = new Map<string, number>();
  for (const mail of delivered) byKey.set(mail.idempotencyKey ?? '', (byKey.get(mail.idempotencyKey ?? '') ?? 0) + 1);
  for (const message of sent) {
    expect(byKey.get(message.id), `deliveries of ${message.id}`).toBe(1);
    const mail = delivered.find((m) => m.idempotencyKey === message.id)!;
    expect(mail.to).toEqual([directory[message.recipient].email]);
    expect((await load(message.id))?.status).toBe('sent');
  }
  expect(delivered).toHaveLength(100);
  expect(delivered.some((m) => m.idempotencyKey?.endsWith('-office'))).toBe(false);

  // The scenario really happened: retries, and answers lost after a delivery that
  // the idempotency key then kept from being delivered again.
  const attempts = new Map<string, typeof fake.requests>();
  for (const request of fake.requests) {
    const key = request.headers['idempotency-key'];
    attempts.set(key, [...(attempts.get(key) ?? []), request]);
  }
  expect([...attempts.values()].filter((list) => list.length > 1).length).toBeGreaterThan(30);
  expect(fake.requests.filter((r) => r.outcome === 'hang').length).toBeGreaterThan(5);
  expect(fake.requests.filter((r) => r.outcome === 429).length).toBeGreaterThan(10);
  const lostAnswers = [...attempts.values()].filter((list) => list.some((r) => r.deliveredBeforeHang) && list.length > 1);
  expect(lostAnswers.length).toBeGreaterThan(0);
});
