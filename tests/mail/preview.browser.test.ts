/**
 * `npm run mail:preview` (issue 25): every kind of mail into the outbox as .eml, and as
 * Chromium screenshots 600 px and 360 px wide; the script fails when a mail loads
 * anything or is wider than the screen.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { listOutbox } from '../../functions/lib/outbox.ts';
import { mailSamples } from '../../scripts/lib/mail-samples.ts';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

describe('npm run mail:preview', () => {
  it('writes every kind of mail into the outbox and as PNG at 600 and 360 px', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qn-mail-preview-'));
    try {
      const run = spawnSync(process.execPath, ['scripts/mail-preview.ts'], { encoding: 'utf8', env: { ...process.env, QN_OUTBOX_DIR: dir, RESEND_API_KEY: '' }, timeout: 120_000 });
      expect(run.status, run.stderr).toBe(0);
      const samples = await mailSamples();
      const outbox = listOutbox(dir);
      expect(outbox).toHaveLength(samples.length);
      const subjects = await Promise.all(outbox.map(async (e) => (await PostalMime.parse(readFileSync(e.file, 'utf8'))).subject));
      expect(subjects.sort()).toEqual(samples.map((s) => s.render().subject).sort());
      const pictures = readdirSync(join(dir, 'vorschau')).filter((f) => f.endsWith('.png'));
      for (const sample of samples) {
        for (const width of [600, 360]) {
          const name = `${sample.id}-${width}.png`;
          expect(pictures).toContain(name);
          const png = readFileSync(join(dir, 'vorschau', name));
          expect(png.subarray(0, 4)).toEqual(PNG);
          // IHDR: the width of the picture is the width of the viewport.
          expect(png.readUInt32BE(16)).toBe(width);
        }
        expect(run.stdout).toContain(sample.title);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
