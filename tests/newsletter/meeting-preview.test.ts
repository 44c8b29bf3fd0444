/**
 * Issue 18, item 5: `npm run newsletter:preview -- meetings/<slug>` writes the invitation
 * of a future meeting, or the minutes mail of a past one with minutes, into the outbox,
 * as it does for news slugs; anything else is explained in German.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { listOutbox } from '../../functions/lib/outbox.ts';
import { TEST_NOW } from '../helpers/clock.ts';

describe('npm run newsletter:preview -- meetings/<slug>', () => {
  it('writes the invitation of a future meeting and the minutes mail of a past one; explains the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qn-meeting-preview-'));
    try {
      const run = (slug: string) =>
        spawnSync(process.execPath, ['scripts/newsletter-preview.ts', slug], { encoding: 'utf8', env: { ...process.env, QN_OUTBOX_DIR: dir, QN_NOW: TEST_NOW, NEWSLETTER_SECRET: '', RESEND_API_KEY: '' } });

      const invitation = run('meetings/2026-12-08-netzwerk-jugend-ausbildung');
      expect(invitation.status, invitation.stderr).toBe(0);
      expect(invitation.stdout).toContain('Betreff: Einladung: Treffen Netzwerk II – Jugend, Ausbildung und Job am 8. Dezember 2026, 10:00 Uhr');
      const mails = () => Promise.all(listOutbox(dir).map((e) => PostalMime.parse(readFileSync(e.file, 'utf8'))));
      const [first] = await mails();
      expect(first.text).toContain('Dienstag, 8. Dezember 2026, 10:00–12:00 Uhr');
      expect(first.text).toContain('Anonymisierte Fallbesprechungen');
      expect(first.html).toContain('/api/newsletter/calendar?termin=2026-12-08-netzwerk-jugend-ausbildung');
      expect(first.html).toContain('Einstellungen ändern');
      expect(first.headers.find((h) => h.key === 'list-unsubscribe-post')?.value).toBe('List-Unsubscribe=One-Click');

      const minutes = run('meetings/2026-03-04-netzwerk-sprache');
      expect(minutes.status, minutes.stderr).toBe(0);
      expect(minutes.stdout).toContain('Betreff: Protokoll: ');
      expect((await mails()).some((m) => m.subject?.startsWith('Protokoll: ') && m.html?.includes('/archiv/2026-03-04-netzwerk-sprache/'))).toBe(true);

      const noMinutes = run('meetings/2026-10-20-netzwerk-beschaeftigung');
      expect(noMinutes.status).toBe(1);
      expect(noMinutes.stderr).toContain('content/meetings/2026-10-20-netzwerk-beschaeftigung.md: Das Treffen liegt zurück und hat noch kein Protokoll');
      const unknown = run('meetings/gibt-es-nicht');
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toContain('Das Treffen „gibt-es-nicht“ gibt es nicht');
      expect(listOutbox(dir)).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
