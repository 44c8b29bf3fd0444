/**
 * `npm run bench load`: requests per second and p95 latency of POST /api/contact and
 * POST /api/newsletter/subscribe at 20 requests at a time, under `netlify serve --offline`
 * (production bundles, Netlify's local Blobs server, the Resend fake in its own process),
 * beside GET /api/ping, a function that only answers 200: the floor of the local runtime.
 * Needs a built dist/ (npm run build). Limits are raised out of the way: the figures are
 * the cost of a request, not of being refused. Every request is a new message or address.
 */
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { netlifyServe, startServeRun, stopServeRun } from '../../tests/helpers/netlify-serve.ts';
import { consentVersion } from '../../functions/lib/newsletter/consent.ts';

const CONCURRENCY = 20;
const REQUESTS = Number(process.env.QN_BENCH_LOAD_REQUESTS ?? 200);
const WARMUP = 20;

interface Target {
  name: string;
  request: (i: number) => { method: string; path: string; headers?: Record<string, string>; body?: string };
  ok: (status: number) => boolean;
}

const run = randomUUID().slice(0, 8);
const TARGETS: Target[] = [
  { name: 'floor: GET /api/ping', request: () => ({ method: 'GET', path: '/api/ping' }), ok: (s) => s === 200 },
  {
    name: 'POST /api/contact',
    request: (i) => ({
      method: 'POST',
      path: '/api/contact',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ recipient: 'offers/deutschkurs-a1-mit-kinderbetreuung', name: 'Bench Test', email: 'bench@example.net', message: `Guten Tag, Lastmessung ${run} Nachricht ${i}.`, consent: true }),
    }),
    ok: (s) => s === 200 || s === 202,
  },
  {
    name: 'POST /api/newsletter/subscribe',
    request: (i) => ({
      method: 'POST',
      path: '/api/newsletter/subscribe',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ email: `bench-${run}-${i}@example.org`, networks: 'netzwerk-sprache', consent: 'yes', consent_version: consentVersion(), website: '' }).toString(),
    }),
    ok: (s) => s === 200,
  },
];

async function measure(url: string, target: Target, count: number, offset: number) {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const i = offset + next++;
        const { method, path, headers, body } = target.request(i);
        const t = performance.now();
        const response = await fetch(url + path, { method, headers, body });
        await response.arrayBuffer();
        latencies.push(performance.now() - t);
        if (!target.ok(response.status)) failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)];
  return { rps: count / seconds, p50: at(0.5), p95: at(0.95), failures };
}

if (!existsSync('dist/index.html')) {
  console.log('load: skipped, dist/ is not built (npm run build first).');
} else {
  startServeRun();
  try {
    const site = await netlifyServe({ name: 'bench-load', env: { QN_CONTACT_RATE_LIMIT: '1000000/600', QN_SUBSCRIBE_RATE_LIMIT: '1000000/600' } });
    console.log(`${REQUESTS} requests per endpoint, ${CONCURRENCY} at a time, after ${WARMUP} warm-up requests`);
    console.log('endpoint                              req/s    p50 ms    p95 ms  failed');
    for (const target of TARGETS) {
      await measure(site.url, target, WARMUP, 1_000_000);
      const result = await measure(site.url, target, REQUESTS, 0);
      console.log(`${target.name.padEnd(36)} ${result.rps.toFixed(1).padStart(6)} ${result.p50.toFixed(0).padStart(9)} ${result.p95.toFixed(0).padStart(9)} ${String(result.failures).padStart(7)}`);
    }
  } finally {
    await stopServeRun();
  }
}
