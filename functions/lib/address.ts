/**
 * Email addresses that can be mailed, for the contact form and the newsletter alike.
 * The value is checked after Unicode normalisation (NFC): control and format characters
 * (NUL, line breaks, bidi overrides such as U+202E, zero-width characters) are refused,
 * and so is anything NFKC would change (full-width "ａ", ligatures, superscripts), because
 * such look-alikes show one address and deliver to another or to none. What remains must
 * be a plain ASCII address: one @, a dotted domain, at most 254 characters (RFC 5321).
 */
import { EMAIL_MAX } from '../../src/forms/contact.ts';

export type AddressProblem = 'missing' | 'characters' | 'confusable' | 'invalid';

export type AddressCheck = { ok: true; email: string } | { ok: false; problem: AddressProblem };

const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
export { EMAIL_MAX };

/** Checks `raw` (surrounding spaces are allowed and dropped); the address keeps its case. */
export function checkAddress(raw: string): AddressCheck {
  // Before trimming: a trailing line break or byte order mark is refused, not silently dropped.
  if (CONTROL_OR_FORMAT.test(raw)) return { ok: false, problem: 'characters' };
  const value = raw.normalize('NFC').trim();
  if (value === '') return { ok: false, problem: 'missing' };
  if (value.normalize('NFKC') !== value) return { ok: false, problem: 'confusable' };
  if (value.length > EMAIL_MAX || !EMAIL.test(value) || value.includes('..')) return { ok: false, problem: 'invalid' };
  return { ok: true, email: value };
}
