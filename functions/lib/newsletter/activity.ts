/**
 * What the newsletter did in the last seven days and what is waiting, from the send
 * records (store `newsletter-sends`) and the deploy's data: the input of the health rules
 * "newsletter-sent" and "newsletter-waiting" (src/lib/health/newsletter-activity.ts),
 * read by `npm run health` and the office's weekly digest. "Waiting" is judged by the
 * sender's own planning (postMailing, meetingMailings), so it names exactly what the
 * next run would send.
 */
import type { Store } from '@netlify/blobs';
import type { ActivityItem, NewsletterActivity } from '../../../src/lib/health/newsletter-activity.ts';
import type { NewsletterData } from './data.ts';
import type { Mailing } from './mailing.ts';
import { meetingMailings } from './meeting-mailings.ts';
import { postMailing, sends, type SendRecord } from './send.ts';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

function itemOf(key: string, record: SendRecord | undefined, data: NewsletterData): ActivityItem {
  const [first, second] = key.split('/');
  if (first === 'meetings') {
    const meetingSlug = second;
    const title = record?.title ?? data.meetings.find((m) => m.slug === meetingSlug)?.meeting.title ?? meetingSlug;
    return { kind: record?.kind ?? 'invitation', collection: 'meetings', slug: meetingSlug, title };
  }
  return { kind: record?.kind ?? 'news', collection: 'news', slug: second, title: record?.title ?? data.posts.find((p) => p.slug === second)?.title ?? second };
}

export async function readNewsletterActivity(data: NewsletterData, now: Date, blobs: Store = sends()): Promise<NewsletterActivity> {
  const since = new Date(now.getTime() - WEEK_MS);
  const keys: string[] = [];
  for await (const page of blobs.list({ paginate: true })) keys.push(...page.blobs.map((b) => b.key).filter((k) => !k.startsWith('frozen/')));
  const records = new Map<string, SendRecord>();
  await Promise.all(keys.map(async (key) => {
    const record = (await blobs.get(key, { type: 'json' })) as SendRecord | null;
    if (record) records.set(key, record);
  }));

  const sent: NewsletterActivity['sent'] = [];
  for (const [key, record] of records) {
    if (record.state !== 'sent' || Date.parse(record.sentAt) < since.getTime()) continue;
    sent.push({ ...itemOf(key, record, data), sentAt: record.sentAt, recipients: record.recipients });
  }

  const waiting: NewsletterActivity['waiting'] = [];
  const consider = (mailing: Mailing) => {
    const record = records.get(mailing.key);
    const item = { ...itemOf(mailing.key, record, data), kind: mailing.kind, title: mailing.title };
    if (!record && !mailing.skip) waiting.push(item);
    else if (record?.state === 'sending') waiting.push({ ...item, since: record.claimedAt });
  };
  for (const post of data.posts) consider(postMailing(post, data, now));
  for (const meeting of data.meetings ?? []) for (const mailing of await meetingMailings(meeting, data, now, blobs)) consider(mailing);
  return { since: since.toISOString(), sent, waiting };
}
