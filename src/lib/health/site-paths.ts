/**
 * Which paths the built site will have, judged without building: the route files under
 * src/pages, their dynamic parameters filled from the content with the same rules the
 * pages use, and the files in public/. A dynamic route this table does not know accepts
 * any value, so a new page never causes a false alarm.
 */
import { berlinYear } from '../dates.ts';
import type { ContentSet } from '../load-content.ts';
import { isMeetingUpcoming, isOfferPublished } from '../publication.ts';

export interface SiteFiles {
  /** Route files relative to src/pages, e.g. `angebote/[offer].astro`. */
  routeFiles: readonly string[];
  /** Files relative to public/, e.g. `uploads/protokoll.pdf`. */
  publicFiles: readonly string[];
}

type ParamSource = (content: ContentSet, today: string, now: Date) => Iterable<string>;

const pastMeetings = (content: ContentSet, now: Date) => content.meetings.filter((m) => !isMeetingUpcoming(m.data, now));

/** Mirrors getStaticPaths of each dynamic page (keep in step when a page changes what it builds). */
const KNOWN_PARAMS: Record<string, ParamSource> = {
  '[page]': (c) => c.pages.map((e) => e.id),
  'angebote/[offer]': (c, today) => c.offers.filter((o) => isOfferPublished(o.data, today)).map((o) => o.id),
  'angebote/kategorie/[category]': (c) => c.categories.map((t) => t.slug),
  'angebote/fuer/[audience]': (c) => c.audiences.map((t) => t.slug),
  'aktuelles/[post]': (c) => c.news.map((e) => e.id),
  'netzwerke/[network]': (c) => c.networks.map((e) => e.id),
  'organisationen/[organisation]': (c) => c.organisations.map((e) => e.id),
  'archiv/[meeting]': (c) => c.meetings.map((e) => e.id),
  'archiv/netzwerk/[network]': (c) => c.networks.map((e) => e.id),
  'archiv/dokumente/[kind]': (c, _t, now) => pastMeetings(c, now).flatMap((m) => m.data.documents?.map((d) => d.kind) ?? []),
  'archiv/jahr/[year]': (c, _t, now) => pastMeetings(c, now).map((m) => String(berlinYear(m.data.starts_at))),
};

const PAGE_EXTENSIONS = /\.(astro|md|mdx|html)$/;
const ENDPOINT_EXTENSIONS = /\.(ts|js|mjs)$/;

/** Route file → path pattern (`angebote/[offer]` for pages, `admin/health.json` for endpoints). */
function routeOf(file: string): { route: string; page: boolean } | undefined {
  const normalised = file.replace(/\\/g, '/');
  if (normalised.split('/').some((part) => part.startsWith('_'))) return undefined;
  if (PAGE_EXTENSIONS.test(normalised)) return { route: normalised.replace(PAGE_EXTENSIONS, '').replace(/(^|\/)index$/, ''), page: true };
  if (ENDPOINT_EXTENSIONS.test(normalised) && !normalised.endsWith('.d.ts')) return { route: normalised.replace(ENDPOINT_EXTENSIONS, ''), page: false };
  return undefined;
}

export function normalisePath(path: string): string {
  let clean = path.split(/[?#]/)[0];
  try {
    clean = decodeURI(clean);
  } catch {
    // Keep it as written; a malformed escape simply will not match.
  }
  return clean.replace(/\/{2,}/g, '/');
}

export function buildPathIndex(files: SiteFiles, content: ContentSet, today: string, now: Date): (path: string) => boolean {
  const exact = new Set<string>();
  const patterns: RegExp[] = [];
  for (const file of files.publicFiles) exact.add(`/${file.replace(/\\/g, '/')}`);
  for (const file of files.routeFiles) {
    const parsed = routeOf(file);
    if (!parsed) continue;
    const { route, page } = parsed;
    const toPath = (r: string) => (page ? (r === '' ? '/' : `/${r}/`) : `/${r}`);
    if (!route.includes('[')) {
      exact.add(toPath(route));
      continue;
    }
    const source = KNOWN_PARAMS[route];
    const single = /\[([^\].]+)\]/.exec(route);
    if (source && single && (route.match(/\[/g) ?? []).length === 1) {
      for (const value of source(content, today, now)) exact.add(toPath(route.replace(single[0], value)));
      continue;
    }
    const regex = route
      .split(/(\[[^\]]+\])/)
      .map((part) => (part.startsWith('[...') ? '.*' : part.startsWith('[') ? '[^/]+' : part.replace(/[.*+?^${}()|\\]/g, '\\$&')))
      .join('');
    patterns.push(new RegExp(`^${page ? (regex === '' ? '/' : `/${regex}/`) : `/${regex}`}$`));
  }
  return (path: string) => {
    const clean = normalisePath(path);
    const candidates = /\.[a-z0-9]+$/i.test(clean) || clean.endsWith('/') ? [clean] : [clean, `${clean}/`];
    return candidates.some((c) => exact.has(c) || patterns.some((p) => p.test(c)));
  };
}
