/**
 * The Nu Html Checker (vnu-jar, the W3C validator's engine) over every built HTML page,
 * in ONE Java run: a JVM per page would cost minutes. Errors only; warnings are advice.
 * It stops at the first fatal error of a page (markup after </html>), so 0 errors here
 * means every page was read to its end.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST } from '../helpers/dist.ts';

const VNU_JAR = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');

interface VnuMessage {
  type: 'error' | 'info' | 'non-document-error';
  url?: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

function countHtml(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile() && e.name.endsWith('.html')).length;
}

describe('Nu Html Checker', () => {
  it('finds no error in any built page', { timeout: 300_000 }, () => {
    const pages = countHtml(DIST);
    expect(pages).toBeGreaterThan(100);
    // -Xss: the checker's schema evaluation needs a deeper stack than Java's default.
    const run = spawnSync('java', ['-Xss4m', '-jar', VNU_JAR, '--format', 'json', '--errors-only', '--skip-non-html', DIST], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.error) throw new Error(`java could not start (is a JRE installed?): ${run.error.message}`);
    const report = JSON.parse(run.stderr) as { messages: VnuMessage[] };
    const problems = report.messages
      .filter((m) => m.type !== 'info')
      .map((m) => `${m.url ? relative(DIST, new URL(m.url).pathname) : '?'}:${m.lastLine ?? '?'}: ${m.message}${m.extract ? ` (${m.extract.trim().slice(0, 80)})` : ''}`);
    expect(problems).toEqual([]);
  });

  it('reports markup after </html> (the check can fail)', { timeout: 60_000 }, () => {
    const file = join(process.env.TMPDIR ?? '/tmp', `qn-vnu-${process.pid}.html`);
    const html = '<!doctype html><html lang="de"><head><title>x</title></head><body><h1>x</h1></body></html><script>1</script>';
    writeFileSync(file, html);
    const run = spawnSync('java', ['-Xss4m', '-jar', VNU_JAR, '--format', 'json', '--errors-only', file], { encoding: 'utf8' });
    rmSync(file);
    const messages = (JSON.parse(run.stderr) as { messages: VnuMessage[] }).messages;
    expect(messages.some((m) => m.type === 'error' && /Stray start tag “script”/.test(m.message))).toBe(true);
  });
});
