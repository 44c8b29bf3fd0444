/**
 * Every link the published site carries, with the entry it sits in: Markdown bodies of
 * all collections, organisations' websites and online meeting rooms of upcoming
 * meetings (rooms of past meetings are closed on purpose). The link check, the broken
 * link rules and the digest all read this one list.
 */
import type { ContentSet } from '../load-content.ts';
import { isMeetingUpcoming, isOfferPublished } from '../publication.ts';
import { refOf } from './entries.ts';
import { findLinks, isExternal } from './markdown-links.ts';
import type { EntryRef } from './types.ts';

export interface LinkUse {
  url: string;
  entry: EntryRef;
  /** Line within the Markdown body (what the CMS's text editor shows), for body links. */
  line?: number;
  /** Front-matter field the link comes from. */
  field?: string;
}

export function siteOrigins(content: ContentSet): string[] {
  const url = content.settings?.website_url;
  if (!url) return [];
  try {
    return [new URL(url).origin];
  } catch {
    return [];
  }
}

export function collectLinks(content: ContentSet, today: string, now: Date): LinkUse[] {
  const uses: LinkUse[] = [];
  const fromBody = (entry: EntryRef, body: string) => {
    for (const link of findLinks(body)) uses.push({ url: link.url, entry, line: link.line });
  };
  for (const e of content.networks) fromBody(refOf('networks', e), e.body);
  for (const e of content.organisations) {
    const ref = refOf('organisations', e);
    if (e.data.website) uses.push({ url: e.data.website, entry: ref, field: 'website' });
    fromBody(ref, e.body);
  }
  for (const e of content.offers) {
    if (!isOfferPublished(e.data, today)) continue;
    fromBody(refOf('offers', e), e.body);
  }
  for (const e of content.meetings) {
    const ref = refOf('meetings', e);
    const room = e.data.location?.online_url;
    if (room && isMeetingUpcoming(e.data, now)) uses.push({ url: room, entry: ref, field: 'location.online_url' });
    fromBody(ref, e.body);
  }
  for (const e of content.news) fromBody(refOf('news', e), e.body);
  for (const e of content.pages) fromBody(refOf('pages', e), e.body);
  return uses;
}

/** The distinct external addresses to check, sorted so runs are comparable. */
export function externalUrls(content: ContentSet, today: string, now: Date): string[] {
  const origins = siteOrigins(content);
  return [...new Set(collectLinks(content, today, now).map((u) => u.url).filter((url) => isExternal(url, origins)))].sort();
}
