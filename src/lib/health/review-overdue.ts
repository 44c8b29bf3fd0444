/**
 * Organisations and offers must be confirmed within `review_interval_months`: an entry
 * nobody has looked at for a year is the first to be wrong (moved office, new hours).
 */
import { addMonths, formatDate } from '../dates.ts';
import { refOf } from './entries.ts';
import type { Finding, Rule } from './types.ts';

export const reviewOverdue: Rule = ({ content, today }) => {
  const months = content.settings?.review_interval_months ?? 12;
  const findings: Finding[] = [];
  const check = (due: string, reviewed: string, make: (why: string) => Finding) => {
    if (due >= today) return;
    findings.push(make(`Zuletzt bestätigt am ${formatDate(reviewed)}; nach ${months} Monaten (seit ${formatDate(due)}) gilt der Eintrag als veraltet.`));
  };
  for (const org of content.organisations) {
    const due = addMonths(org.data.reviewed_at, months);
    check(due, org.data.reviewed_at, (why) => ({
      rule: 'review-overdue',
      severity: 'warning',
      entry: refOf('organisations', org),
      why,
      todo: 'Adresse, Telefon, Ansprechstellen und Beschreibung prüfen, Fehler korrigieren und „Zuletzt geprüft am“ auf heute setzen.',
      responsible: org.id,
      date: due,
    }));
  }
  for (const offer of content.offers) {
    // Drafts are not on the site, and an ended offer has its own finding.
    if (offer.data.draft || (offer.data.ends_on && offer.data.ends_on < today)) continue;
    const due = addMonths(offer.data.reviewed_at, months);
    check(due, offer.data.reviewed_at, (why) => ({
      rule: 'review-overdue',
      severity: 'warning',
      entry: refOf('offers', offer),
      why,
      todo: 'Zeiten, Ort, Kosten und Kontakt prüfen, Fehler korrigieren und „Zuletzt geprüft am“ auf heute setzen. Gibt es das Angebot nicht mehr, ein Enddatum eintragen.',
      responsible: offer.data.provider,
      date: due,
    }));
  }
  return findings;
};
