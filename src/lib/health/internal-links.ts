/**
 * Links inside the site that lead nowhere: a page that was renamed, an offer that ended,
 * an upload that was never put in place. Residents hit a 404 page.
 */
import type { ContentSet } from '../load-content.ts';
import { isOfferPublished } from '../publication.ts';
import { collectLinks, siteOrigins, type LinkUse } from './link-inventory.ts';
import { internalPath } from './markdown-links.ts';
import { normalisePath } from './site-paths.ts';
import type { Finding, Rule } from './types.ts';

export function where(use: Pick<LinkUse, 'line' | 'field'>): string {
  if (use.field) return `im Feld „${use.field}“`;
  return use.line ? `im Text, Zeile ${use.line}` : 'im Text';
}

/** Organisations answer for their own entries and their offers; everything else is the office's. */
export function responsibleFor(content: ContentSet, use: Pick<LinkUse, 'entry'>): string | undefined {
  if (use.entry.collection === 'organisations') return use.entry.id;
  if (use.entry.collection === 'offers') return content.offers.find((o) => o.id === use.entry.id)?.data.provider;
  return undefined;
}

function explain(content: ContentSet, path: string, today: string): { why: string; todo: string } {
  const offer = /^\/angebote\/([a-z0-9-]+)\/?$/.exec(path);
  const entry = offer && content.offers.find((o) => o.id === offer[1]);
  if (entry && !isOfferPublished(entry.data, today)) {
    return {
      why: entry.data.draft ? `das Angebot „${entry.data.title}“ ist ein Entwurf und nicht veröffentlicht` : `das Angebot „${entry.data.title}“ ist ausgelaufen und nicht mehr auf der Website`,
      todo: 'Den Link entfernen oder auf ein laufendes Angebot ändern.',
    };
  }
  if (path.startsWith('/uploads/')) {
    return { why: 'diese Datei gibt es nicht unter „Medien“', todo: 'Die Datei hochladen oder den Pfad im Link korrigieren (Groß- und Kleinschreibung beachten).' };
  }
  return { why: 'diese Seite gibt es auf der Website nicht', todo: 'Den Link auf die richtige Adresse ändern oder entfernen. Tipp: die Seite im Browser öffnen und die Adresse kopieren.' };
}

export const internalLinks: Rule = ({ content, today, now, pathExists }) => {
  if (!pathExists) return [];
  const origins = siteOrigins(content);
  const findings: Finding[] = [];
  for (const use of collectLinks(content, today, now)) {
    const path = internalPath(use.url, origins);
    if (path === undefined || pathExists(path)) continue;
    const { why, todo } = explain(content, normalisePath(path), today);
    findings.push({
      rule: 'internal-link-broken',
      severity: 'warning',
      entry: use.entry,
      why: `Der Link auf „${use.url}“ (${where(use)}) führt ins Leere: ${why}.`,
      todo,
      responsible: responsibleFor(content, use),
    });
  }
  return findings;
};
