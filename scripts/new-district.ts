/**
 * `npm run new-district -- --replace`: turns a fork of this project into a clean start for
 * another district. Replaces content/ with content-template/ (settings, one network, the four
 * required pages), keeps content/taxonomies/ (topics and audiences with their translations) and
 * empties public/uploads/. Everything still to fill
 * in is marked "[Platzhalter: …]"; `npm run health` lists each one until it is replaced.
 * Without --replace it refuses to touch a content/ that already has entries.
 * `--root <dir>` works on another copy of the project (tests).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const rootIndex = args.indexOf('--root');
const root = resolve(rootIndex >= 0 ? args[rootIndex + 1] : '.');
const template = join(root, 'content-template');
const content = join(root, 'content');
const uploads = join(root, 'public', 'uploads');

if (!existsSync(template)) {
  console.error(`content-template/ fehlt in ${root}. Bitte aus dem Quartiersnetz-Repository holen.`);
  process.exit(1);
}
const entries = existsSync(content)
  ? readdirSync(content, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && /\.(md|yml)$/.test(e.name)).length
  : 0;
if (entries > 0 && !args.includes('--replace')) {
  console.error(
    `content/ enthält schon ${entries} Dateien (die Inhalte dieses Stadtteils). Für einen neuen Stadtteil werden sie ersetzt: npm run new-district -- --replace\n(Die bisherigen Inhalte bleiben in der Git-Geschichte erhalten.)`,
  );
  process.exit(1);
}

// The topics and audiences are not district-specific: they stay (with their translations).
const taxonomies = join(content, 'taxonomies');
if (!existsSync(taxonomies)) {
  console.error('content/taxonomies/ fehlt: Themen und Zielgruppen werden aus dem bisherigen Inhalt übernommen. Bitte aus dem Quartiersnetz-Repository holen.');
  process.exit(1);
}
const keep = mkdtempSync(join(tmpdir(), 'qn-taxonomies-'));
cpSync(taxonomies, keep, { recursive: true });
rmSync(content, { recursive: true, force: true });
cpSync(template, content, { recursive: true });
cpSync(keep, join(content, 'taxonomies'), { recursive: true });
rmSync(keep, { recursive: true, force: true });
rmSync(uploads, { recursive: true, force: true });
mkdirSync(uploads, { recursive: true });
writeFileSync(join(uploads, '.gitkeep'), '');
console.log(`Neuer Stadtteil angelegt: content/ aus content-template/, public/uploads/ geleert.
Nächste Schritte (docs/einrichtung.md):
  1. content/settings/site.yml ausfüllen (Name, Sozialbüro, Kartenmitte).
  2. Netzwerke und die vier Pflichtseiten unter content/ anpassen.
  3. npm run health zeigt jeden Platzhalter, der noch fehlt.
  4. Organisationen und Angebote übernehmen: npm run import -- organisations <datei.csv>`);
