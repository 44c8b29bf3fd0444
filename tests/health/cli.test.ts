/** `npm run health` and `npm run report` as the office runs them: output in German, exit codes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TEST_NOW } from '../helpers/clock.ts';

const ROOT = resolve('.');
const run = (script: string, args: string[], cwd = ROOT) =>
  spawnSync(process.execPath, [join(ROOT, 'scripts', script), ...args], { cwd, encoding: 'utf8', env: { ...process.env, QN_NOW: TEST_NOW, NETLIFY_BLOBS_CONTEXT: '' } });

let broken = '';
beforeAll(() => {
  // A copy of the sample project without its imprint: the one thing here that stops the build.
  broken = mkdtempSync(join(tmpdir(), 'qn-health-'));
  cpSync(join(ROOT, 'content'), join(broken, 'content'), { recursive: true });
  symlinkSync(join(ROOT, 'src'), join(broken, 'src'));
  symlinkSync(join(ROOT, 'public'), join(broken, 'public'));
  unlinkSync(join(broken, 'content/pages/impressum.md'));
});
afterAll(() => rmSync(broken, { recursive: true, force: true }));

describe('npm run health', () => {
  it('lists findings with entry, why and what to do, and exits 0 with warnings only', () => {
    const result = run('health.ts', []);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Zustand der Website am 21. November 2026: 0 Fehler');
    expect(result.stdout).toContain('Protokolle fehlen (1)');
    expect(result.stdout).toContain('- Treffen „Treffen Netzwerk III – Wege in Beschäftigung“ (content/meetings/2026-10-20-netzwerk-beschaeftigung.md)');
    expect(result.stdout).toMatch(/\n {2}Warum: .+\n {2}Was tun: .+\n {2}Bearbeiten: .*\/admin\/#\/collections\/meetings\/entries\/2026-10-20-netzwerk-beschaeftigung/);
    expect(result.stdout).toContain('Für externe Links liegt noch kein Prüfergebnis vor');
  });

  it('exits 1 when a required page is missing', () => {
    const result = run('health.ts', [], broken);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('Pflichtseiten fehlen (1) – FEHLER');
    expect(result.stdout).toContain('Unter „Seiten“ eine Seite mit der Kennung „impressum“ anlegen.');
  });

  it('judges external links by a given link-check result, and prints JSON and Markdown', () => {
    const file = join(broken, 'links.json');
    const checkedAt = '2026-11-16T04:00:00.000Z';
    writeFileSync(file, JSON.stringify({ checkedAt, results: [{ url: 'https://www.example.org/wuddi', ok: false, status: 404, error: 'http', failures: 2, checkedAt }] }));
    const text = run('health.ts', ['--links', file]);
    expect(text.stdout).toContain('Externe Links gehen nicht (1)');
    expect(text.stdout).toContain('ging bei den letzten 2 Prüfungen nicht: die Seite gibt es nicht mehr (Fehler 404)');
    const json = JSON.parse(run('health.ts', ['--json', '--links', file]).stdout);
    expect(json.links).toEqual({ checkedAt, checked: 1, failed: 1 });
    expect(run('health.ts', ['--markdown']).stdout).toContain('### Protokolle fehlen (1)');
  });
});

describe('npm run report', () => {
  it('prints the report for a year with the year before', () => {
    const result = run('report.ts', ['2026']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Jahresbericht 2026 – Quartiersnetz Kinderhaus (Stand 21. November 2026)');
    expect(result.stdout).toMatch(/Alle Treffen\s+3 \/ 2\s+1 \/ 1/);
  });

  it('refuses something that is not a year', () => {
    const result = run('report.ts', ['zwanzig']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('„zwanzig“ ist kein Jahr. Aufruf: npm run report -- 2026');
  });
});
