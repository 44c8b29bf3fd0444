/**
 * `npm run import` as an office with a spreadsheet runs it: CSV from Excel (Windows-1252,
 * semicolons, umlauts), every bad row named by its spreadsheet row and column, all or
 * nothing, then files that pass `npm run check` and appear in the build. Plus another
 * directory's HSDS 3.0 export, and the sample files the guide uses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { copyProject, type ProjectCopy } from '../helpers/project-copy.ts';
import { TEST_NOW } from '../helpers/clock.ts';
import { loadContent } from '../../src/lib/load-content.ts';

const ROOT = resolve('.');
const run = (cwd: string, script: string, args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'scripts', script), ...args], { cwd, encoding: 'utf8', env: { ...process.env, QN_NOW: TEST_NOW } });
const offerFiles = (root: string) => readdirSync(join(root, 'content/offers')).sort();

/** Windows-1252 as Excel writes it: Latin-1 plus € at 0x80. */
function windows1252(text: string): Buffer {
  return Buffer.from([...text].map((char) => (char === '€' ? 0x80 : char.charCodeAt(0) < 256 ? char.charCodeAt(0) : 0x3f)));
}

const HEADER = 'Titel;Kurzbeschreibung;Anbieter;Themen;Zielgruppen;Sprachen;Kostenlos;Kosten;Straße;PLZ;Ort;Zeiten;Kontakt;Kontakt E-Mail';

/** Sixty realistic rows for one provider; `broken` decides which rows carry a mistake. */
function sixtyRows(provider: string, broken: boolean): string {
  const rows = [HEADER];
  for (let i = 1; i <= 60; i++) {
    const topic = broken && i === 17 ? 'Yoga für Anfänger' : i % 2 ? 'Sprache' : 'Beratung, Bildung';
    const email = broken && i === 42 ? 'kontakt(at)example.org' : `kurs${i}@example.org`;
    rows.push(
      [`Gesprächskreis Müßiggang Nr. ${i}`, `Treffen für Nachbarinnen und Nachbarn, Übung im Gespräch – Gruppe ${i}.`, provider, topic, 'Zugewanderte', 'Deutsch, Türkisch', i % 3 ? 'ja' : 'nein', i % 3 ? '' : '3 € pro Treffen', 'Große Straße 5', '48159', 'Münster', 'Mo, Mi 9-11', 'Kursleitung', email].join(';'),
    );
  }
  return `${rows.join('\r\n')}\r\n`;
}

describe('npm run import -- offers (spreadsheet)', () => {
  let copy: ProjectCopy;
  let provider = '';
  beforeAll(() => {
    copy = copyProject('qn-import-');
    provider = loadContent(copy.root).content.organisations[0].data.name;
  });
  afterAll(() => copy.remove());

  it('names the two bad rows of a 60-row Windows-1252 file by row and column and writes nothing', () => {
    const before = offerFiles(copy.root);
    writeFileSync(join(copy.root, 'angebote.csv'), windows1252(sixtyRows(provider, true)));
    const result = run(copy.root, 'import.ts', ['offers', 'angebote.csv']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('60 Zeilen (Windows-1252, getrennt durch „;“)');
    const named = result.stderr.split('\n').filter((line) => line.startsWith('- Zeile'));
    expect(named).toHaveLength(2);
    expect(named[0]).toMatch(/^- Zeile 18, Spalte „Themen“: Das Thema „Yoga für Anfänger“ gibt es nicht\. Erlaubt sind: Sprache, /);
    expect(named[1]).toMatch(/^- Zeile 43, Spalte „Kontakt E-Mail“: /);
    expect(result.stderr).toContain('deshalb wurde nichts geschrieben');
    expect(offerFiles(copy.root)).toEqual(before);
  });

  it('after the two rows are fixed writes 60 valid files with umlauts intact, and the build shows them', () => {
    const before = offerFiles(copy.root);
    writeFileSync(join(copy.root, 'angebote.csv'), windows1252(sixtyRows(provider, false)));
    const result = run(copy.root, 'import.ts', ['offers', 'angebote.csv']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const added = offerFiles(copy.root).filter((f) => !before.includes(f));
    expect(added).toHaveLength(60);
    expect(added).toContain('gespraechskreis-muessiggang-nr-17.md');
    const file = readFileSync(join(copy.root, 'content/offers/gespraechskreis-muessiggang-nr-3.md'), 'utf8');
    expect(file).toContain('title: Gesprächskreis Müßiggang Nr. 3');
    expect(file).toContain('note: 3 € pro Treffen');
    expect(file).toContain('opens: "09:00"');
    expect(run(copy.root, 'check.ts', []).status).toBe(0);

    const build = spawnSync(join(ROOT, 'node_modules/.bin/astro'), ['build', '--silent'], {
      cwd: copy.root,
      encoding: 'utf8',
      env: { ...process.env, QN_NOW: TEST_NOW, QN_LANGUAGES: 'de', ASTRO_TELEMETRY_DISABLED: '1' },
      timeout: 400_000,
    });
    expect(build.status, build.stderr).toBe(0);
    for (const name of added) expect(existsSync(join(copy.root, 'dist/angebote', name.replace(/\.md$/, ''), 'index.html'))).toBe(true);
  }, 420_000);

  it('refuses an existing entry without --update, and --update keeps what the file does not carry', () => {
    const target = join(copy.root, 'content/offers/gespraechskreis-muessiggang-nr-1.md');
    writeFileSync(target, readFileSync(target, 'utf8').replace('reviewed_at:', 'translations:\n  en:\n    title: Conversation circle\n    machine_translated: true\nreviewed_at:'));
    const csv = `${HEADER}\r\nGesprächskreis Müßiggang Nr. 1;Neue Kurzbeschreibung für die Gruppe.;${provider};Sprache;;Deutsch;ja;;Große Straße 7;48159;Münster;Fr 10-12;Kursleitung;kurs1@example.org\r\n`;
    writeFileSync(join(copy.root, 'update.csv'), csv);
    const refused = run(copy.root, 'import.ts', ['offers', 'update.csv']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Zeile 2, Spalte „Titel“: content/offers/gespraechskreis-muessiggang-nr-1.md gibt es schon. Zum Aktualisieren mit --update importieren');
    const updated = run(copy.root, 'import.ts', ['offers', 'update.csv', '--update']);
    expect(updated.status).toBe(0);
    const file = readFileSync(target, 'utf8');
    expect(file).toContain('Neue Kurzbeschreibung');
    expect(file).toContain('street: Große Straße 7');
    expect(file).toContain('title: Conversation circle');
  });

  it('--skip-invalid writes the valid rows and lists the rest', () => {
    const csv = `${HEADER}\r\nSchachtreff;Schach für alle Generationen im Stadtteil.;${provider};Begegnung;;Deutsch;ja;;Große Straße 5;48159;Münster;Do 17-19;;\r\nKaputter Kurs;Ohne Ort und mit falscher PLZ.;${provider};Begegnung;;Deutsch;vielleicht;;Große Straße 5;4815;Münster;;;\r\n`;
    writeFileSync(join(copy.root, 'skip.csv'), csv);
    const result = run(copy.root, 'import.ts', ['offers', 'skip.csv', '--skip-invalid']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('content/offers/schachtreff.md');
    expect(result.stderr).toContain('Zeile 3, Spalte „Kostenlos“: „vielleicht“ ist weder ja noch nein.');
    expect(result.stderr).toContain('Zeile 3, Spalte „PLZ“: Bitte eine fünfstellige Postleitzahl angeben.');
    expect(existsSync(join(copy.root, 'content/offers/kaputter-kurs.md'))).toBe(false);
  });

  it('names an unknown column in row 1 and writes nothing', () => {
    writeFileSync(join(copy.root, 'unknown.csv'), 'Titel,Lieblingsfarbe\nEtwas,blau\n');
    const result = run(copy.root, 'import.ts', ['offers', 'unknown.csv']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Zeile 1: Spalte „Lieblingsfarbe“ ist unbekannt');
  });
});

describe('the guide\'s sample files and an HSDS export', () => {
  let copy: ProjectCopy;
  beforeAll(() => {
    copy = copyProject('qn-import-docs-');
  });
  afterAll(() => copy.remove());

  it('imports docs/import/organisationen.csv and then docs/import/angebote.csv into this repository', () => {
    const orgs = run(copy.root, 'import.ts', ['organisations', 'docs/import/organisationen.csv']);
    expect(orgs.status, orgs.stderr).toBe(0);
    expect(orgs.stdout).toContain('Organisationen: 2 neu');
    const offers = run(copy.root, 'import.ts', ['offers', 'docs/import/angebote.csv']);
    expect(offers.status, offers.stderr).toBe(0);
    expect(offers.stdout).toContain('Angebote: 3 neu');
    expect(run(copy.root, 'check.ts', []).status).toBe(0);
  });

  it('reads another directory\'s HSDS 3.0 services with their organisations; a service with no known topic is named and nothing is written', () => {
    const service = (id: string, name: string, term: string) => ({
      id,
      organization_id: 'org-1',
      name,
      description: 'Offene Sprechstunde für alle Fragen rund um Anträge, Briefe und Formulare. Ohne Termin, vertraulich und kostenlos.',
      fees_description: 'kostenlos',
      languages: [{ code: 'de' }, { code: 'tr' }],
      attributes: [{ taxonomy_term: { name: term } }],
      schedules: [{ byday: 'MO,TH', opens_at: '10:00', closes_at: '12:00' }],
      service_at_locations: [{ location: { name: 'Stadtteilhaus', addresses: [{ address_1: 'Marktplatz 1', postal_code: '48143', city: 'Münster' }] } }],
      organization: { id: 'org-1', name: 'Stadtteilhaus Musterviertel', description: 'Treffpunkt und Beratung im Musterviertel.' },
    });
    const bad = [service('s-1', 'Antragssprechstunde', 'Beratung'), service('s-2', 'Kreativwerkstatt', 'Töpfern')];
    writeFileSync(join(copy.root, 'bad.json'), JSON.stringify(bad));
    const refused = run(copy.root, 'import.ts', ['hsds', 'bad.json']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Eintrag 2, Spalte „service.attributes“: Das Thema „Töpfern“ gibt es nicht.');
    expect(existsSync(join(copy.root, 'content/organisations/stadtteilhaus-musterviertel.md'))).toBe(false);

    writeFileSync(join(copy.root, 'good.json'), JSON.stringify({ contents: [bad[0]] }));
    const result = run(copy.root, 'import.ts', ['hsds', 'good.json']);
    expect(result.status, result.stderr).toBe(0);
    const offer = readFileSync(join(copy.root, 'content/offers/antragssprechstunde.md'), 'utf8');
    expect(offer).toContain('provider: stadtteilhaus-musterviertel');
    expect(offer).toContain('- th');
    expect(offer).toContain('free: true');
    expect(run(copy.root, 'check.ts', []).status).toBe(0);
  });
});
