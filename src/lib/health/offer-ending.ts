/**
 * Offers near or past their `ends_on`. An ended offer is already hidden by the build;
 * the office decides whether it runs again (new dates) or can be deleted.
 */
import { addDays, formatDate } from '../dates.ts';
import { refOf } from './entries.ts';
import type { Finding, Rule } from './types.ts';

export const offerEndingSoon: Rule = ({ content, today }, options) => {
  const limit = addDays(today, options.endingSoonDays);
  const findings: Finding[] = [];
  for (const offer of content.offers) {
    const end = offer.data.ends_on;
    if (offer.data.draft || !end || end < today || end > limit) continue;
    findings.push({
      rule: 'offer-ending-soon',
      severity: 'info',
      entry: refOf('offers', offer),
      why: `Endet am ${formatDate(end)} und verschwindet am Tag danach von der Website.`,
      todo: 'Läuft das Angebot weiter oder gibt es einen Folgetermin? Dann „Endet am“ verschieben oder ein neues Angebot anlegen. Sonst ist nichts zu tun.',
      responsible: offer.data.provider,
      date: end,
    });
  }
  return findings;
};

export const offerEnded: Rule = ({ content, today }) => {
  const findings: Finding[] = [];
  for (const offer of content.offers) {
    const end = offer.data.ends_on;
    if (offer.data.draft || !end || end >= today) continue;
    findings.push({
      rule: 'offer-ended',
      severity: 'info',
      entry: refOf('offers', offer),
      why: `Ist am ${formatDate(end)} ausgelaufen und wird auf der Website nicht mehr gezeigt.`,
      todo: 'Findet es wieder statt, neue Daten eintragen. Sonst den Eintrag löschen, damit die Liste übersichtlich bleibt.',
      responsible: offer.data.provider,
      date: end,
    });
  }
  return findings;
};
