/**
 * The scheduled handlers as Netlify runs them: reading what the build wrote into
 * generated/ (here written by the real build step into a temp folder), Blobs from a
 * local server, mail into a temp outbox, links against a local HTTP server.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { writeFunctionData } from '../../src/integrations/function-data.ts';
import type { HealthReport } from '../../src/lib/health/index.ts';
import linkCheck, { config as linkConfig } from '../../functions/link-check.ts';
import reminders, { config as reminderConfig } from '../../functions/reminders.ts';
import { readLinkReport, LINK_STORE } from '../../functions/lib/links/results.ts';
import { store } from '../../functions/lib/stores.ts';
import { startBlobs, type LocalBlobs } from '../helpers/blobs.ts';
import { TEST_NOW } from '../helpers/clock.ts';

let blobs: LocalBlobs;
let generated = '';
let outbox = '';
let server: Server;
let base = '';

beforeAll(async () => {
  blobs = await startBlobs();
  generated = mkdtempSync(join(tmpdir(), 'qn-generated-'));
  outbox = mkdtempSync(join(tmpdir(), 'qn-outbox-'));
  process.env.QN_NOW = TEST_NOW;
  process.env.QN_GENERATED_DIR = generated;
  process.env.QN_OUTBOX_DIR = outbox;
  delete process.env.RESEND_API_KEY;
  writeFunctionData(process.cwd(), generated, 'https://quartier.example.org');
  server = createServer((req, res) => {
    res.statusCode = req.url === '/weg' ? 404 : 200;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  delete process.env.QN_GENERATED_DIR;
  delete process.env.QN_OUTBOX_DIR;
  await blobs.stop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(generated, { recursive: true, force: true });
  rmSync(outbox, { recursive: true, force: true });
});

describe('scheduled functions', () => {
  it('the build writes generated/health.json with the link work list and no addresses', () => {
    const text = readFileSync(join(generated, 'health.json'), 'utf8');
    const health = JSON.parse(text) as HealthReport;
    expect(health.today).toBe('2026-11-21');
    expect(health.externalLinks.length).toBeGreaterThan(0);
    expect(health.findings.some((f) => f.rule === 'review-overdue')).toBe(true);
    // Addresses stay in recipients.json; the report (also published under /admin/) carries none.
    expect(text).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
  });

  it('link-check runs on its schedule and stores its result in Blobs', async () => {
    expect(linkConfig.schedule).toBe('0 4 * * *');
    const health = JSON.parse(readFileSync(join(generated, 'health.json'), 'utf8')) as HealthReport;
    // Point the work list at the local server: the sample's example.org addresses must not be fetched.
    health.externalLinks = [
      { ...health.externalLinks[0], url: `${base}/da` },
      { ...health.externalLinks[1], url: `${base}/weg` },
    ];
    writeFileSync(join(generated, 'health.json'), JSON.stringify(health));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const response = await linkCheck();
    log.mockRestore();
    // The deployed function contacts public addresses only (issue 15): the loopback
    // server is refused without a request, and the refusal is stored like any result.
    expect(await response.json()).toEqual({ checked: 2, failed: 2, pending: 0 });
    const stored = await readLinkReport(store(LINK_STORE));
    expect(stored?.results.map((r) => [r.url.replace(base, ''), r.ok, r.error])).toEqual([
      ['/da', false, 'non-public'],
      ['/weg', false, 'non-public'],
    ]);
  });

  it('reminders mail stale organisations with an address and the office, once', async () => {
    expect(reminderConfig.schedule).toBe('0 6 * * 1');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const first = await (await reminders()).json();
    await reminders();
    log.mockRestore();
    const mails = await Promise.all(readdirSync(outbox).filter((f) => f.endsWith('.eml')).map((f) => PostalMime.parse(readFileSync(join(outbox, f)))));
    const recipients = JSON.parse(readFileSync(join(generated, 'recipients.json'), 'utf8')) as Record<string, { email: string; forwarded: boolean }>;
    const reminded = first.organisations.filter((o: { outcome: string }) => o.outcome === 'sent').map((o: { organisation: string }) => recipients[`organisations/${o.organisation}`].email);
    expect(reminded.length).toBeGreaterThan(0);
    expect(mails.map((m) => m.to?.[0]?.address).sort()).toEqual([...reminded, 'sozialbuero@example.org'].sort());
    const digest = mails.find((m) => m.to?.[0]?.address === 'sozialbuero@example.org')!;
    // The link result stored by the previous test shows up in the digest.
    expect(digest.text).toContain('Externe Links zuletzt geprüft am');
  });
});
