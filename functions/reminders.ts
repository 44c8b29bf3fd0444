/**
 * Mondays: the weekly digest for the social office, and in the first run of each month
 * the reminders to organisations with stale entries (lib/reminders/run.ts). Every mail
 * is claimed in Blobs before it is sent, so a retried or doubled run never mails twice.
 */
import type { Config } from '@netlify/functions';
import { readGenerated, siteFacts } from './lib/generated.ts';
import { GENERATED_FILES } from '../src/lib/generated-files.ts';
import { LINK_STORE } from './lib/links/results.ts';
import { STORE_NAME as CONTACT_STORE } from './lib/contact/messages.ts';
import { REMINDER_STORE, runReminders } from './lib/reminders/run.ts';
import { store } from './lib/stores.ts';
import { now } from '../src/lib/clock.ts';
import { gitWriter } from './lib/git/index.ts';
import { partnerLink } from './lib/partner/links.ts';
import { publicOrigin } from './lib/newsletter/config.ts';
import { berlinDate } from '../src/lib/dates.ts';
import { readNewsletterActivity } from './lib/newsletter/activity.ts';
import { newsletterData } from './lib/newsletter/data.ts';

export default async (): Promise<Response> => {
  const run = await runReminders({
    health: readGenerated(GENERATED_FILES.health),
    recipients: readGenerated(GENERATED_FILES.recipients),
    site: siteFacts(),
    now: now(),
    store: store(REMINDER_STORE),
    claims: store(`${REMINDER_STORE}-claims`),
    linkStore: store(LINK_STORE),
    contactStore: store(CONTACT_STORE),
    log: (message) => console.log(message),
    partnerLink: (slug) => {
      const link = partnerLink(publicOrigin(siteFacts().url), slug, now());
      return { url: link.url, validUntil: berlinDate(link.expires) };
    },
    waiting: () => gitWriter().waiting(),
    newsletter: async () => readNewsletterActivity(newsletterData(), now()),
  });
  return Response.json(run);
};

// Mondays 06:00 UTC, after the link check (04:00) and the daily rebuild (05:00).
export const config: Config = { schedule: '0 6 * * 1' };
