/**
 * Issue 15, smaller finding: the link checker contacts public addresses only, checked
 * after DNS resolution and on every redirect hop. Loopback servers play both roles: one
 * address (127.0.0.2) is declared "public" for the test, everything else keeps the
 * production rule.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLink } from '../../functions/lib/links/check.ts';
import { isPublicAddress } from '../../functions/lib/links/public-address.ts';

const hits: string[] = [];
let internal: Server;
let outside: Server;
let internalPort = 0;
let outsidePort = 0;

function listen(server: Server, host: string): Promise<number> {
  return new Promise((resolve) => server.listen(0, host, () => resolve((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  internal = createServer((req, res) => {
    hits.push(`internal ${req.method} ${req.url}`);
    res.end('secret');
  });
  internalPort = await listen(internal, '127.0.0.1');
  outside = createServer((req, res) => {
    hits.push(`outside ${req.method} ${req.url}`);
    const to = { '/to-internal': `http://127.0.0.1:${internalPort}/admin`, '/to-localhost': `http://localhost:${internalPort}/admin`, '/to-mapped': `http://[::ffff:127.0.0.1]:${internalPort}/admin`, '/fine': '' }[req.url ?? ''];
    if (to) res.writeHead(302, { location: to }).end();
    else res.end('ok');
  });
  outsidePort = await listen(outside, '127.0.0.2');
});
afterAll(async () => {
  await Promise.all([internal, outside].map((s) => new Promise((resolve) => s.close(resolve))));
});

/** Production's rule, plus the one test host standing in for the internet. */
const options = { timeoutMs: 1_000, allowAddress: (ip: string) => ip === '127.0.0.2' || isPublicAddress(ip) };

describe('link checker and non-public addresses', () => {
  it('knows which addresses are not public', () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '64:ff9b::a00:1', '2002:c0a8:101::1', '224.0.0.1']) {
      expect(isPublicAddress(ip), ip).toBe(false);
    }
    for (const ip of ['93.184.216.34', '2606:4700:4700::1111', '::ffff:93.184.216.34', '1.1.1.1']) expect(isPublicAddress(ip), ip).toBe(true);
    expect(isPublicAddress('not-an-ip')).toBe(false);
  });

  it('refuses loopback, private and metadata addresses without connecting, by number and by name', async () => {
    hits.length = 0;
    for (const url of [`http://127.0.0.1:${internalPort}/`, `http://localhost:${internalPort}/`, `http://[::ffff:127.0.0.1]:${internalPort}/`, 'http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/']) {
      expect(await checkLink(url, { timeoutMs: 1_000 }), url).toMatchObject({ ok: false, error: 'non-public' });
    }
    expect(hits).toEqual([]);
  });

  it('checks every redirect hop: a public page redirecting inside is refused at that hop', async () => {
    hits.length = 0;
    for (const path of ['/to-internal', '/to-localhost', '/to-mapped']) {
      const result = await checkLink(`http://127.0.0.2:${outsidePort}${path}`, options);
      expect(result, path).toMatchObject({ ok: false, error: 'non-public' });
      expect(result.redirects?.[0]).toMatchObject({ status: 302 });
    }
    expect(hits.filter((h) => h.startsWith('internal'))).toEqual([]);
    // The stand-in for a public site itself is checked as before.
    expect(await checkLink(`http://127.0.0.2:${outsidePort}/fine`, options)).toMatchObject({ ok: true, status: 200 });
  });
});
