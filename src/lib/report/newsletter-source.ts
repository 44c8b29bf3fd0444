/**
 * Newsletter figures for the yearly report, read from the newsletter's Blobs stores
 * (functions/lib/newsletter/send.ts: `newsletter-sends`, posts/<slug>;
 * subscribers.ts: `newsletter-subscribers`) when the environment provides Blobs (a
 * Netlify build, `netlify dev`, tests). Offline there are none, and the report says so.
 */
import type { NewsletterRecords } from './types.ts';

const SENDS_STORE = 'newsletter-sends';
const SUBSCRIBERS_STORE = 'newsletter-subscribers';

export async function readNewsletterRecords(): Promise<NewsletterRecords | undefined> {
  if (!process.env.NETLIFY_BLOBS_CONTEXT && !(globalThis as { netlifyBlobsContext?: unknown }).netlifyBlobsContext) return undefined;
  try {
    const { getStore } = await import('@netlify/blobs');
    const sendsStore = getStore({ name: SENDS_STORE, consistency: 'strong' });
    const subscribersStore = getStore({ name: SUBSCRIBERS_STORE, consistency: 'strong' });
    const sends: NewsletterRecords['sends'] = [];
    for (const { key } of (await sendsStore.list({ prefix: 'posts/' })).blobs) {
      const record = (await sendsStore.get(key, { type: 'json' })) as { state?: string; sentAt?: string } | null;
      if (record?.state === 'sent' && record.sentAt) sends.push({ slug: key.slice('posts/'.length), sentAt: record.sentAt });
    }
    const subscribers: NewsletterRecords['subscribers'] = [];
    for (const { key } of (await subscribersStore.list()).blobs) {
      const record = (await subscribersStore.get(key, { type: 'json' })) as { history?: NewsletterRecords['subscribers'][number]['events'] } | null;
      if (Array.isArray(record?.history)) subscribers.push({ events: record.history });
    }
    return { sends, subscribers };
  } catch {
    return undefined;
  }
}
