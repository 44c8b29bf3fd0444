/** Weekly opening times: formatting for people and "open now" for the finder. */
import type { ScheduleSlot } from '../schema/index.ts';
import { DAYS, type Day } from '../schema/common.ts';

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

/** "Di und Do, 09:00–11:30 Uhr" */
export function formatSlot(slot: ScheduleSlot, style: 'short' | 'long' = 'long'): string {
  const names = sortDays(slot.days).map((d) => DAY_NAMES_DE[d][style]);
  const days = names.length > 1 ? `${names.slice(0, -1).join(', ')} und ${names.at(-1)}` : names[0];
  return `${days}, ${slot.opens}–${slot.closes} Uhr`;
}

/** Is any slot open on `day` at `clock` (`HH:MM`)? Closing time itself counts as closed. */
export function isOpenAt(schedule: readonly ScheduleSlot[] | undefined, day: Day, clock: string): boolean {
  return (schedule ?? []).some((slot) => slot.days.includes(day) && slot.opens <= clock && clock < slot.closes);
}
