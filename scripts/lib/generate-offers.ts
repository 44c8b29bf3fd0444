/**
 * Generated offers for benchmarks and scale tests: deterministic (seeded), varied over
 * every field, referencing the real organisations, networks and taxonomies of a
 * content folder so that the result passes `npm run check`.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadContent } from '../../src/lib/load-content.ts';
import { seededRandom } from './seeded-random.ts';

const TOPICS = [
  ['Deutschkurs', 'Deutsch lernen in kleinen Gruppen mit erfahrenen Lehrkräften.'],
  ['Bewerbungstraining', 'Lebenslauf, Anschreiben und Vorstellungsgespräch üben.'],
  ['Sprachcafé', 'Ins Gespräch kommen und Deutsch im Alltag sprechen.'],
  ['Schuldnerberatung', 'Vertrauliche Hilfe bei Schulden und Mahnungen.'],
  ['Hausaufgabenhilfe', 'Unterstützung bei den Hausaufgaben nach der Schule.'],
  ['Elterncafé', 'Austausch für Eltern mit Kinderbetreuung.'],
  ['Computerkurs', 'Erste Schritte am Computer und im Internet.'],
  ['Ausbildungsberatung', 'Welche Ausbildung passt zu mir? Beratung und Begleitung.'],
  ['Migrationsberatung', 'Beratung zu Aufenthalt, Arbeit und Anerkennung.'],
  ['Nähwerkstatt', 'Nähen lernen und eine Qualifizierung beginnen.'],
  ['Jobbörse', 'Offene Stellen aus dem Stadtteil und Hilfe bei der Bewerbung.'],
  ['Frauentreff', 'Begegnung, Beratung und Kurse für Frauen.'],
];
const PLACES = ['Sprickmannstraße', 'Idenbrockplatz', 'Kristiansandstraße', 'Brüningheide', 'Grevener Straße', 'Am Burloh'];
const LANGS = ['de', 'tr', 'ar', 'ru', 'uk', 'en', 'pl', 'fa', 'ku', 'bg', 'ro'];
const DAYS = ['mo', 'tu', 'we', 'th', 'fr', 'sa'] as const;

export interface GeneratedOffer {
  id: string;
  text: string;
}

export function generateOffers(count: number, refs: { organisations: string[]; networks: string[]; categories: string[]; audiences: string[] }, seed = 42): GeneratedOffer[] {
  const random = seededRandom(seed);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const some = <T,>(list: readonly T[], max: number) => [...new Set(Array.from({ length: 1 + Math.floor(random() * max) }, () => pick(list)))];
  const offers: GeneratedOffer[] = [];
  for (let i = 0; i < count; i++) {
    const [topic, blurb] = pick(TOPICS);
    const place = pick(PLACES);
    const online = random() < 0.08;
    const opens = 8 + Math.floor(random() * 9);
    const data: Record<string, unknown> = {
      title: `${topic} ${place} ${i + 1}`,
      summary: `${blurb} Gruppe ${i + 1} in ${place}.`,
      provider: pick(refs.organisations),
      networks: some(refs.networks, 2),
      categories: some(refs.categories, 2),
      audiences: random() < 0.3 ? [] : some(refs.audiences, 2),
      languages: ['de', ...some(LANGS, 2).filter((l) => l !== 'de')],
      cost: random() < 0.7 ? { free: true } : { free: false, note: `${1 + Math.floor(random() * 20)} € pro Termin` },
      online,
      ...(online
        ? {}
        : {
            location: {
              name: `Treffpunkt ${place}`,
              street: `${place} ${1 + Math.floor(random() * 80)}`,
              postal_code: '48159',
              city: 'Münster',
              geo: { lat: Number((51.995 + random() * 0.017).toFixed(5)), lng: Number((7.6 + random() * 0.035).toFixed(5)) },
            },
          }),
      schedule: [{ days: some(DAYS, 2), opens: `${String(opens).padStart(2, '0')}:00`, closes: `${String(opens + 2).padStart(2, '0')}:00` }],
      childcare: random() < 0.25,
      accessibility: { wheelchair: random() < 0.6 },
      keywords: some(['Lebenslauf', 'Anschreiben', 'Job', 'Kita', 'Deutsch', 'Beratung', 'Ausbildung', 'Hilfe'], 3),
      reviewed_at: `2026-${String(1 + Math.floor(random() * 10)).padStart(2, '0')}-15`,
    };
    const body = `${blurb}\n\nDieses Angebot wurde für Last- und Skalierungstests erzeugt (Nummer ${i + 1}).\n`;
    offers.push({ id: `generiert-${String(i + 1).padStart(5, '0')}`, text: `---\n${stringify(data)}---\n${body}` });
  }
  return offers;
}

/** The slugs generated offers may reference: the organisations, networks and taxonomies under `root`. */
export function contentRefs(root: string) {
  const { content } = loadContent(root);
  return {
    organisations: content.organisations.map((o) => o.id),
    networks: content.networks.map((n) => n.id),
    categories: content.categories.map((c) => c.slug),
    audiences: content.audiences.map((a) => a.slug),
  };
}

/**
 * A throwaway copy of the project (sources, content, public; node_modules linked) with
 * `count` generated offers added. Returns its root; call `rmSync(root, { recursive: true })` after.
 */
export function makeScaledProject(projectRoot: string, count: number, seed = 42): string {
  const root = mkdtempSync(join(tmpdir(), `qn-scale-${count}-`));
  for (const item of ['src', 'content', 'public', 'functions', 'admin', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
    try {
      cpSync(join(projectRoot, item), join(root, item), { recursive: true });
    } catch {
      // Optional folders (functions/, admin/) may not exist yet.
    }
  }
  symlinkSync(join(projectRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  const refs = contentRefs(projectRoot);
  const dir = join(root, 'content', 'offers');
  mkdirSync(dir, { recursive: true });
  for (const offer of generateOffers(count, refs, seed)) writeFileSync(join(dir, `${offer.id}.md`), offer.text);
  return root;
}

export function removeProject(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

export function countFiles(dir: string): number {
  return readdirSync(dir).length;
}
