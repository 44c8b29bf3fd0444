/**
 * The link checker against a local HTTP server: good, HEAD-refusing, redirecting
 * (permanent, temporary, looping), 404, slow and unreachable links. Never the internet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkLink, checkLinks } from '../../functions/lib/links/check.ts';
import { runLinkCheck } from '../../functions/lib/links/run.ts';
import { readLinkReport } from '../../functions/lib/links/results.ts';
import { store } from '../../functions/lib/stores.ts';
import { startBlobs, type LocalBlobs } from '../helpers/blobs.ts';

let server: Server;
let base = '';
let closedPort = 0;
const seen: { method: string; path: string; agent?: string }[] = [];
let inFlight = 0;
let maxInFlight = 0;

function route(req: IncomingMessage): { status: number; headers?: Record<string, string>; delay?: number } {
  const path = req.url ?? '/';
  switch (path) {
    case '/good':
    case '/good2':
    case '/good3':
      return { status: 200 };
    case '/head-refused':
      return req.method === 'HEAD' ? { status: 405 } : { status: 200 };
    case '/moved':
      return { status: 301, headers: { location: '/good' } };
    case '/temporary':
      return { status: 302, headers: { location: `${base}/good` } };
    case '/loop-a':
      return { status: 301, headers: { location: '/loop-b' } };
    case '/loop-b':
      return { status: 301, headers: { location: '/loop-a' } };
    case '/slow':
      return { status: 200, delay: 1_500 };
    case '/server-error':
      return { status: 503 };
    default:
      return { status: 404 };
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', path: req.url ?? '', agent: req.headers['user-agent'] });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    // 'close' also fires when a client gives up on a slow answer.
    res.on('close', () => (inFlight -= 1));
    const { status, headers, delay } = route(req);
    const finish = () => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'text/html', ...headers });
      res.end(req.method === 'HEAD' ? undefined : '<p>ok</p>');
    };
    if (delay) setTimeout(finish, delay);
    else setTimeout(finish, 5);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A port that was just free and is closed again: the connection is refused.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

// The test server is on loopback, which production never contacts (public-address.ts).
const options = { timeoutMs: 400, userAgent: 'QN-Test/1', allowAddress: (ip: string) => ip === '127.0.0.1' };

describe('checkLink', () => {
  it('accepts a good link with a single HEAD request', async () => {
    seen.length = 0;
    const result = await checkLink(`${base}/good`, options);
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(result.redirects).toBeUndefined();
    expect(seen).toEqual([{ method: 'HEAD', path: '/good', agent: 'QN-Test/1' }]);
  });

  it('falls back to GET when the server refuses HEAD', async () => {
    seen.length = 0;
    expect(await checkLink(`${base}/head-refused`, options)).toMatchObject({ ok: true, status: 200 });
    expect(seen.map((s) => s.method)).toEqual(['HEAD', 'GET']);
  });

  it('follows a permanent redirect and reports each hop', async () => {
    const result = await checkLink(`${base}/moved`, options);
    expect(result).toMatchObject({ ok: true, status: 200, finalUrl: `${base}/good` });
    expect(result.redirects).toEqual([{ from: `${base}/moved`, to: `${base}/good`, status: 301 }]);
  });

  it('follows a temporary redirect', async () => {
    const result = await checkLink(`${base}/temporary`, options);
    expect(result).toMatchObject({ ok: true, finalUrl: `${base}/good` });
    expect(result.redirects?.[0].status).toBe(302);
  });

  it('stops a redirect loop', async () => {
    expect(await checkLink(`${base}/loop-a`, options)).toMatchObject({ ok: false, error: 'too-many-redirects' });
  });

  it('reports a 404 after trying GET too', async () => {
    seen.length = 0;
    expect(await checkLink(`${base}/gone`, options)).toMatchObject({ ok: false, status: 404, error: 'http' });
    expect(seen.map((s) => s.method)).toEqual(['HEAD', 'GET']);
  });

  it('gives up on a slow server after the timeout, without asking twice', async () => {
    seen.length = 0;
    const started = performance.now();
    expect(await checkLink(`${base}/slow`, options)).toMatchObject({ ok: false, error: 'timeout' });
    expect(performance.now() - started).toBeLessThan(1_400);
    expect(seen.map((s) => s.method)).toEqual(['HEAD']);
  });

  it('reports an unreachable server (closed port) as refused', async () => {
    expect(await checkLink(`http://127.0.0.1:${closedPort}/`, options)).toMatchObject({ ok: false, error: 'refused' });
  });
});

describe('checkLinks', () => {
  it('checks a host one request at a time and returns every link sorted', async () => {
    maxInFlight = 0;
    const urls = [`${base}/good3`, `${base}/good`, `${base}/good2`, `${base}/gone`, `${base}/good`];
    const report = await checkLinks(urls, { ...options, concurrency: 4, now: () => new Date('2026-11-23T04:00:00Z') });
    expect(maxInFlight).toBe(1);
    expect(report.results.map((r) => r.url)).toEqual([`${base}/gone`, `${base}/good`, `${base}/good2`, `${base}/good3`]);
    expect(report.results.map((r) => r.ok)).toEqual([false, true, true, true]);
    expect(report.checkedAt).toBe('2026-11-23T04:00:00.000Z');
  });

  it('keeps fresh results and checks the oldest first within the time budget', async () => {
    const now = new Date('2026-11-23T04:00:00Z');
    const previous = {
      checkedAt: '2026-11-20T04:00:00Z',
      results: [
        { url: `${base}/good`, ok: true, status: 200, checkedAt: '2026-11-20T04:00:00Z' },
        { url: `${base}/good2`, ok: true, status: 200, checkedAt: '2026-11-10T04:00:00Z' },
      ],
    };
    seen.length = 0;
    const report = await checkLinks([`${base}/good`, `${base}/good2`], { ...options, previous, now: () => now, freshForMs: 6 * 86_400_000 });
    expect(seen.map((s) => s.path)).toEqual(['/good2']);
    expect(report.results.find((r) => r.url.endsWith('/good'))?.checkedAt).toBe('2026-11-20T04:00:00Z');
    expect(report.results.find((r) => r.url.endsWith('/good2'))?.checkedAt).toBe(now.toISOString());

    // A budget too small for even one check: nothing is checked, the old results stay, the rest is named.
    seen.length = 0;
    const starved = await checkLinks([`${base}/good`, `${base}/good3`], { ...options, previous, now: () => now, budgetMs: 100 });
    expect(seen).toEqual([]);
    expect(starved.unchecked).toEqual([`${base}/good3`, `${base}/good`]);
    expect(starved.results.map((r) => r.url)).toEqual([`${base}/good`]);
  });
});

describe('runLinkCheck with Blobs', () => {
  let blobs: LocalBlobs;
  beforeAll(async () => {
    blobs = await startBlobs();
  });
  afterAll(async () => {
    await blobs.stop();
  });

  it('stores the result and counts repeated failures', async () => {
    const entry = { collection: 'organisations' as const, id: 'x', file: 'content/organisations/x.md', title: 'X' };
    const health = { externalLinks: [{ url: `${base}/good`, entry }, { url: `${base}/server-error`, entry }, { url: `${base}/server-error`, entry }] };
    const linkStore = store('link-check-test');
    await runLinkCheck(health, linkStore, options);
    const second = await runLinkCheck(health, linkStore, options);
    expect(second.results).toHaveLength(2);
    expect(second.results.find((r) => r.url.endsWith('/server-error'))).toMatchObject({ ok: false, status: 503, failures: 2 });
    expect(second.results.find((r) => r.url.endsWith('/good'))).toMatchObject({ ok: true, failures: 0 });
    expect(await readLinkReport(linkStore)).toEqual(second);
  });
});
