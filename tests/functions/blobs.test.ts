/**
 * The Blobs concurrency module on the plain local Blobs server, whose conditional writes
 * are not atomic: ordered events must give exactly-once claims and exact limits anyway,
 * and the test proves the server really is non-atomic, so the passing claims are not luck.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBlobs, type LocalBlobs } from '../helpers/blobs.ts';
import { store } from '../../functions/lib/stores.ts';
import { claim } from '../../functions/lib/blobs/claim.ts';
import { admitInWindow } from '../../functions/lib/blobs/window.ts';
import { DEAD_MS, listEvents } from '../../functions/lib/blobs/events.ts';
import { compareAndSet } from '../../functions/lib/blobs/cas.ts';
import { startAtomicBlobs } from '../helpers/atomic-blobs.ts';

let blobs: LocalBlobs;
let run = 0;
const fresh = () => store(`concurrency-${++run}`);

beforeAll(async () => {
  blobs = await startBlobs();
});
afterAll(() => blobs.stop());

describe('ordered events on the plain local Blobs server', () => {
  it('the local server lets several concurrent onlyIfNew writes win (why events exist)', async () => {
    let winners = 0;
    for (let round = 0; round < 5 && winners <= 1; round++) {
      const s = fresh();
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => s.set('claim', String(i), { onlyIfNew: true })));
      winners = results.filter((r) => r.modified).length;
    }
    expect(winners).toBeGreaterThan(1);
  });

  it('of 40 concurrent first-wins claims exactly one wins, and later ones lose for good', async () => {
    const s = fresh();
    const results = await Promise.all(Array.from({ length: 40 }, () => claim(s, 'token/abc')));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await claim(s, 'token/abc')).toBeUndefined();
    // Losers withdrew their events: only the holder's remains.
    expect(await listEvents(s, 'token/abc')).toHaveLength(1);
  });

  it('a lease is held by one at a time, free again on release, and taken over once it runs out', async () => {
    const s = fresh();
    let clock = 1_000_000;
    const options = { leaseMs: 60_000, clock: () => clock };
    const first = await Promise.all(Array.from({ length: 20 }, () => claim(s, 'lease/job', options)));
    const holder = first.find(Boolean)!;
    expect(first.filter(Boolean)).toHaveLength(1);
    expect(await claim(s, 'lease/job', options)).toBeUndefined();
    await holder.release();
    const second = await claim(s, 'lease/job', options);
    expect(second).toBeDefined();
    // The holder "crashes" (never releases): after the lease one of many takes over.
    clock += 61_000;
    const takeover = await Promise.all(Array.from({ length: 20 }, () => claim(s, 'lease/job', options)));
    expect(takeover.filter(Boolean)).toHaveLength(1);
  });

  it('a burst of 20 against a limit of 5 admits exactly 5, and says when the next one fits', async () => {
    const s = fresh();
    const rule = { limit: 5, windowMs: 600_000 };
    const decisions = await Promise.all(Array.from({ length: 20 }, () => admitInWindow(s, 'client/a', rule)));
    expect(decisions.filter((d) => d.admitted)).toHaveLength(5);
    for (const d of decisions) if (!d.admitted) expect(d.retryAfterMs).toBeGreaterThan(590_000);
    // Refused hits withdrew their events: they do not push later hits out.
    expect(await listEvents(s, 'client/a')).toHaveLength(5);
  });

  it('200 hits at 20 at a time against a limit of 200 admit all 200 (no refusal from contention)', async () => {
    const s = fresh();
    const rule = { limit: 200, windowMs: 600_000 };
    let admitted = 0;
    for (let batch = 0; batch < 10; batch++) {
      const decisions = await Promise.all(Array.from({ length: 20 }, () => admitInWindow(s, 'client/b', rule)));
      admitted += decisions.filter((d) => d.admitted).length;
    }
    expect(admitted).toBe(200);
  });

  it('a released hit gives its slot back', async () => {
    const s = fresh();
    const rule = { limit: 1, windowMs: 600_000 };
    const first = await admitInWindow(s, 'address/x', rule);
    expect(first.admitted).toBe(true);
    expect((await admitInWindow(s, 'address/x', rule)).admitted).toBe(false);
    if (first.admitted) await first.release();
    expect((await admitInWindow(s, 'address/x', rule)).admitted).toBe(true);
  });

  it('orders by the bakery, not by speed: a contender whose writes are slow is still seen', async () => {
    const s = fresh();
    // A's ticket write takes 1.5 s; B starts while A is choosing. Limit 1: exactly one wins.
    const slow = new Proxy(s, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property === 'setJSON') return async (...args: Parameters<typeof s.setJSON>) => (await new Promise((r) => setTimeout(r, 1_500)), value.apply(target, args));
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const rule = { limit: 1, windowMs: 600_000 };
    const a = admitInWindow(slow, 'client/slow', rule);
    await new Promise((r) => setTimeout(r, 100));
    const b = admitInWindow(s, 'client/slow', rule);
    const decisions = await Promise.all([a, b]);
    expect(decisions.filter((d) => d.admitted)).toHaveLength(1);
  });

  it('a choosing mark left by a dead invocation does not block anyone', async () => {
    const s = fresh();
    await s.set(`dead/c/${String(Date.now() - DEAD_MS - 1_000).padStart(15, '0')}_crashed/v`, '');
    const started = Date.now();
    expect(await claim(s, 'dead')).toBeDefined();
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('compare-and-set', () => {
  it('merges 30 concurrent updates of one record without losing one (on an atomic store)', async () => {
    await blobs.stop();
    const atomic = await startAtomicBlobs();
    try {
      const s = fresh();
      await Promise.all(Array.from({ length: 30 }, (_, i) => compareAndSet<{ items: number[] }>(s, 'record', (current) => ({ items: [...(current?.items ?? []), i] }), 50)));
      const record = (await s.get('record', { type: 'json' })) as { items: number[] };
      expect(record.items.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    } finally {
      await atomic.stop();
      blobs = await startBlobs();
    }
  });
});
