/**
 * Checks external links politely: one request at a time per host, a few hosts in
 * parallel, a short timeout, HEAD first and GET only when HEAD is refused (many servers
 * answer HEAD with 403/404/405 although the page is fine). Redirects are followed by
 * hand so each hop can be reported. Never throws: every URL gets a result.
 *
 * Every hop goes only to public addresses (public-address.ts): checked after DNS
 * resolution, with the connection pinned to the checked addresses. Plain node:http(s)
 * instead of fetch, because only there the lookup can be replaced.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LinkReport, LinkResult } from '../../../src/lib/health/types.ts';
import { guardedLookup, isPublicAddress, literalAddressAllowed, type AddressFilter } from './public-address.ts';

export interface CheckOptions {
  /** Hosts checked at the same time. */
  concurrency?: number;
  /** Per request (each hop, each method). */
  timeoutMs?: number;
  maxRedirects?: number;
  userAgent?: string;
  /** The previous report: a link failing again counts its failures up. */
  previous?: LinkReport;
  now?: () => Date;
  /**
   * Which resolved addresses may be contacted. Default: public unicast only. Tests that
   * check links on a loopback server widen it; production never does.
   */
  allowAddress?: AddressFilter;
  /**
   * Time budget for the whole run in ms. Scheduled functions on Netlify stop after 30 s,
   * so a run checks the links with the oldest result first and keeps the previous result
   * for the ones it did not reach; the next run continues with those.
   */
  budgetMs?: number;
  /** Links whose previous result is younger than this are kept, not checked again. */
  freshForMs?: number;
}

type Hop = { status: number; location?: string } | { error: string };

const REDIRECT = new Set([301, 302, 303, 307, 308]);

export function classifyError(error: unknown): string {
  const e = error as { name?: string; cause?: { code?: string; name?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError' || e?.cause?.name === 'TimeoutError') return 'timeout';
  const code = e?.cause?.code ?? (error as { code?: string })?.code;
  if (code === 'ENONPUBLIC') return 'non-public';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return 'dns';
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'ETIMEDOUT') return 'timeout';
  return 'network';
}

type RequestSettings = Required<Pick<CheckOptions, 'timeoutMs' | 'userAgent' | 'allowAddress'>>;

function request(url: string, method: 'HEAD' | 'GET', options: RequestSettings): Promise<Hop> {
  const target = new URL(url);
  if (!literalAddressAllowed(target.hostname, options.allowAddress)) return Promise.resolve({ error: 'non-public' });
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = send(
      target,
      {
        method,
        headers: { 'user-agent': options.userAgent, accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
        lookup: guardedLookup(options.allowAddress) as never,
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (response) => {
        // The body is not needed; destroying frees the connection at once.
        resolve({ status: response.statusCode ?? 0, location: response.headers.location });
        response.destroy();
      },
    );
    req.on('error', (error) => resolve({ error: classifyError(error) }));
    req.end();
  });
}

/** Follows redirects with one method; returns the final hop and the hops taken. */
async function follow(url: string, method: 'HEAD' | 'GET', options: RequestSettings & { maxRedirects: number }) {
  const redirects: NonNullable<LinkResult['redirects']> = [];
  const seen = new Set([url]);
  let current = url;
  for (;;) {
    const hop = await request(current, method, options);
    if ('error' in hop || !REDIRECT.has(hop.status) || !hop.location) return { hop, redirects, finalUrl: current };
    let next: string;
    try {
      next = new URL(hop.location, current).href;
    } catch {
      return { hop: { error: 'network' } as Hop, redirects, finalUrl: current };
    }
    redirects.push({ from: current, to: next, status: hop.status });
    if (seen.has(next) || redirects.length > options.maxRedirects) return { hop: { error: 'too-many-redirects' } as Hop, redirects, finalUrl: next };
    seen.add(next);
    current = next;
  }
}

export async function checkLink(url: string, options: CheckOptions = {}): Promise<Omit<LinkResult, 'failures' | 'checkedAt'>> {
  const settings = {
    timeoutMs: options.timeoutMs ?? 10_000,
    maxRedirects: options.maxRedirects ?? 5,
    userAgent: options.userAgent ?? 'Quartiersnetz-Linkpruefung/1.0',
    allowAddress: options.allowAddress ?? isPublicAddress,
  };
  if (!/^https?:\/\//i.test(url)) return { url, ok: false, error: 'network' };
  let attempt = await follow(url, 'HEAD', settings);
  const headFailedByStatus = !('error' in attempt.hop) && attempt.hop.status >= 400;
  // A server that rejects HEAD often serves GET fine; timeouts, refusals and unknown
  // domains would only fail again, so they are not asked twice.
  if (headFailedByStatus || ('error' in attempt.hop && attempt.hop.error === 'network')) attempt = await follow(url, 'GET', settings);
  const { hop, redirects, finalUrl } = attempt;
  const result: Omit<LinkResult, 'failures' | 'checkedAt'> = { url, ok: false };
  if (redirects.length) {
    result.redirects = redirects;
    result.finalUrl = finalUrl;
  }
  if ('error' in hop) return { ...result, error: hop.error };
  result.status = hop.status;
  if (hop.status >= 200 && hop.status < 400) return { ...result, ok: true };
  return { ...result, error: 'http' };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export async function checkLinks(urls: readonly string[], options: CheckOptions = {}): Promise<LinkReport> {
  const now = options.now ?? (() => new Date());
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 10_000;
  const previous = new Map(options.previous?.results.map((r) => [r.url, r]) ?? []);
  const lastChecked = (url: string) => previous.get(url)?.checkedAt ?? '';
  // Never checked first, then the oldest result: an interrupted run is completed by the next.
  const fresh = (url: string) => {
    const at = previous.get(url)?.checkedAt;
    return options.freshForMs !== undefined && at !== undefined && now().getTime() - Date.parse(at) < options.freshForMs;
  };
  const ordered = [...new Set(urls)].filter((url) => !fresh(url)).sort((a, b) => lastChecked(a).localeCompare(lastChecked(b)) || a.localeCompare(b));
  const byHost = new Map<string, string[]>();
  for (const url of ordered) {
    const host = hostOf(url);
    byHost.set(host, [...(byHost.get(host) ?? []), url]);
  }
  const queue = [...byHost.values()];
  const results = new Map<string, LinkResult>();
  // A check can take up to two methods times the hops; start one only if it can finish.
  const canStart = () => options.budgetMs === undefined || Date.now() - started + 2 * timeoutMs <= options.budgetMs;
  const worker = async () => {
    for (let group = queue.shift(); group; group = queue.shift()) {
      for (const url of group) {
        if (!canStart()) return;
        const result = await checkLink(url, options);
        const before = previous.get(url);
        const failures = result.ok ? 0 : (before && !before.ok ? (before.failures ?? 1) : 0) + 1;
        results.set(url, { ...result, failures, checkedAt: now().toISOString() });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  const unchecked = ordered.filter((url) => !results.has(url));
  for (const url of new Set(urls)) {
    const before = previous.get(url);
    if (!results.has(url) && before) results.set(url, before);
  }
  const report: LinkReport = { checkedAt: now().toISOString(), results: [...results.values()].sort((a, b) => a.url.localeCompare(b.url)) };
  if (unchecked.length) report.unchecked = unchecked;
  return report;
}
