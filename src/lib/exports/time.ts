/**
 * Instants written the way the exports need them: ISO 8601 with the Berlin offset of
 * that very day (OParl, feeds, JSON-LD) or the Berlin wall clock (iCalendar `TZID`).
 */
import { TIME_ZONE } from '../dates.ts';

const wallClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The Berlin wall-clock reading of an instant. */
export function berlinWallClock(instant: Date): WallClock {
  const parts = Object.fromEntries(wallClock.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Minutes east of UTC in Berlin at that instant (60 in winter, 120 in summer). */
export function berlinOffsetMinutes(instant: Date): number {
  const w = berlinWallClock(instant);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `+01:00` / `+02:00` */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `2026-03-04T17:00:00+01:00`: the instant as read in Berlin, with that day's offset. */
export function berlinIso(instant: Date): string {
  const w = berlinWallClock(instant);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${formatOffset(berlinOffsetMinutes(instant))}`;
}

/**
 * The first instant whose Berlin wall clock reads `wall`. For the hour that does not
 * exist in spring it returns the instant one hour later; callers compare round trips.
 */
export function instantFromBerlinWallClock(wall: WallClock): Date {
  const guess = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  // Try the larger offset first: in the autumn overlap that is the earlier instant.
  for (const offset of [120, 60]) {
    const candidate = new Date(guess - offset * 60_000);
    if (berlinOffsetMinutes(candidate) === offset) return candidate;
  }
  return new Date(guess - 60 * 60_000);
}

/**
 * Whether a Berlin wall-clock reading names exactly one instant. It does not in the hour
 * skipped in March (none) and the hour repeated in October (two).
 */
export function isUniqueBerlinWallClock(wall: WallClock): boolean {
  const guess = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return [120, 60].filter((offset) => berlinOffsetMinutes(new Date(guess - offset * 60_000)) === offset).length === 1;
}

/** Midnight at the start of a calendar day (`YYYY-MM-DD`) in Berlin. */
export function berlinStartOfDay(isoDate: string): Date {
  const [year, month, day] = isoDate.split('-').map(Number);
  return instantFromBerlinWallClock({ year, month, day, hour: 0, minute: 0, second: 0 });
}
