/**
 * The one place that asks what time it is. `QN_NOW` (ISO date-time) fixes the clock for
 * tests and for reproducing a build of a given day.
 */
export function now(): Date {
  const fixed = process.env.QN_NOW;
  if (fixed) {
    const date = new Date(fixed);
    if (Number.isNaN(date.getTime())) throw new Error(`QN_NOW ist kein gültiger Zeitpunkt: ${fixed}`);
    return date;
  }
  return new Date();
}
