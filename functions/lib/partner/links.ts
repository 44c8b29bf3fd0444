/**
 * Partner links: issued for an organisation for the lifetime set in site.yml
 * (`partner_link_days`), checked with rotation (PARTNER_SECRET_PREVIOUS) and against
 * revocation (Blobs `revoked/<organisation>`: links issued before that moment are void).
 */
import type { Store } from '@netlify/blobs';
import { partnerDirectory, organisation } from './directory.ts';
import { partnerSecret, partnerVerificationSecrets } from './config.ts';
import { issuePartnerToken, verifyPartnerToken, type PartnerToken } from './token.ts';
import { PARTNER_PATH } from './views.ts';

export function partnerLink(origin: string, slug: string, now = new Date()): { url: string; expires: Date } {
  const days = partnerDirectory().linkDays;
  const token = issuePartnerToken(slug, days, partnerSecret(), now);
  return { url: `${origin}${PARTNER_PATH}?t=${token}`, expires: new Date(now.getTime() + days * 86_400_000) };
}

export type LinkCheck = { ok: true; token: PartnerToken } | { ok: false; reason: 'missing' | 'malformed' | 'invalid' | 'expired' | 'revoked' };

export async function checkLink(raw: unknown, blobs: Store, now = new Date()): Promise<LinkCheck> {
  const verified = verifyPartnerToken(raw, partnerVerificationSecrets(), Math.floor(now.getTime() / 1000));
  if (!verified.ok) return verified;
  if (!organisation(verified.token.organisation)) return { ok: false, reason: 'revoked' };
  const revoked = (await blobs.get(`revoked/${verified.token.organisation}`, { type: 'json' })) as { before: number } | null;
  if (revoked && verified.token.issued < revoked.before) return { ok: false, reason: 'revoked' };
  return verified;
}

/** Voids every link of an organisation issued until now (the office's emergency brake). */
export async function revokeLinks(blobs: Store, slug: string, now = new Date()): Promise<void> {
  await blobs.setJSON(`revoked/${slug}`, { before: Math.floor(now.getTime() / 1000) + 1 });
}
