/**
 * The build's partner directory (generated/partners.json, src/lib/partner-directory.ts)
 * and the contact addresses (generated/recipients.json) as the partner functions see them.
 */
import type { PartnerDirectory, PartnerOrganisation } from '../../../src/lib/partner-directory.ts';
import type { RecipientDirectory } from '../../../src/lib/recipients.ts';
import { readGenerated } from '../generated.ts';
import { GENERATED_FILES } from '../../../src/lib/generated-files.ts';

export type { PartnerDirectory, PartnerOrganisation, PartnerOffer } from '../../../src/lib/partner-directory.ts';

export const partnerDirectory = (): PartnerDirectory => readGenerated(GENERATED_FILES.partners);

export function organisation(slug: string): PartnerOrganisation | undefined {
  const organisations = partnerDirectory().organisations;
  return Object.hasOwn(organisations, slug) ? organisations[slug] : undefined;
}

/**
 * The address a link goes to: the organisation's own contact address from the recipient
 * directory (the same one the monthly reminder uses); none when it is forwarded to the
 * office, because then the organisation has no address of its own on file.
 */
export function organisationAddress(slug: string): string | undefined {
  const recipients: RecipientDirectory = readGenerated(GENERATED_FILES.recipients);
  const entry = recipients[`organisations/${slug}`];
  return entry && !entry.forwarded ? entry.email : undefined;
}

/** Finds the organisation whose registered address is `email` (case-insensitive). */
export function organisationByAddress(email: string): string | undefined {
  const wanted = email.trim().toLowerCase();
  if (!wanted) return undefined;
  for (const slug of Object.keys(partnerDirectory().organisations)) {
    if (organisationAddress(slug)?.toLowerCase() === wanted) return slug;
  }
  return undefined;
}
