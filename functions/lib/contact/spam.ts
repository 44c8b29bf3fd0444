/**
 * Cheap checks that stop form-filling bots without bothering people: a honeypot field
 * people never see, and a minimum time between showing the form and sending it.
 * The form's script stamps `started` when the form appears and `sent` on submit, both
 * from the visitor's own clock, so a wrong clock on the device does not matter. Without
 * JavaScript neither is sent and only the honeypot and the rate limit apply: people
 * without scripts must still be able to write.
 */
import { DEFAULT_LANG, useTranslations } from '../../../src/i18n/index.ts';
import type { ValidatedForm } from './schema.ts';
import { refuse, type Refusal } from './types.ts';

/** Three seconds: nobody types name, address and ten characters faster. */
export const DEFAULT_MIN_FILL_MS = 3_000;

function minFillMs(): number {
  const value = Number(process.env.QN_CONTACT_MIN_FILL_MS);
  return Number.isFinite(value) && value >= 0 ? value : DEFAULT_MIN_FILL_MS;
}

export function checkSpam(form: ValidatedForm, nowMs = Date.now(), lang: string = DEFAULT_LANG): Refusal | undefined {
  const t = useTranslations(lang);
  if (form.homepage && form.homepage.trim() !== '') return refuse(400, 'form', t('contact.error.spam'));
  const started = form.started === undefined || form.started === '' ? undefined : Number(form.started);
  if (started === undefined || started === 0) return undefined;
  const sent = form.sent === undefined || form.sent === '' ? undefined : Number(form.sent);
  const elapsed = (sent ?? nowMs) - started;
  // A negative span without `sent` only means the device clock runs ahead: no verdict.
  if (elapsed >= 0 && elapsed < minFillMs()) return refuse(400, 'form', t('contact.error.tooFast'));
  if (sent !== undefined && elapsed < 0) return refuse(400, 'form', t('contact.error.tooFast'));
  return undefined;
}
