/**
 * The service worker (/sw.js). Not bundled by Vite: src/integrations/service-worker.ts
 * strips the types after the build and puts `QN_SW` in front, with the build's version and,
 * per interface language, what to precache (the finder, its search data, the offline page
 * and the files they load). The registering page names its language (`?lang=tr`).
 *
 * Rules, in the order residents need them:
 * - Online, fresh pages win: HTML and search data go to the network first, so a deploy
 *   never leaves anyone on stale offers; the cache is only the fallback.
 * - Offline, the finder still works (precached page and data), pages visited before open
 *   from the cache (at most MAX_PAGES, oldest dropped first), and anything else gets the
 *   friendly offline page in the visitor's language.
 * - /admin/ (Decap CMS) and the functions (/api/, /.netlify/) are never touched or cached.
 * - Caches carry the version; activation deletes every other version's caches.
 */

interface ServiceWorkerConfig {
  version: string;
  /** Site paths to precache, per interface language. */
  precache: Record<string, string[]>;
  /** The offline page per interface language. */
  offline: Record<string, string>;
  maxPages: number;
}

declare const QN_SW: ServiceWorkerConfig;

/** The parts of the worker scope this file uses (the DOM lib has no worker types). */
interface WorkerScope {
  location: Location;
  caches: CacheStorage;
  clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}

const worker = self as unknown as WorkerScope;
const PREFIX = 'qn-';
const lang = new URL(worker.location.href).searchParams.get('lang') ?? 'de';
const language = lang in QN_SW.precache ? lang : 'de';
const PRECACHE = `${PREFIX}precache-${QN_SW.version}-${language}`;
const PAGES = `${PREFIX}pages-${QN_SW.version}`;
const ASSETS = `${PREFIX}assets-${QN_SW.version}`;
const precached = new Set(QN_SW.precache[language]);
const NEVER = /^\/(admin|api|\.netlify)(\/|$)/;
const LANGUAGE_PREFIX = /^\/([a-z]{2})\//;

worker.addEventListener('install', (event) => {
  // `no-cache`: revalidated, so the precache holds this build's files; what the page has just
  // loaded comes back as a short "304 Not Modified" instead of a second download.
  event.waitUntil(
    caches
      .open(PRECACHE)
      .then((cache) => cache.addAll([...precached].map((path) => new Request(path, { cache: 'no-cache' }))))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  const keep = new Set([PRECACHE, PAGES, ASSETS]);
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith(PREFIX) && !keep.has(name)).map((name) => caches.delete(name))))
      .then(() => worker.clients.claim()),
  );
});

/** Keeps the runtime cache under its cap; the oldest entries go first. */
async function trim(cacheName: string, max: number): Promise<void> {
  const cache = await caches.open(cacheName);
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - max)).map((key) => cache.delete(key)));
}

/** Where a fresh copy of `path` is kept: the precache for its own files, else the runtime caches. */
function cacheFor(path: string, isPage: boolean): string {
  if (precached.has(path)) return PRECACHE;
  return isPage ? PAGES : ASSETS;
}

function offlinePage(path: string): string {
  const prefix = LANGUAGE_PREFIX.exec(path)?.[1];
  return QN_SW.offline[prefix && prefix in QN_SW.offline ? prefix : language] ?? QN_SW.offline.de;
}

async function store(path: string, response: Response, isPage: boolean): Promise<void> {
  const name = cacheFor(path, isPage);
  // The query is not part of a static page: `/angebote/?q=…` is kept as `/angebote/`.
  await caches.open(name).then((cache) => cache.put(path, response));
  if (name !== PRECACHE) await trim(name, QN_SW.maxPages);
}

async function networkFirst(event: FetchEvent, path: string, isPage: boolean): Promise<Response> {
  try {
    const response = await fetch(event.request);
    // Kept after answering: the visitor never waits for the cache.
    if (response.ok && response.type === 'basic') event.waitUntil(store(path, response.clone(), isPage));
    return response;
  } catch (error) {
    const cached = await caches.match(path);
    if (cached) return cached;
    if (isPage) {
      const offline = await caches.match(offlinePage(path));
      if (offline) return offline;
    }
    throw error;
  }
}

/** Hashed build files never change under their name: the cache answers first. */
async function cacheFirst(event: FetchEvent, path: string): Promise<Response> {
  const cached = await caches.match(path);
  if (cached) return cached;
  return networkFirst(event, path, false);
}

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin || NEVER.test(url.pathname)) return;
  const isPage = request.mode === 'navigate' || (request.headers.get('accept') ?? '').includes('text/html');
  if (url.pathname.startsWith('/_astro/')) event.respondWith(cacheFirst(event, url.pathname));
  else if (isPage || precached.has(url.pathname)) event.respondWith(networkFirst(event, url.pathname, isPage));
});
