/**
 * The consent text a person agrees to, and its version. Double opt-in under German law
 * (UWG § 7, DSGVO Art. 7 (1)) puts the burden of proof on the sender: we must be able to
 * show who asked, when, for what, and with which wording. The version is derived from
 * the wording itself, so editing the text in src/i18n/de.ts can never leave an old
 * version number on a new text.
 */
import { createHash } from 'node:crypto';
import { t } from '../../../src/i18n/index.ts';
import { store } from '../stores.ts';

export const CONSENT_TEXTS_STORE = 'newsletter-consent-texts';

export function consentText(): string {
  return t('newsletter.consent');
}

export function consentVersion(text = consentText()): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 12);
}

/**
 * Keeps every wording that was ever shown (store `newsletter-consent-texts`, key =
 * version), so a confirmation that arrives after the text was edited still records the
 * exact words the person agreed to.
 */
export async function rememberConsentText(version = consentVersion(), text = consentText()): Promise<void> {
  await store(CONSENT_TEXTS_STORE).set(version, text, { onlyIfNew: true });
}

export async function consentTextOf(version: string): Promise<string | null> {
  if (version === consentVersion()) return consentText();
  return (await store(CONSENT_TEXTS_STORE).get(version, { type: 'text' })) ?? null;
}
