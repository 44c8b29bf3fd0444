/**
 * The consent text a person agrees to, and its version. Double opt-in under German law
 * (UWG § 7, DSGVO Art. 7 (1)) puts the burden of proof on the sender: we must be able to
 * show who asked, when, for what, and with which wording. The version is derived from
 * the wording itself, so editing the text in src/i18n/de.ts can never leave an old
 * version number on a new text.
 */
import { createHash } from 'node:crypto';
import { t } from '../../../src/i18n/index.ts';

export function consentText(): string {
  return t('newsletter.consent');
}

export function consentVersion(text = consentText()): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 12);
}
