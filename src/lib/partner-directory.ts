/**
 * What the partner functions need from content, written by the build into
 * generated/partners.json: per organisation its profile file and every offer it provides
 * (published, drafts and ended ones: a partner keeps all of them current), with review
 * dates; the slugs a proposal may reference (for the same cross-checks as `npm run check`)
 * and the link lifetime from site.yml. Addresses stay in recipients.json.
 */
import type { ContentSet } from './load-content.ts';

export interface PartnerOffer {
  slug: string;
  title: string;
  draft: boolean;
  ends_on?: string;
  reviewed_at: string;
}

export interface PartnerOrganisation {
  name: string;
  reviewed_at: string;
  offers: PartnerOffer[];
}

export interface PartnerDirectory {
  linkDays: number;
  reviewIntervalMonths: number;
  organisations: Record<string, PartnerOrganisation>;
  /** Choices for proposal forms and the references a proposal may use. */
  references: {
    networks: Array<{ slug: string; label: string }>;
    categories: Array<{ slug: string; label: string }>;
    audiences: Array<{ slug: string; label: string }>;
    organisations: string[];
  };
}

export function buildPartnerDirectory(content: ContentSet): PartnerDirectory {
  const organisations: Record<string, PartnerOrganisation> = {};
  for (const org of content.organisations) organisations[org.id] = { name: org.data.name, reviewed_at: org.data.reviewed_at, offers: [] };
  for (const offer of content.offers) {
    organisations[offer.data.provider]?.offers.push({
      slug: offer.id,
      title: offer.data.title,
      draft: offer.data.draft,
      ...(offer.data.ends_on ? { ends_on: offer.data.ends_on } : {}),
      reviewed_at: offer.data.reviewed_at,
    });
  }
  return {
    linkDays: content.settings?.partner_link_days ?? 45,
    reviewIntervalMonths: content.settings?.review_interval_months ?? 12,
    organisations,
    references: {
      networks: content.networks.map((n) => ({ slug: n.id, label: n.data.short_title ?? n.data.title })),
      categories: content.categories.map((t) => ({ slug: t.slug, label: t.label })),
      audiences: content.audiences.map((t) => ({ slug: t.slug, label: t.label })),
      organisations: content.organisations.map((o) => o.id),
    },
  };
}
