/**
 * Decap's list filters match a field against a regular expression. To show "not confirmed
 * for N months" we need a pattern for "a YYYY-MM-DD date before the cut-off", built here
 * digit by digit (strings of equal length compare like numbers).
 */

/** Alternatives matching digit strings of the same length that are smaller than `digits`. */
function smallerThan(digits: string): string[] {
  const options: string[] = [];
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[i]);
    if (d === 0) continue;
    const rest = digits.length - i - 1;
    options.push(`${digits.slice(0, i)}${d === 1 ? '0' : `[0-${d - 1}]`}${rest ? `\\d{${rest}}` : ''}`);
  }
  return options;
}

const group = (options: string[]) => (options.length ? `(?:${options.join('|')})` : '(?!)');

/** A pattern that matches `YYYY-MM-DD` dates strictly before `cutoff` (also `YYYY-MM-DD`). */
export function datesBeforePattern(cutoff: string): string {
  const [year, month, day] = cutoff.split('-');
  return [`^${group(smallerThan(year))}-`, `^${year}-${group(smallerThan(month))}-`, `^${year}-${month}-${group(smallerThan(day))}$`].join('|');
}

