/** Dates as residents read them: always in Europe/Berlin, whatever zone the server runs in. */
import { dateTimeFormat } from './intl.ts';

export const TIME_ZONE = 'Europe/Berlin';

// Made on first use, not when the module loads: the finder's script imports this module, and
// a formatter with a time zone took a phone's main thread ~35 ms before the first paint
// (Lighthouse, 4× CPU slowdown; issue 14).
let partsFormatter: Intl.DateTimeFormat | undefined;

/** The calendar date (`YYYY-MM-DD`) of an instant in Berlin. */
export function berlinDate(instant: Date): string {
  partsFormatter ??= new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
  return partsFormatter.format(instant);
}

/** Weekday of an instant in Berlin as the schema's day code. */
export function berlinWeekday(instant: Date): 'mo' | 'tu' | 'we' | 'th' | 'fr' | 'sa' | 'su' {
  const name = dateTimeFormat('en-GB', { timeZone: TIME_ZONE, weekday: 'short' }).format(instant).toLowerCase();
  return name.slice(0, 2) as 'mo' | 'tu' | 'we' | 'th' | 'fr' | 'sa' | 'su';
}

/** `HH:MM` of an instant in Berlin. */
export function berlinClock(instant: Date): string {
  return dateTimeFormat('de-DE', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}

// A build formats the same few hundred days on thousands of pages in six languages.
const formattedDates = new Map<string, string>();

export function formatDate(isoDate: string, locale = 'de-DE'): string {
  const key = `${locale}\u0000${isoDate}`;
  let text = formattedDates.get(key);
  if (text === undefined) {
    // A bare date is a calendar day: format it at noon UTC so no zone shifts the day.
    text = dateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${isoDate}T12:00:00Z`));
    formattedDates.set(key, text);
  }
  return text;
}

export function formatDateTime(isoDateTime: string, locale = 'de-DE'): string {
  return dateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(isoDateTime));
}

export function formatTime(isoDateTime: string, locale = 'de-DE'): string {
  return dateTimeFormat(locale, { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' }).format(new Date(isoDateTime));
}

export function berlinYear(isoDateTime: string): number {
  return Number(berlinDate(new Date(isoDateTime)).slice(0, 4));
}

/** Adds whole months to a calendar date (`2026-01-31` + 1 → `2026-02-28`). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
