/**
 * A fresh district from content-template/: it passes the content check, builds, and the
 * health report lists exactly the placeholders still to fill (and nothing else to do).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { copyProject, type ProjectCopy } from '../helpers/project-copy.ts';
import { TEST_NOW } from '../helpers/clock.ts';

const ROOT = resolve('.');
const run = (cwd: string, script: string, args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'scripts', script), ...args], { cwd, encoding: 'utf8', env: { ...process.env, QN_NOW: TEST_NOW, NETLIFY_BLOBS_CONTEXT: '' } });

/** What the template leaves to fill in, file by file (written down here, not read from the template). */
const EXPECTED: Record<string, string[]> = {
  'content/settings/site.yml': ['Name der Website, z. B. Quartiersnetz Musterviertel', 'Stadtteil', 'Stadt', 'Name des Sozialbüros', 'Straße und Hausnummer', 'Ort', 'Absendername der Mails'],
  'content/networks/netzwerk.md': ['Name des Netzwerks', 'In ein, zwei Sätzen: wer arbeitet hier zusammen, und wofür?', 'Für wen das Netzwerk arbeitet'],
  'content/pages/impressum.md': ['Name und Anschrift der verantwortlichen Stelle', 'vertretungsberechtigte Person bzw. Funktion', 'Funktion der verantwortlichen Person', 'Name und Anschrift des Hosting-Dienstleisters'],
  'content/pages/datenschutz.md': [
    'Name und Anschrift der verantwortlichen Stelle',
    'Kontaktdaten der oder des Datenschutzbeauftragten',
    'Hosting-Dienstleister und E-Mail-Dienst mit Anschrift und Rechtsgrundlage der Übermittlung – vor Veröffentlichung zu prüfen',
    'zuständige Aufsichtsbehörde mit Anschrift',
  ],
  'content/pages/barrierefreiheit.md': ['Name der verantwortlichen Stelle', 'bekannte Barrieren oder „keine bekannt“', 'Frist, z. B. zwei Wochen', 'Anschrift der zuständigen Schlichtungs- oder Ombudsstelle'],
  'content/pages/leichte-sprache.md': ['Name des Sozialbüros in Leichter Sprache erklärt'],
};

describe('npm run new-district', () => {
  let copy: ProjectCopy;
  beforeAll(() => {
    copy = copyProject('qn-district-');
  });
  afterAll(() => copy.remove());

  it('refuses to replace existing content without --replace', () => {
    const result = run(copy.root, 'new-district.ts', ['--root', copy.root]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('npm run new-district -- --replace');
    expect(readdirSync(join(copy.root, 'content/offers')).length).toBeGreaterThan(10);
  });

  it('starts clean: check passes, the site builds, and health lists exactly the placeholders', () => {
    const made = run(copy.root, 'new-district.ts', ['--root', copy.root, '--replace']);
    expect(made.status, made.stderr).toBe(0);
    expect(readdirSync(join(copy.root, 'public/uploads'))).toEqual(['.gitkeep']);
    expect(run(copy.root, 'check.ts', []).status).toBe(0);

    const build = spawnSync(join(ROOT, 'node_modules/.bin/astro'), ['build', '--silent'], {
      cwd: copy.root,
      encoding: 'utf8',
      env: { ...process.env, QN_NOW: TEST_NOW, ASTRO_TELEMETRY_DISABLED: '1' },
      timeout: 300_000,
    });
    expect(build.status, build.stderr).toBe(0);
    expect(existsSync(join(copy.root, 'dist/impressum/index.html'))).toBe(true);

    const health = run(copy.root, 'health.ts', ['--json']);
    const report = JSON.parse(health.stdout) as { findings: { rule: string; severity: string; entry: { file: string }; why: string }[] };
    const placeholders = report.findings.filter((f) => f.rule === 'placeholder');
    // why: `Noch 3 Platzhalter: „a“; „b“; „c“.`
    const listed = Object.fromEntries(placeholders.map((f) => [f.entry.file, f.why.slice(f.why.indexOf('„') + 1, -2).split('“; „')]));
    expect(listed).toEqual(EXPECTED);
    // Nothing else waits for the office in a fresh district.
    expect(report.findings.filter((f) => f.rule !== 'placeholder' && f.severity !== 'info')).toEqual([]);
  }, 320_000);
});
