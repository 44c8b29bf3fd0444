/** The daily rebuild posts to the build hook from the environment, and does nothing without one. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { triggerRebuild } from '../../functions/lib/rebuild.ts';
import dailyRebuild, { config } from '../../functions/daily-rebuild.ts';

let server: Server;
let base = '';
const hits: { method?: string; url?: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push({ method: req.method, url: req.url });
    res.statusCode = req.url?.startsWith('/broken') ? 500 : 200;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  delete process.env.NETLIFY_BUILD_HOOK_URL;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('daily rebuild', () => {
  it('is scheduled daily', () => {
    expect(config.schedule).toBe('0 5 * * *');
  });

  it('posts once to the build hook with a deploy title', async () => {
    hits.length = 0;
    const result = await triggerRebuild(`${base}/build_hooks/abc`);
    expect(result).toMatchObject({ triggered: true, status: 200 });
    expect(hits).toHaveLength(1);
    expect(hits[0].method).toBe('POST');
    expect(new URL(hits[0].url!, base).searchParams.get('trigger_title')).toBe('Täglicher Neubau (Angebote und Termine aktualisieren)');
  });

  it('reports a failing hook', async () => {
    expect(await triggerRebuild(`${base}/broken`)).toMatchObject({ triggered: false, status: 500 });
  });

  it('does nothing, with a log line, when no hook is configured', async () => {
    delete process.env.NETLIFY_BUILD_HOOK_URL;
    hits.length = 0;
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const response = await dailyRebuild();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ triggered: false });
    expect(log).toHaveBeenCalledWith('daily-rebuild: NETLIFY_BUILD_HOOK_URL is not set, nothing to do');
    expect(hits).toHaveLength(0);
    log.mockRestore();
  });

  it('uses NETLIFY_BUILD_HOOK_URL when set', async () => {
    process.env.NETLIFY_BUILD_HOOK_URL = `${base}/build_hooks/env`;
    hits.length = 0;
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect((await dailyRebuild()).status).toBe(200);
    expect(hits.map((h) => h.url?.split('?')[0])).toEqual(['/build_hooks/env']);
    log.mockRestore();
  });
});
