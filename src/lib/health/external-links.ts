/**
 * External links the last weekly check could not open, and addresses that moved for
 * good (301/308). The result comes from functions/link-check.ts via Netlify Blobs; the
 * uses come from the build, so the functions can judge fresh results without content.
 */
import type { ContentSet } from '../load-content.ts';
import { collectLinks, siteOrigins, type LinkUse } from './link-inventory.ts';
import { isExternal } from './markdown-links.ts';
import { responsibleFor, where } from './internal-links.ts';
import type { Finding, LinkReport, LinkResult } from './types.ts';

/** An external link in an entry, with who answers for it: what the build hands to the functions. */
export interface ExternalLinkUse extends LinkUse {
  responsible?: string;
}

export function externalLinkUses(content: ContentSet, today: string, now: Date): ExternalLinkUse[] {
  const origins = siteOrigins(content);
  return collectLinks(content, today, now)
    .filter((use) => isExternal(use.url, origins))
    .map((use) => {
      const responsible = responsibleFor(content, use);
      return responsible ? { ...use, responsible } : use;
    });
}

export function describeFailure(result: LinkResult): string {
  switch (result.error) {
    case 'timeout':
      return 'die Seite hat nicht rechtzeitig geantwortet';
    case 'refused':
      return 'der Server hat die Verbindung abgelehnt';
    case 'dns':
      return 'die Adresse (Domain) gibt es nicht mehr';
    case 'too-many-redirects':
      return 'die Seite leitet endlos weiter';
    case 'non-public':
      return 'der Link (oder eine Weiterleitung) zeigt auf eine interne, nicht öffentliche Adresse; aus Sicherheitsgründen rufen wir ihn nicht auf';
    case 'http':
      if (result.status === 404 || result.status === 410) return `die Seite gibt es nicht mehr (Fehler ${result.status})`;
      if (result.status && result.status >= 500) return `der Server meldet einen Fehler (${result.status})`;
      return `der Server verweigert die Seite (Fehler ${result.status ?? 'unbekannt'})`;
    default:
      return 'die Seite war nicht erreichbar';
  }
}

const PERMANENT = new Set([301, 308]);

export function linkFindings(uses: readonly ExternalLinkUse[], links: LinkReport): Finding[] {
  const byUrl = new Map(links.results.map((r) => [r.url, r]));
  const findings: Finding[] = [];
  for (const use of uses) {
    const result = byUrl.get(use.url);
    if (!result) continue;
    const responsible = use.responsible ? { responsible: use.responsible } : {};
    if (!result.ok) {
      const times = result.failures && result.failures > 1 ? `bei den letzten ${result.failures} Prüfungen` : 'bei der letzten Prüfung';
      findings.push({
        rule: 'external-link-failed',
        severity: 'warning',
        entry: use.entry,
        why: `Der Link „${use.url}“ (${where(use)}) ging ${times} nicht: ${describeFailure(result)}.`,
        todo: 'Die Adresse im Browser prüfen; die neue Adresse der Seite eintragen oder den Link entfernen.',
        ...responsible,
        date: result.checkedAt.slice(0, 10),
      });
    } else if (result.finalUrl && result.finalUrl !== use.url && result.redirects?.some((r) => PERMANENT.has(r.status))) {
      findings.push({
        rule: 'external-link-redirected',
        severity: 'info',
        entry: use.entry,
        why: `Der Link „${use.url}“ (${where(use)}) leitet dauerhaft weiter auf „${result.finalUrl}“.`,
        todo: 'Die neue Adresse eintragen, damit der Link auch dann noch geht, wenn die Weiterleitung wegfällt.',
        ...responsible,
      });
    }
  }
  return findings;
}
