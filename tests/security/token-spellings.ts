/**
 * Other spellings of a signed link that a lenient decoder reads as the same bytes: the
 * unused low bits of a base64url part's last character, padding, whitespace around it
 * and percent-encoded whitespace in a query string. Shared by the regression tests and
 * the generated hostile suite.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The other characters that decode like the last one (same high bits). */
export function lastCharTwins(part: string): string[] {
  const unusedBits = (part.length * 6) % 8;
  if (unusedBits === 0) return [];
  const index = ALPHABET.indexOf(part.at(-1)!);
  const base = index & ~((1 << unusedBits) - 1);
  const twins: string[] = [];
  for (let low = 0; low < 1 << unusedBits; low++) if (base + low !== index) twins.push(part.slice(0, -1) + ALPHABET[base + low]);
  return twins;
}

/** Spellings of `token` whose bytes equal the original's. */
export function byteEqualSpellings(token: string): string[] {
  const [payload, signature] = token.split('.');
  return [
    ...lastCharTwins(signature).map((s) => `${payload}.${s}`),
    ...lastCharTwins(payload).map((p) => `${p}.${signature}`),
    `${payload}.${signature}=`,
    `${payload}=.${signature}`,
  ];
}

/** Spellings that only differ by whitespace the reader might trim. */
export function whitespaceSpellings(token: string): string[] {
  return [` ${token}`, `${token} `, `${token}\n`, `\t${token}\r\n`];
}
