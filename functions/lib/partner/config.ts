/**
 * Environment of the partner functions, read in one place. PARTNER_SECRET signs the
 * links (its own secret: a leaked newsletter secret must not open partner pages). As for
 * the newsletter, a fixed local secret is accepted only while no real mail can go out.
 */
export class PartnerConfigError extends Error {}

const LOCAL_SECRET = 'quartiersnetz-partner-local-development-only';
export const MIN_SECRET_LENGTH = 32;

export function partnerSecret(env: NodeJS.ProcessEnv = process.env): string {
  const secret = env.PARTNER_SECRET;
  if (secret) {
    if (secret.length < MIN_SECRET_LENGTH) throw new PartnerConfigError(`PARTNER_SECRET must have at least ${MIN_SECRET_LENGTH} characters`);
    return secret;
  }
  if (env.RESEND_API_KEY) throw new PartnerConfigError('PARTNER_SECRET is not set, but RESEND_API_KEY is: refusing to sign partner links with the local secret');
  return LOCAL_SECRET;
}

/** Current secret first, then PARTNER_SECRET_PREVIOUS (comma-separated) after a rotation. */
export function partnerVerificationSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  const previous = (env.PARTNER_SECRET_PREVIOUS ?? '').split(',').map((s) => s.trim()).filter((s) => s.length >= MIN_SECRET_LENGTH);
  return [partnerSecret(env), ...previous];
}

/** "Link anfordern": QN_PARTNER_LINK_LIMIT="3/3600" (requests/seconds per IP and per organisation). */
export function linkRequestLimit(env: NodeJS.ProcessEnv = process.env): { count: number; windowMs: number } {
  const match = /^(\d+)\/(\d+)$/.exec(env.QN_PARTNER_LINK_LIMIT ?? '');
  return match ? { count: Number(match[1]), windowMs: Number(match[2]) * 1000 } : { count: 3, windowMs: 60 * 60_000 };
}
