/**
 * One representative URL per page type of the built site, derived from dist/ so that
 * sections other issues add (contact, newsletter, open data, health pages …) are picked
 * up without editing this file: a page no rule knows becomes its own type, named by its
 * folder and depth (`daten`, `daten/*`).
 *
 * `missingTypes()` names the types the sources promise (a route file exists, and for a
 * dynamic route its collection has entries) but dist/ lacks: tests fail loudly on them.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadContent } from '../../src/lib/load-content.ts';
import { DIST } from './dist.ts';
import { LANGUAGES } from '../../src/i18n/languages.ts';

export interface PageSample {
  type: string;
  /** Request path, e.g. `/angebote/deutschkurs-a1/`. */
  path: string;
  /** Interface language of the page: German at the root, others under `/<code>/`. */
  lang: string;
}

const PREFIXED = new Set<string>(LANGUAGES.map((l) => l.code).filter((code) => code !== 'de'));
const RTL = new Set<string>(LANGUAGES.filter((l) => l.dir === 'rtl').map((l) => l.code));

/**
 * Translated interfaces share the German templates: every language gets the pages with the
 * most interface text, right-to-left languages (mirrored layout) a few more. Keeps the
 * a11y run near two minutes.
 */
const CORE_TYPES = new Set(['home', 'finder', 'offer', 'contact']);
const RTL_TYPES = new Set([...CORE_TYPES, 'organisation', 'network', 'newsletter', 'news-post', 'meeting', 'not-found']);

export function isRightToLeft(lang: string): boolean {
  return RTL.has(lang);
}

/** `tr/angebote/x/index.html` → `{ lang: 'tr', rest: 'angebote/x/index.html' }`. */
export function splitLanguage(file: string): { lang: string; rest: string } {
  const [first, ...rest] = file.split('/');
  if (PREFIXED.has(first) && rest.length) return { lang: first, rest: rest.join('/') };
  return { lang: 'de', rest: file };
}

interface Rule {
  type: string;
  pattern: RegExp;
  /** Route files (any of them) in src/pages that produce this type. */
  routes?: string[];
  /** Collection that must have entries for the type to be expected. */
  collection?: 'offers' | 'organisations' | 'networks' | 'meetings' | 'news' | 'categories' | 'audiences';
}

const RULES: Rule[] = [
  { type: 'home', pattern: /^index\.html$/, routes: ['index.astro'] },
  { type: 'not-found', pattern: /^404\.html$/, routes: ['404.astro'] },
  { type: 'finder', pattern: /^angebote\/index\.html$/, routes: ['angebote/index.astro'] },
  { type: 'offer-category', pattern: /^angebote\/kategorie\/[^/]+\/index\.html$/, routes: ['angebote/kategorie/[category].astro'], collection: 'categories' },
  { type: 'offer-audience', pattern: /^angebote\/fuer\/[^/]+\/index\.html$/, routes: ['angebote/fuer/[audience].astro'], collection: 'audiences' },
  { type: 'offer', pattern: /^angebote\/[^/]+\/index\.html$/, routes: ['angebote/[offer].astro'], collection: 'offers' },
  { type: 'networks', pattern: /^netzwerke\/index\.html$/, routes: ['netzwerke/index.astro'] },
  { type: 'network', pattern: /^netzwerke\/[^/]+\/index\.html$/, routes: ['netzwerke/[network].astro'], collection: 'networks' },
  { type: 'organisations', pattern: /^organisationen\/index\.html$/, routes: ['organisationen/index.astro'] },
  { type: 'organisation', pattern: /^organisationen\/[^/]+\/index\.html$/, routes: ['organisationen/[organisation].astro'], collection: 'organisations' },
  { type: 'meetings', pattern: /^termine\/index\.html$/, routes: ['termine/index.astro'] },
  { type: 'archive', pattern: /^archiv\/index\.html$/, routes: ['archiv/index.astro'] },
  { type: 'archive-network', pattern: /^archiv\/netzwerk\/[^/]+\/index\.html$/, routes: ['archiv/netzwerk/[network].astro'], collection: 'networks' },
  { type: 'archive-year', pattern: /^archiv\/jahr\/[^/]+\/index\.html$/, routes: ['archiv/jahr/[year].astro'], collection: 'meetings' },
  { type: 'archive-documents', pattern: /^archiv\/dokumente\/[^/]+\/index\.html$/, routes: ['archiv/dokumente/[kind].astro'] },
  { type: 'meeting', pattern: /^archiv\/[^/]+\/index\.html$/, routes: ['archiv/[meeting].astro'], collection: 'meetings' },
  { type: 'news', pattern: /^aktuelles\/index\.html$/, routes: ['aktuelles/index.astro'] },
  { type: 'news-post', pattern: /^aktuelles\/[^/]+\/index\.html$/, routes: ['aktuelles/[post].astro'], collection: 'news' },
  { type: 'contact', pattern: /^kontakt\/index\.html$/, routes: ['kontakt/index.astro', 'kontakt.astro'] },
  { type: 'newsletter', pattern: /^newsletter\/index\.html$/, routes: ['newsletter/index.astro', 'newsletter.astro'] },
  { type: 'data', pattern: /^daten\/index\.html$/, routes: ['daten/index.astro', 'daten.astro'] },
  { type: 'health', pattern: /^admin\/zustand\/index\.html$/, routes: ['admin/zustand/index.astro', 'admin/zustand.astro'] },
  { type: 'yearly-reports', pattern: /^admin\/jahresbericht\/index\.html$/, routes: ['admin/jahresbericht/index.astro'] },
  { type: 'yearly-report', pattern: /^admin\/jahresbericht\/[^/]+\/index\.html$/, routes: ['admin/jahresbericht/[year].astro'], collection: 'meetings' },
  // Decap CMS itself: its interface is Decap's, not the site's (see the a11y test).
  { type: 'cms', pattern: /^admin\/index\.html$/, routes: ['admin/index.astro'] },
];

function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.html')) out.push(relative(dir, path).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

function toPath(file: string): string {
  if (file === 'index.html') return '/';
  if (file.endsWith('/index.html')) return `/${file.slice(0, -'index.html'.length)}`;
  return `/${file}`;
}

function contentPageIds(): string[] {
  return loadContent().content.pages.map((page) => page.id).sort();
}

/**
 * The generic type of a page no rule knows. A folder with a few subfolders holds different
 * tools (`admin/zustand`, `admin/jahresbericht`): each is its own type. A folder with many
 * is a collection (`veranstaltungen/<slug>`): its entries share one type (`veranstaltungen/*`).
 */
const FEW_SUBFOLDERS = 3;

function genericType(file: string, siblings: Map<string, number>): string {
  const parts = file.split('/').slice(0, -1);
  if (parts.length === 0) return file.replace(/\.html$/, '');
  const key: string[] = [parts[0]];
  for (let i = 1; i < parts.length; i++) {
    const parent = parts.slice(0, i).join('/');
    key.push((siblings.get(parent) ?? 0) <= FEW_SUBFOLDERS && !key.includes('*') ? parts[i] : '*');
  }
  return key.join('/');
}

/** Number of subfolders holding pages, per folder. */
function subfolderCounts(files: string[]): Map<string, number> {
  const children = new Map<string, Set<string>>();
  for (const file of files) {
    const parts = file.split('/').slice(0, -1);
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      if (!children.has(parent)) children.set(parent, new Set());
      children.get(parent)?.add(parts[i]);
    }
  }
  return new Map([...children].map(([parent, set]) => [parent, set.size]));
}

export function classify(file: string, pageIds: string[], siblings: Map<string, number> = new Map()): string {
  for (const rule of RULES) if (rule.pattern.test(file)) return rule.type;
  const page = /^([^/]+)\/index\.html$/.exec(file);
  if (page && pageIds.includes(page[1])) return `page:${page[1]}`;
  return genericType(file, siblings);
}

/**
 * One sample per page type (the first in path order, so runs are repeatable) and
 * language; pages in other interface languages are typed `<lang>:<type>`.
 */
export function pageSamples(dist = DIST): PageSample[] {
  const pageIds = contentPageIds();
  const samples = new Map<string, PageSample>();
  const files = htmlFiles(dist);
  const german = files.filter((file) => splitLanguage(file).lang === 'de');
  const siblings = subfolderCounts(german);
  for (const file of files) {
    const { lang, rest } = splitLanguage(file);
    const base = classify(rest, pageIds, siblings);
    if (lang !== 'de' && !(RTL.has(lang) ? RTL_TYPES : CORE_TYPES).has(base)) continue;
    const type = lang === 'de' ? base : `${lang}:${base}`;
    if (!samples.has(type)) samples.set(type, { type, path: toPath(file), lang });
  }
  return [...samples.values()];
}

/** Types the sources promise but dist/ does not hold. */
export function missingTypes(samples: PageSample[], root = process.cwd()): string[] {
  // Translated pages are the multilingual issue's to promise; German ones are checked here.
  const have = new Set(samples.filter((s) => s.lang === 'de').map((s) => s.type));
  const { content } = loadContent(root);
  const counts: Record<string, number> = {
    offers: content.offers.length,
    organisations: content.organisations.length,
    networks: content.networks.length,
    meetings: content.meetings.length,
    news: content.news.length,
    categories: content.categories.length,
    audiences: content.audiences.length,
  };
  const missing: string[] = [];
  for (const rule of RULES) {
    if (!rule.routes?.some((route) => existsSync(join(root, 'src/pages', route)))) continue;
    if (rule.collection && !counts[rule.collection]) continue;
    if (!have.has(rule.type)) missing.push(rule.type);
  }
  for (const id of content.pages.map((p) => p.id)) if (!have.has(`page:${id}`)) missing.push(`page:${id}`);
  return missing;
}

/** True when the sources have a route for `type` (so its absence in dist/ is a failure). */
export function routeExists(type: string, root = process.cwd()): boolean {
  const rule = RULES.find((r) => r.type === type);
  return Boolean(rule?.routes?.some((route) => existsSync(join(root, 'src/pages', route))));
}
