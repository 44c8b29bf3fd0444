/**
 * The monthly reminder carries the organisation's signed link (and the link opens its
 * page); the weekly digest and `npm run health` list entries waiting in the workflow
 * with their age.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startPartnerEnv, type PartnerEnv } from './env.ts';
import { runReminders } from '../../functions/lib/reminders/run.ts';
import { partnerLink } from '../../functions/lib/partner/links.ts';
import { handlePartner } from '../../functions/lib/partner/service.ts';
import { withChanges } from '../../functions/lib/partner/entry-file.ts';
import { LocalGitWriter } from '../../functions/lib/git/local.ts';
import { store } from '../../functions/lib/stores.ts';
import type { OutgoingMail } from '../../functions/lib/mail.ts';
import type { HealthReport } from '../../src/lib/health/index.ts';
import type { RecipientDirectory } from '../../src/lib/recipients.ts';
import { berlinDate } from '../../src/lib/dates.ts';
import { TEST_NOW } from '../helpers/clock.ts';

let env: PartnerEnv;
beforeAll(async () => {
  env = await startPartnerEnv();
  const writer = env.writer as LocalGitWriter;
  const path = 'content/offers/job-cafe.md';
  const text = readFileSync(join(env.repo, path), 'utf8');
  await writer.propose({ collection: 'offers', slug: 'job-cafe', path, text: withChanges(text, { schedule_note: 'Neu' }), title: 'Vorschlag von KAI: Angebot „job-cafe“', body: 'Test', id: 'test-1' });
});
afterAll(() => env?.stop());

const generated = <T,>(name: string) => JSON.parse(readFileSync(join(env.generatedDir, name), 'utf8')) as T;

describe('reminders and health', () => {
  it('puts the partner link into the monthly reminder and lists waiting proposals in the digest', async () => {
    const sent: OutgoingMail[] = [];
    const now = new Date('2026-12-07T07:00:00+01:00');
    await runReminders({
      health: generated<HealthReport>('health.json'),
      recipients: generated<RecipientDirectory>('recipients.json'),
      site: env.site,
      now,
      store: store('reminders'),
      claims: store('reminders-claims'),
      paceMs: 0,
      send: async (mail) => {
        sent.push(mail);
        return { ok: true, id: String(sent.length) };
      },
      partnerLink: (slug) => {
        const link = partnerLink('http://localhost:4321', slug, now);
        return { url: link.url, validUntil: berlinDate(link.expires) };
      },
      waiting: () => env.writer.waiting(),
    });
    const reminders = sent.filter((m) => m.to !== env.site.office.email);
    expect(reminders.length).toBeGreaterThan(0);
    for (const mail of reminders) {
      const url = /http:\/\/localhost:4321\/partner\/\?t=[A-Za-z0-9_.-]+/.exec(mail.text)?.[0];
      expect(url, mail.subject).toBeDefined();
      expect(mail.text).toContain('Der Link gilt bis 21. Januar 2027');
      const page = await handlePartner(new Request(url!), env.deps({ now }));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Einträge von');
    }
    const digest = sent.find((m) => m.to === env.site.office.email)!;
    expect(digest.text).toContain('Vorschläge warten auf Freigabe');
    expect(digest.text).toContain('Vorschlag von KAI: Angebot „job-cafe“');
    expect(digest.text).toMatch(/wartet auf Freigabe seit (heute|einem Tag|\d+ Tagen)/);
  });

  it('npm run health lists the waiting proposal with its age', () => {
    const root = resolve('.');
    const result = spawnSync(process.execPath, [join(root, 'scripts/health.ts')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, QN_NOW: TEST_NOW, NETLIFY_BLOBS_CONTEXT: '', QN_GIT_DIRECTORY: env.repo, GITHUB_TOKEN: '', GITHUB_BRANCH: 'main' },
    });
    expect(result.stdout).toContain('Vorschläge warten auf Freigabe (1)');
    expect(result.stdout).toContain('Vorschlag von KAI: Angebot „job-cafe“');
    expect(result.stdout).toMatch(/wartet auf Freigabe seit/);
  });
});
