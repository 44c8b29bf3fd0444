/**
 * Checks a subscribe form: one address, at least one known network (or "all"), the
 * consent box ticked, and the consent text the form showed still the current one (the
 * proof must name the wording the person actually saw). Messages are in the visitor's
 * language (German by default) and say what to do.
 */
import { DEFAULT_LANG, useTranslations } from '../../../src/i18n/index.ts';
import { checkAddress } from '../address.ts';
import { normaliseEmail } from './address.ts';
import type { NewsletterNetwork } from './data.ts';
import { first, type Fields } from '../http/request.ts';

export interface FieldError {
  field: 'email' | 'networks' | 'consent';
  message: string;
}

export type SubscribeInput = { ok: true; email: string; networks: string[]; honeypot: boolean } | { ok: false; errors: FieldError[] };

export const ALL_NETWORKS = 'all';

export function readSubscribeForm(fields: Fields, known: NewsletterNetwork[], currentConsentVersion: string, lang: string = DEFAULT_LANG): SubscribeInput {
  const t = useTranslations(lang);
  const errors: FieldError[] = [];
  // Untrimmed: a trailing line break or a zero-width space is refused, not silently dropped.
  const address = checkAddress((fields.get('email') ?? [''])[0]);
  const email = address.ok ? normaliseEmail(address.email) : '';
  if (!address.ok) {
    const key = ({ missing: 'newsletter.error.emailMissing', characters: 'address.error.characters', confusable: 'address.error.confusable', invalid: 'newsletter.error.email' } as const)[address.problem];
    errors.push({ field: 'email', message: t(key) });
  }

  const chosen = (fields.get('networks') ?? []).map((n) => n.trim()).filter(Boolean);
  const knownSlugs = new Set(known.map((n) => n.slug));
  let networks: string[] = [];
  if (chosen.includes(ALL_NETWORKS)) networks = known.map((n) => n.slug);
  else {
    const unknown = chosen.find((slug) => !knownSlugs.has(slug));
    if (unknown) errors.push({ field: 'networks', message: t('newsletter.error.unknownNetwork', { network: unknown.slice(0, 60) }) });
    networks = [...new Set(chosen)].filter((slug) => knownSlugs.has(slug)).sort();
    if (!unknown && networks.length === 0) errors.push({ field: 'networks', message: t('newsletter.error.networks') });
  }

  const consent = first(fields, 'consent');
  if (!['yes', 'on', 'true', '1'].includes(consent)) errors.push({ field: 'consent', message: t('newsletter.error.consent') });
  else {
    const version = first(fields, 'consent_version');
    if (version !== currentConsentVersion) errors.push({ field: 'consent', message: t('newsletter.error.consentChanged') });
  }

  if (errors.length > 0) return { ok: false, errors };
  // Bots fill every field; people never see this one.
  return { ok: true, email, networks, honeypot: first(fields, 'website') !== '' };
}
