/**
 * Who receives which network's newsletter, with the proof of consent, in one Blobs
 * record per address (store `newsletter-subscribers`, key = hash of the address).
 *
 * The record is the sender's evidence for a double opt-in: every confirmation keeps the
 * time of the request, the time of the confirmation, the networks and the version and
 * wording of the consent text; every withdrawal keeps its time. History is appended,
 * never rewritten. The sending function reads recipients from here (see send.ts for
 * why not from Resend). Concurrent changes to one record are serialised by ETag.
 */
import type { Store } from '@netlify/blobs';
import { store } from '../stores.ts';
import { addressKey, legacyAddressKey, normaliseEmail } from './address.ts';
import { compareAndSet } from '../blobs/cas.ts';

export const SUBSCRIBERS_STORE = 'newsletter-subscribers';

export type ConsentEvent =
  | {
      type: 'confirmed';
      networks: string[];
      requestedAt: string;
      confirmedAt: string;
      consentVersion: string;
      consentText: string;
    }
  | { type: 'unsubscribed'; networks: string[]; at: string; via: 'form' | 'one-click' };

/**
 * What a subscriber gets from a network: news posts, meeting invitations (with their
 * updates and cancellations), minutes. Chosen on the confirm page and the preferences
 * page; a subscription without a choice (every record from before choices existed) gets all.
 */
export const MAIL_CHOICES = ['news', 'invitations', 'minutes'] as const;
export type MailChoice = (typeof MAIL_CHOICES)[number];

export interface NetworkSubscription {
  status: 'subscribed' | 'unsubscribed';
  since: string;
  /** Absent = everything (the default, and every record older than the choice). */
  receives?: MailChoice[];
  /** When `receives` was last changed. */
  choicesAt?: string;
}

/** What a network subscription receives: its choice, or all when it never chose. */
export function receivesOf(subscription: NetworkSubscription | undefined): MailChoice[] {
  return subscription?.receives ? MAIL_CHOICES.filter((c) => subscription.receives!.includes(c)) : [...MAIL_CHOICES];
}

/** Choices per network, each list in MAIL_CHOICES order. */
export type Choices = Record<string, MailChoice[]>;

export interface SubscriberRecord {
  email: string;
  networks: Record<string, NetworkSubscription>;
  history: ConsentEvent[];
}

function subscribers(): Store {
  return store(SUBSCRIBERS_STORE);
}

export async function getSubscriber(email: string): Promise<SubscriberRecord | null> {
  const blobs = subscribers();
  const record = (await blobs.get(addressKey(email), { type: 'json' })) as SubscriberRecord | null;
  return record ?? ((await blobs.get(legacyAddressKey(email), { type: 'json' })) as SubscriberRecord | null);
}

/**
 * A record still under its old unkeyed hash is moved to its HMAC key before it is
 * changed: otherwise an unsubscribe would land in a new record while the old one kept
 * receiving mail.
 */
async function moveLegacyRecord(blobs: Store, email: string, key: string): Promise<void> {
  const legacy = legacyAddressKey(email);
  const old = (await blobs.get(legacy, { type: 'json' })) as SubscriberRecord | null;
  if (!old) return;
  await blobs.setJSON(key, old, { onlyIfNew: true });
  await blobs.delete(legacy);
}

/** Networks this address currently receives. */
export function activeNetworks(record: SubscriberRecord | null): string[] {
  if (!record) return [];
  return Object.entries(record.networks)
    .filter(([, s]) => s.status === 'subscribed')
    .map(([slug]) => slug)
    .sort();
}

/**
 * Read-modify-write with optimistic concurrency (../blobs/cas.ts): the write only lands
 * if nobody changed the record since it was read, otherwise it is re-read and re-applied.
 */
async function update(email: string, change: (record: SubscriberRecord) => void): Promise<SubscriberRecord> {
  const normalised = normaliseEmail(email);
  const key = addressKey(normalised);
  const blobs = subscribers();
  await moveLegacyRecord(blobs, normalised, key);
  const result = await compareAndSet<SubscriberRecord>(blobs, key, (current) => {
    const record = current ?? { email: normalised, networks: {}, history: [] };
    change(record);
    return record;
  });
  return result as SubscriberRecord;
}

/**
 * `choices` (from the confirm page) sets what each network delivers; without it a
 * network keeps the choice it had (a renewed subscription), else gets all.
 */
export async function recordConfirmation(
  email: string,
  proof: { networks: string[]; requestedAt: string; confirmedAt: string; consentVersion: string; consentText: string },
  choices?: Choices,
): Promise<SubscriberRecord> {
  return update(email, (record) => {
    // The same link confirmed again after an interrupted run: the proof is already there.
    const known = record.history.some((e) => e.type === 'confirmed' && e.confirmedAt === proof.confirmedAt && e.requestedAt === proof.requestedAt);
    if (known) return;
    for (const slug of proof.networks) {
      const chosen = choices?.[slug];
      const earlier = record.networks[slug];
      record.networks[slug] = { status: 'subscribed', since: proof.confirmedAt };
      if (chosen) Object.assign(record.networks[slug], { receives: MAIL_CHOICES.filter((c) => chosen.includes(c)), choicesAt: proof.confirmedAt });
      else if (earlier?.receives) Object.assign(record.networks[slug], { receives: earlier.receives, choicesAt: earlier.choicesAt });
    }
    record.history.push({ type: 'confirmed', ...proof, networks: [...proof.networks].sort() });
  });
}

/**
 * Withdraws consent for the given networks (or all the address ever had). Idempotent:
 * a repeated withdrawal changes nothing but is still recorded only once per change.
 * Returns the networks that were active before and are now withdrawn.
 */
export async function recordUnsubscribe(email: string, networks: string[] | 'all', at: string, via: 'form' | 'one-click'): Promise<{ record: SubscriberRecord; withdrawn: string[] }> {
  let withdrawn: string[] = [];
  const record = await update(email, (r) => {
    const targets = networks === 'all' ? Object.keys(r.networks) : networks;
    withdrawn = targets.filter((slug) => r.networks[slug]?.status === 'subscribed').sort();
    for (const slug of withdrawn) r.networks[slug] = { status: 'unsubscribed', since: at };
    if (withdrawn.length > 0) r.history.push({ type: 'unsubscribed', networks: withdrawn, at, via });
  });
  return { record, withdrawn };
}

/**
 * Sets what each named network delivers, for networks the address currently receives
 * (a preferences link must never subscribe anyone). Returns the record as stored.
 */
export async function recordChoices(email: string, choices: Choices, at: string): Promise<SubscriberRecord> {
  return update(email, (record) => {
    for (const [slug, chosen] of Object.entries(choices)) {
      const subscription = record.networks[slug];
      if (subscription?.status !== 'subscribed') continue;
      subscription.receives = MAIL_CHOICES.filter((c) => chosen.includes(c));
      subscription.choicesAt = at;
    }
  });
}

/**
 * Every address that receives at least one of `networks`, each once, in a stable order
 * (by key), with the networks it gets this mail for. With `choice`, only networks whose
 * subscription receives that kind count ("nur Protokolle" gets no invitation).
 */
export async function recipientsFor(networks: string[], choice?: MailChoice): Promise<{ email: string; networks: string[] }[]> {
  const wanted = new Set(networks);
  const blobs = subscribers();
  const keys: string[] = [];
  for await (const page of blobs.list({ paginate: true })) keys.push(...page.blobs.map((b) => b.key));
  keys.sort();
  const result: { email: string; networks: string[] }[] = [];
  const seen = new Set<string>();
  const CONCURRENCY = 8;
  for (let i = 0; i < keys.length; i += CONCURRENCY) {
    const records = await Promise.all(keys.slice(i, i + CONCURRENCY).map((key) => blobs.get(key, { type: 'json' }) as Promise<SubscriberRecord | null>));
    for (const record of records) {
      const matching = activeNetworks(record).filter((slug) => wanted.has(slug) && (!choice || receivesOf(record!.networks[slug]).includes(choice)));
      // A record caught between its old and its new key (moveLegacyRecord) counts once.
      if (record && matching.length > 0 && !seen.has(record.email)) result.push({ email: record.email, networks: matching });
      if (record) seen.add(record.email);
    }
  }
  return result;
}
