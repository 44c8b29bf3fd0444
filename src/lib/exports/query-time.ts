/**
 * Reads a point in time a client sends in a query (HSDS `modified_after`, OParl
 * `modified_since` …): ISO 8601 with an offset or `Z`, or a bare date (midnight UTC).
 * A `+` sent unencoded arrives as a space (form decoding); it is taken back, since
 * `2026-01-31T00:00:00+01:00` is what people paste.
 */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}))?$/;

export function parseQueryInstant(raw: string): number | undefined {
  const value = raw.trim().replace(/ (\d{2}:?\d{2})$/, '+$1');
  if (!DATE_TIME.test(value)) return undefined;
  const time = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(time) ? undefined : time;
}
