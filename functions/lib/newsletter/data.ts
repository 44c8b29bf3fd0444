/**
 * What the build tells the newsletter functions (generated/newsletter.json, written by
 * src/lib/newsletter-data.ts at `astro:config:setup`, its types in
 * src/lib/newsletter-types.ts): the networks one can subscribe to, the site facts a mail
 * needs, and every published post marked `newsletter: true` with its body already
 * rendered. Functions never parse content/ themselves.
 */
import { readGenerated } from '../generated.ts';
import { GENERATED_FILES } from '../../../src/lib/generated-files.ts';
import type { NewsletterData, NewsletterNetwork, NewsletterPost } from '../../../src/lib/newsletter-types.ts';
import type { SiteFacts } from '../../../src/lib/site-facts.ts';

export type { NewsletterData, NewsletterMeeting, NewsletterNetwork, NewsletterPost } from '../../../src/lib/newsletter-types.ts';
/** The site facts inside newsletter.json: the same type as generated/site.json. */
export type NewsletterSite = SiteFacts;

export const NEWSLETTER_DATA_FILE = GENERATED_FILES.newsletter.name;

export function newsletterData(): NewsletterData {
  return readGenerated(GENERATED_FILES.newsletter);
}

/** The networks a post goes to: its own list, or every network when the list is empty. */
export function postNetworks(post: Pick<NewsletterPost, 'networks'>, all: NewsletterNetwork[]): string[] {
  return post.networks.length > 0 ? [...post.networks] : all.map((n) => n.slug);
}
