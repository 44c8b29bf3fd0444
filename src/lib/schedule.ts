/** Weekly opening times: formatting for people and "open now" for the finder. */
import type { ScheduleSlot } from '../schema/index.ts';
import { DAYS, type Day } from '../schema/common.ts';
import { dateTimeFormat, listFormat } from './intl.ts';

export const DAY_NAMES_DE: Record<Day, { short: string; long: string }> = {
  mo: { short: 'Mo', long: 'Montag' },
  tu: { short: 'Di', long: 'Dienstag' },
  we: { short: 'Mi', long: 'Mittwoch' },
  th: { short: 'Do', long: 'Donnerstag' },
  fr: { short: 'Fr', long: 'Freitag' },
  sa: { short: 'Sa', long: 'Samstag' },
  su: { short: 'So', long: 'Sonntag' },
};

export function sortDays(days: readonly Day[]): Day[] {
  return [...new Set(days)].sort((a, b) => DAYS.indexOf(a) - DAYS.indexOf(b));
}

const dayNames = new Map<string, string>();

/** A weekday's name in `locale`; German from the fixed table above (its forms are the site's). */
export function dayName(day: Day, style: 'short' | 'long' = 'long', locale = 'de-DE'): string {
  if (locale.startsWith('de')) return DAY_NAMES_DE[day][style];
  // Every opening time on every list page asks: 7 days × 2 styles per language.
  const key = `${locale}\u0000${style}\u0000${day}`;
  let name = dayNames.get(key);
  if (name === undefined) {
    // 2026-01-05 was a Monday; DAYS runs Monday to Sunday.
    const date = new Date(Date.UTC(2026, 0, 5 + DAYS.indexOf(day)));
    name = dateTimeFormat(locale, { weekday: style, timeZone: 'UTC' }).format(date);
    dayNames.set(key, name);
  }
  return name;
}

/** "Di und Do, 09:00–11:30 Uhr"; other locales list the days in their own words. */
export function formatSlot(slot: ScheduleSlot, style: 'short' | 'long' = 'long', locale = 'de-DE'): string {
  const names = sortDays(slot.days).map((d) => dayName(d, style, locale));
  if (!locale.startsWith('de')) {
    return `${listFormat(locale, { type: 'conjunction', style: 'long' }).format(names)}, ${slot.opens}–${slot.closes}`;
  }
  const days = names.length > 1 ? `${names.slice(0, -1).join(', ')} und ${names.at(-1)}` : names[0];
  return `${days}, ${slot.opens}–${slot.closes} Uhr`;
}

/** Is any slot open on `day` at `clock` (`HH:MM`)? Closing time itself counts as closed. */
export function isOpenAt(schedule: readonly ScheduleSlot[] | undefined, day: Day, clock: string): boolean {
  return (schedule ?? []).some((slot) => slot.days.includes(day) && slot.opens <= clock && clock < slot.closes);
}
