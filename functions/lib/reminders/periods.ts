/** Reminder periods as the office counts them: calendar months and ISO weeks in Münster. */
import { berlinDate } from '../../../src/lib/dates.ts';

/** `2026-11` */
export function monthKey(now: Date): string {
  return berlinDate(now).slice(0, 7);
}

/** ISO 8601 week of the Berlin calendar day, e.g. `2026-W47`. */
export function weekKey(now: Date): string {
  const [y, m, d] = berlinDate(now).split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  const weekday = date.getUTCDay() || 7;
  // The Thursday of this week decides the week-year.
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
