/**
 * `npm run check` against a fixture with one deliberate mistake per file: every mistake
 * is named with file and field, nothing else is reported, the exit code is 1; the
 * sample content passes with exit 0.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeScaledProject, removeProject } from '../../scripts/lib/generate-offers.ts';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/load-content.ts';
import { formatProblem } from '../../src/schema/problems.ts';

const FIXTURE = resolve('tests/fixtures/invalid-content');
const NODE = resolve('node_modules/.bin/node');
const CHECK = resolve('scripts/check.ts');

/** [file, field or undefined, a fragment of the German message] */
const EXPECTED: Array<[string, string | undefined, string]> = [
  ['content/offers/missing-title.md', 'title', 'Pflichtfeld fehlt'],
  ['content/offers/wrong-type.md', 'cost.free', 'ja oder nein'],
  ['content/offers/unknown-provider.md', 'provider', 'Organisation `kai-ev` gibt es nicht. Wählen Sie eine vorhandene Organisation.'],
  ['content/offers/unknown-category.md', 'categories[1]', 'Thema `kochen` gibt es nicht'],
  ['content/offers/bad-date.md', 'starts_on', 'gibt es im Kalender nicht'],
  ['content/offers/ends-before-start.md', 'ends_on', 'vor dem Beginn'],
  ['content/offers/summary-too-long.md', 'summary', 'höchstens 200 Zeichen'],
  ['content/offers/no-location.md', 'location', 'Ort fehlt'],
  ['content/offers/unknown-field.md', 'titel', 'Unbekanntes Feld'],
  ['content/offers/bad-schedule.md', 'schedule[1].opens', 'HH:MM'],
  ['content/offers/slug-field.md', 'slug', 'nicht erlaubt'],
  ['content/offers/Bad_Name.md', undefined, 'Dateiname ist keine gültige Kennung'],
  ['content/offers/broken-yaml.md', undefined, 'YAML-Fehler in Zeile 4'],
  ['content/offers/missing-review.md', 'reviewed_at', 'Pflichtfeld fehlt'],
  ['content/meetings/missing-upload.md', 'documents[1].file', '/uploads/nicht-da.pdf'],
  // Uploads that could run script on the site's origin (issue 15): by link and by file.
  ['content/meetings/forbidden-upload.md', 'documents[1].file', 'Dateien vom Typ „.svg“ dürfen nicht hochgeladen werden: Erlaubt sind nur PDF, PNG, JPEG oder WebP.'],
  ['public/uploads/angriff.svg', undefined, 'Entfernen Sie diese Datei aus public/uploads/.'],
  ['public/uploads/getarnt.pdf', undefined, 'ist aber keine PDF-Datei'],
  ['content/meetings/bad-datetime.md', 'starts_at', 'mit Zeitzone'],
  ['content/taxonomies/categories.yml', '[2].slug', 'kommt mehrfach vor'],
  ['content/organisations/bad-email.md', 'email', 'Keine gültige E-Mail-Adresse'],
  ['content/organisations/bad-kind.md', 'kind', '„firma“ ist nicht erlaubt'],
  ['content/news/unknown-network.md', 'networks[1]', 'Netzwerk `netzwerk-x` gibt es nicht'],
  ['content/pages/impressum.md', undefined, 'Pflichtseite fehlt'],
];

describe('content check', () => {
  const { problems } = loadContent(FIXTURE);

  it.each(EXPECTED)('names %s, field %s', (file, field, fragment) => {
    const match = problems.find((p) => p.file === file && p.field === field);
    expect(match, `no problem for ${file} ${field ?? ''}; got:\n${problems.map(formatProblem).join('\n')}`).toBeDefined();
    expect(match!.message).toContain(fragment);
  });

  it('reports nothing beyond the deliberate mistakes (correct files stay silent)', () => {
    const expected = new Set(EXPECTED.map(([file, field]) => `${file}|${field}`));
    const unexpected = problems.filter((p) => !expected.has(`${p.file}|${p.field}`));
    expect(unexpected.map(formatProblem)).toEqual([]);
    expect(problems.some((p) => p.file.includes('valid-offer') || p.file.includes('traeger-a') || p.file.includes('netzwerk-a'))).toBe(false);
  });

  it('the CLI prints every problem in German and exits 1', () => {
    const result = spawnSync(NODE, [CHECK], { cwd: FIXTURE, encoding: 'utf8' });
    expect(result.status).toBe(1);
    for (const [file] of EXPECTED) expect(result.stderr).toContain(file);
    expect(result.stderr).toContain(`${EXPECTED.length} Probleme gefunden`);
  });

  it('the sample content passes and the CLI exits 0', () => {
    const result = spawnSync(NODE, [CHECK], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Alles in Ordnung');
  });

  it('the build refuses invalid content with the same messages', () => {
    // A copy of the project whose content/ and public/ are the fixture's.
    const root = makeScaledProject(process.cwd(), 0);
    try {
      for (const dir of ['content', 'public']) {
        rmSync(join(root, dir), { recursive: true, force: true });
        cpSync(join(FIXTURE, dir), join(root, dir), { recursive: true });
      }
      // The fixture's uploads folder must exist in a fresh clone (git keeps no empty folders).
      expect(existsSync(join(root, 'public', 'uploads'))).toBe(true);
      const result = spawnSync(resolve('node_modules/.bin/astro'), ['build'], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
      });
      expect(result.status).not.toBe(0);
      const output = result.stdout + result.stderr;
      expect(output).toContain('die Website wird nicht gebaut');
      expect(output).toContain('content/offers/unknown-provider.md: Feld `provider`: Organisation `kai-ev` gibt es nicht.');
      expect(output).toContain('content/pages/impressum.md: Diese Pflichtseite fehlt.');
    } finally {
      removeProject(root);
    }
  });
});
