/**
 * The whole partner flow in Chromium under `npm start`, in a temporary git clone of the
 * project (never this worktree's content): the monthly reminder of one organisation in the
 * outbox → its link → the page lists exactly that organisation's entries → "Alles noch
 * aktuell" on one offer → the file's reviewed_at is today and the rest byte-identical →
 * a proposal changing the offer's opening hours → /admin/ shows it in the workflow
 * waiting for approval → the office publishes it there (Status „Geprüft“, „Veröffentlichen“) → content/offers/<slug>.md carries the
 * change and `npm run check` passes. Screenshots for docs/redaktion.md go to docs/img/
 * with QN_UPDATE_SCREENSHOTS=1, else to test-results/partner/.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { publishFromWorkflow } from '../helpers/decap-workflow.ts';
import { startClone, type StartedClone } from '../helpers/npm-start.ts';
import { startBlobs, type LocalBlobs } from '../helpers/blobs.ts';
import { TEST_NOW, TEST_TODAY } from '../helpers/clock.ts';
import { DIST } from '../helpers/dist.ts';
import { hsdsServiceId } from '../../src/lib/exports/hsds.ts';
import { runReminders } from '../../functions/lib/reminders/run.ts';
import { partnerLink } from '../../functions/lib/partner/links.ts';
import { partnerDirectory } from '../../functions/lib/partner/directory.ts';
import { store } from '../../functions/lib/stores.ts';
import { berlinDate } from '../../src/lib/dates.ts';
import type { HealthReport } from '../../src/lib/health/index.ts';
import type { RecipientDirectory } from '../../src/lib/recipients.ts';
import type { SiteFacts } from '../../functions/lib/generated.ts';

const SHOTS = process.env.QN_UPDATE_SCREENSHOTS === '1' ? 'docs/img' : 'test-results/partner';
const ORG = 'kinderhauser-arbeitslosen-initiative';
const OFFER = 'job-cafe';
const SECRET = 'partner-browser-test-secret-of-enough-length';

let root: string;
let clone: StartedClone;
let origin: string;
let browser: Browser;
let page: Page;
let blobs: LocalBlobs;
const saved = { QN_GENERATED_DIR: process.env.QN_GENERATED_DIR, QN_OUTBOX_DIR: process.env.QN_OUTBOX_DIR, PARTNER_SECRET: process.env.PARTNER_SECRET };

const git = (...args: string[]) => clone.git(...args);

async function shot(name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

beforeAll(async () => {
  clone = await startClone({ prefix: 'qn-partner-start-', env: { QN_NOW: TEST_NOW, PARTNER_SECRET: SECRET }, waitPath: '/partner/' });
  root = clone.root;
  origin = clone.origin;
  blobs = await startBlobs();
  process.env.QN_GENERATED_DIR = join(root, 'generated');
  process.env.QN_OUTBOX_DIR = join(root, '.outbox');
  process.env.PARTNER_SECRET = SECRET;
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'de-DE' })).newPage();
  // astro dev compiles each page on its first request, on a machine shared with other tests.
  page.setDefaultNavigationTimeout(120_000);
  page.setDefaultTimeout(60_000);
}, 420_000);

afterAll(async () => {
  await browser?.close();
  await clone?.stop();
  await blobs?.stop();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('partner flow under npm start', () => {
  it('serves the HSDS detail answers that a build writes as files', async () => {
    // The build writes them into dist/ outside Astro's routes (issue 17); `npm start` answers them from the same entries.
    const id = hsdsServiceId(OFFER);
    const response = await fetch(`${origin}/api/hsds/services/${id}.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const built = JSON.parse(readFileSync(join(DIST, 'api/hsds/services', `${id}.json`), 'utf8'));
    expect(await response.json()).toEqual(built);
    expect((await fetch(`${origin}/api/hsds/services/00000000-0000-5000-8000-000000000000.json`)).status).toBe(404);
  });

  it('reminder → link → confirm → proposal → office publishes in Decap', async () => {
    // The monthly reminder, as the scheduled function sends it, into this copy's outbox.
    const read = <T,>(name: string) => JSON.parse(readFileSync(join(root, 'generated', name), 'utf8')) as T;
    const now = new Date(TEST_NOW);
    const run = await runReminders({
      health: read<HealthReport>('health.json'),
      recipients: read<RecipientDirectory>('recipients.json'),
      site: read<SiteFacts>('site.json'),
      now,
      store: store('reminders'),
      claims: store('reminders-claims'),
      paceMs: 0,
      partnerLink: (slug) => {
        const link = partnerLink(origin, slug, now);
        return { url: link.url, validUntil: berlinDate(link.expires) };
      },
    });
    expect(run.organisations.find((o) => o.organisation === ORG)?.outcome).toBe('sent');

    await page.goto(`${origin}/dev/outbox/`);
    await page.getByRole('link', { name: /Kinderhauser Arbeitslosen Initiative/ }).first().click();
    const mailText = await page.locator('pre').first().innerText();
    const link = /http:\/\/localhost:\d+\/partner\/\?t=[A-Za-z0-9_.-]+/.exec(mailText)?.[0];
    expect(link).toBeDefined();

    const response = await page.goto(link!);
    expect(response?.headers()['referrer-policy']).toBe('no-referrer');
    expect(response?.headers()['cache-control']).toBe('no-store');
    await page.getByRole('heading', { name: 'Einträge von Kinderhauser Arbeitslosen Initiative' }).waitFor();
    const own = partnerDirectory().organisations[ORG].offers.map((o) => o.title);
    const headings = await page.locator('.entry h3').allInnerTexts();
    expect(headings).toEqual(['Profil: Kinderhauser Arbeitslosen Initiative e.V.', ...own.map((t) => `Angebot: ${t}`)]);
    await shot('partner-uebersicht');

    // "Alles noch aktuell" on one offer: only reviewed_at changes, committed directly.
    const file = join(root, 'content/offers', `${OFFER}.md`);
    const before = readFileSync(file, 'utf8');
    const commits = Number(git('rev-list', '--count', 'main'));
    const card = page.locator(`#eintrag-offers-${OFFER}`);
    await card.getByRole('button', { name: /Alles noch aktuell/ }).dblclick();
    await page.getByText('als geprüft markiert').waitFor();
    await page.waitForLoadState('load');
    expect(readFileSync(file, 'utf8')).toBe(before.replace(/^reviewed_at: .*$/m, `reviewed_at: ${TEST_TODAY}`));
    expect(Number(git('rev-list', '--count', 'main'))).toBe(commits + 1);
    expect(git('log', '-1', '--format=%s', 'main')).toContain('Kinderhauser Arbeitslosen Initiative');
    await shot('partner-bestaetigt');

    // A proposal changing the opening hours, through the generated form.
    await page.locator(`#eintrag-offers-${OFFER}`).getByRole('button', { name: /Änderung vorschlagen/ }).click();
    await page.getByRole('heading', { name: /Änderung vorschlagen: Job-Café/ }).waitFor();
    const closes = page.locator('input[name="f.schedule.0.closes"]');
    expect(await closes.inputValue()).toBe('16:00');
    // A wrong value first: shown at the field, nothing typed lost.
    await closes.fill('13:00');
    await page.locator('input[name="f.schedule_note"]').fill('Bitte vorher anrufen');
    await page.getByRole('button', { name: 'Vorschlag senden' }).click();
    await page.getByText('Das Ende muss nach dem Beginn liegen.').first().waitFor();
    expect(await page.locator('input[name="f.schedule_note"]').inputValue()).toBe('Bitte vorher anrufen');
    // The summary links to the field, where the message stands again.
    await page.getByRole('link', { name: 'Das Ende muss nach dem Beginn liegen.' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name') ?? location.hash)).toMatch(/schedule/);
    await shot('partner-vorschlag-fehler');
    await page.locator('input[name="f.schedule.0.closes"]').fill('17:30');
    await page.getByRole('button', { name: 'Vorschlag senden' }).click();
    await page.getByText('wartet jetzt auf die Freigabe').waitFor();
    await shot('partner-vorschlag-gesendet');
    expect(git('config', `branch.cms/offers/${OFFER}.description`).trim()).toBe('decap-cms/pending_review');
    expect(readFileSync(file, 'utf8')).toContain('closes: "16:00"');

    // The office: /admin/ → Arbeitsablauf → the entry waits "In Prüfung" → publish.
    // Decap talks to npm start's decap-server (git mode) on this copy. The CMS page is the
    // project's build (dist/, from the test setup) pointed at that decap-server: under astro
    // dev, Vite's first bundling of Decap, or a second build of the copy, takes many minutes
    // on the shared machine.
    await page.goto(`${await clone.admin()}#/workflow`);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    try {
      await page.getByText('Redaktioneller Arbeitsablauf').waitFor({ timeout: 60_000 });
      await page.getByText('In Prüfung').first().waitFor({ timeout: 60_000 });
    } catch (error) {
      await shot('debug-admin');
      throw error;
    }
    const entry = page.getByRole('link', { name: /Job-Café/ }).first();
    await entry.waitFor({ timeout: 60_000 });
    await shot('partner-arbeitsablauf');
    // Publishing as the office does it: the entry → Status "Geprüft" → "Veröffentlichen".
    // The German pane shows the entry's links (Decap's relation control, kept quiet in the
    // other language's pane by admin/widgets/locale-quiet.ts) before anything is clicked.
    await publishFromWorkflow(page, /Job-Café/, {
      onEntry: async () => {
        await page.getByText('Kinderhauser Arbeitslosen Initiative e.V.').first().waitFor();
        await shot('partner-freigabe');
      },
    });
    await expect.poll(() => git('branch', '--list', 'cms/*').trim(), { timeout: 30_000 }).toBe('');
    await expect.poll(() => readFileSync(file, 'utf8'), { timeout: 30_000 }).toContain('closes: "17:30"');
    const after = readFileSync(file, 'utf8');
    expect(after).toContain('schedule_note: Bitte vorher anrufen');
    expect(after).toContain(`reviewed_at: ${TEST_TODAY}`);
    const check = spawnSync(process.execPath, [join(root, 'scripts/check.ts')], { cwd: root, encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
  }, 600_000);
});
