/**
 * What the /admin/ page hands the CMS at build time: names for filters and previews,
 * the map settings, which taxonomy terms are in use, and the backend settings from the
 * build environment. Pure: the Astro page, the browser and the tests share it.
 */
import type { ContentSet } from '../../src/lib/load-content.ts';

export interface BackendSettings {
  /** Decap backend: `github` (default) or e.g. `git-gateway` for a gateway such as DecapBridge. */
  name: string;
  /** `owner/name` of the GitHub repository; without it only the local backend works. */
  repo?: string;
  branch: string;
  /** OAuth gateway: Netlify's by default, or another provider (e.g. DecapBridge). */
  baseUrl: string;
  authEndpoint: string;
  /** The site's domain as registered with the OAuth gateway, if it differs from the page's host. */
  siteDomain?: string;
  /** Editors without write access propose changes from a fork (GitHub accounts needed). */
  openAuthoring: boolean;
  /** Address of decap-server; defaults to Decap's own (http://localhost:8081/api/v1). */
  localBackendUrl?: string;
  /** Public address of the site, for "view live" links. */
  siteUrl?: string;
  /** Further backend options as the gateway's instructions give them (JSON object), merged last. */
  options: Record<string, unknown>;
  /** Set when the build variables cannot be used; the CMS shows it instead of starting. */
  problem?: string;
}

export interface CmsData {
  backend: BackendSettings;
  organisations: Array<{ id: string; name: string }>;
  networks: Array<{ id: string; title: string }>;
  categories: Array<{ slug: string; label: string }>;
  audiences: Array<{ slug: string; label: string }>;
  /** Slugs that offers use: removing one of these terms would break the build. */
  usedTerms: { categories: string[]; audiences: string[] };
  map: { center: { lat: number; lng: number }; zoom: number; tiles_url: string; attribution: string } | undefined;
  reviewIntervalMonths: number;
}

type Env = Record<string, string | boolean | undefined>;

/** Backend settings from the build environment (Netlify: Site settings → Environment variables). */
export function backendFromEnv(env: Env): BackendSettings {
  const text = (key: string) => {
    const value = env[key];
    return typeof value === 'string' && value.trim() ? value.trim() : undefined;
  };
  let options: Record<string, unknown> = {};
  let problem: string | undefined;
  const json = text('PUBLIC_CMS_BACKEND_OPTIONS');
  if (json) {
    try {
      const parsed: unknown = JSON.parse(json);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('kein Objekt');
      options = parsed as Record<string, unknown>;
    } catch (error) {
      problem = `PUBLIC_CMS_BACKEND_OPTIONS ist kein gültiges JSON-Objekt (${(error as Error).message}). Bitte in den Build-Einstellungen korrigieren.`;
    }
  }
  return {
    name: text('PUBLIC_CMS_BACKEND') ?? 'github',
    options,
    problem,
    repo: text('PUBLIC_CMS_REPO'),
    branch: text('PUBLIC_CMS_BRANCH') ?? 'main',
    baseUrl: text('PUBLIC_CMS_AUTH_BASE_URL') ?? 'https://api.netlify.com',
    authEndpoint: text('PUBLIC_CMS_AUTH_ENDPOINT') ?? 'auth',
    siteDomain: text('PUBLIC_CMS_SITE_DOMAIN'),
    openAuthoring: text('PUBLIC_CMS_OPEN_AUTHORING') === 'true',
    localBackendUrl: text('PUBLIC_CMS_LOCAL_BACKEND_URL'),
    siteUrl: text('URL') ?? text('PUBLIC_SITE_URL'),
  };
}

export function collectCmsData(content: ContentSet, backend: BackendSettings): CmsData {
  const sorted = <T>(list: T[], key: (item: T) => string) => [...list].sort((a, b) => key(a).localeCompare(key(b), 'de'));
  const offers = content.offers.map((o) => o.data);
  return {
    backend,
    organisations: sorted(
      content.organisations.map((o) => ({ id: o.id, name: o.data.short_name ?? o.data.name })),
      (o) => o.name,
    ),
    networks: content.networks.map((n) => ({ id: n.id, title: n.data.short_title ?? n.data.title })),
    categories: content.categories.map((c) => ({ slug: c.slug, label: c.label })),
    audiences: content.audiences.map((a) => ({ slug: a.slug, label: a.label })),
    usedTerms: {
      categories: [...new Set(offers.flatMap((o) => o.categories))].sort(),
      audiences: [...new Set(offers.flatMap((o) => o.audiences ?? []))].sort(),
    },
    map: content.settings?.map,
    reviewIntervalMonths: content.settings?.review_interval_months ?? 12,
  };
}

/** Origins the CMS talks to besides its own site: for the /admin/ Content-Security-Policy. */
export function connectOrigins(backend: BackendSettings): string[] {
  const origins = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value !== 'string' || !/^https?:\/\//.test(value)) return;
    try {
      origins.add(new URL(value).origin);
    } catch {
      // not a URL: nothing to allow
    }
  };
  if (backend.name === 'github') origins.add('https://api.github.com');
  // Options override the defaults, as they do in build-config.ts.
  add(backend.options.base_url ?? backend.baseUrl);
  for (const [key, value] of Object.entries(backend.options)) if (key !== 'base_url') add(value);
  add(backend.localBackendUrl ?? 'http://localhost:8081/api/v1');
  return [...origins];
}
