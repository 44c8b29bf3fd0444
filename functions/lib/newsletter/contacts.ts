/**
 * Mirrors subscriptions into Resend: one contact per address, one topic per network.
 *
 * Topics are created with `default_subscription: opt_out` (fixed at creation, see the
 * stack notes): a contact receives a topic only after an explicit opt-in, which we set
 * only when the double opt-in is confirmed. So even a broadcast an editor might send
 * from Resend's dashboard reaches confirmed subscribers only. Topic names are the
 * network slugs (stable when a network is renamed); ids are cached in Blobs store
 * `newsletter-topics`.
 *
 * Without RESEND_API_KEY (local outbox mode) there is no contact database: the Blobs
 * record (subscribers.ts) is all there is, and these functions do nothing.
 */
import { Resend } from 'resend';
import { store } from '../stores.ts';
import { usesResend } from './config.ts';
import type { NewsletterNetwork } from './data.ts';

export const TOPICS_STORE = 'newsletter-topics';
const TIMEOUT_MS = 8_000;

export class ResendCallError extends Error {
  readonly status: number | null;
  readonly code: string;
  constructor(operation: string, status: number | null, code: string, message: string) {
    super(`${operation}: ${status ?? 'no answer'} ${code} ${message}`);
    this.status = status;
    this.code = code;
  }
}

type ApiResult<T> = { data: T; error: null } | { data: null; error: { statusCode: number | null; name: string; message: string } };

function client(): Resend {
  return new Resend(process.env.RESEND_API_KEY);
}

/**
 * One Resend call with a timeout; a 429 is retried after a pause (Resend allows about
 * 2 requests per second). Resolves the SDK's `{data, error}` into data or a thrown error.
 */
async function call<T>(operation: string, run: (signal: AbortSignal) => Promise<ApiResult<T>>, accept: (error: { statusCode: number | null; name: string }) => boolean = () => false): Promise<T | null> {
  for (let attempt = 0; ; attempt++) {
    let result: ApiResult<T>;
    try {
      result = await run(AbortSignal.timeout(TIMEOUT_MS));
    } catch (error) {
      throw new ResendCallError(operation, null, 'network_error', String(error));
    }
    if (!result.error) return result.data;
    if (accept(result.error)) return null;
    if (result.error.statusCode === 429 && attempt < 3) {
      await new Promise((resolve) => setTimeout(resolve, 600 * (attempt + 1)));
      continue;
    }
    throw new ResendCallError(operation, result.error.statusCode, result.error.name, result.error.message);
  }
}

async function findTopic(resend: Resend, name: string): Promise<string | undefined> {
  const list = await call('topics.list', (signal) => resend.topics.list({ signal }) as Promise<ApiResult<{ data: { id: string; name: string; created_at: string }[] }>>);
  // Two confirmations racing may both have created the topic: everyone picks the oldest.
  const matches = (list?.data ?? []).filter((topic) => topic.name === name).sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
  return matches[0]?.id;
}

/** The Resend topic id for each network, creating missing topics as opt-out-by-default. */
export async function ensureTopics(networks: NewsletterNetwork[]): Promise<Map<string, string>> {
  const resend = client();
  const cache = store(TOPICS_STORE);
  const ids = new Map<string, string>();
  for (const network of networks) {
    const cached = (await cache.get(network.slug, { type: 'json' })) as { id: string } | null;
    if (cached?.id) {
      ids.set(network.slug, cached.id);
      continue;
    }
    let id = await findTopic(resend, network.slug);
    if (!id) {
      await call('topics.create', (signal) =>
        resend.topics.create({ name: network.slug, description: network.title.slice(0, 200), defaultSubscription: 'opt_out' }, { signal }) as Promise<ApiResult<{ id: string }>>,
      );
      id = await findTopic(resend, network.slug);
    }
    if (!id) throw new ResendCallError('topics.create', null, 'missing', `topic ${network.slug} not found after creation`);
    await cache.setJSON(network.slug, { id });
    ids.set(network.slug, id);
  }
  return ids;
}

const notFound = (error: { statusCode: number | null; name: string }) => error.statusCode === 404 || error.name === 'not_found';

/**
 * Sets the contact's choice on the networks' topics. A 404 may mean a cached topic id is
 * stale (topic deleted in the dashboard): the ids are looked up afresh and the update is
 * tried once more. Returns false if the contact does not exist.
 */
async function setTopics(resend: Resend, email: string, networks: NewsletterNetwork[], subscription: 'opt_in' | 'opt_out'): Promise<boolean> {
  for (let attempt = 0; attempt < 2; attempt++) {
    if (attempt > 0) await Promise.all(networks.map((n) => store(TOPICS_STORE).delete(n.slug)));
    const ids = await ensureTopics(networks);
    const topics = networks.map((n) => ({ id: ids.get(n.slug) as string, subscription }));
    const updated = await call('contacts.topics.update', (signal) => resend.contacts.topics.update({ email, topics }, { signal }) as Promise<ApiResult<{ id: string }>>, notFound);
    if (updated) return true;
  }
  return false;
}

/** Confirmed: the contact exists, is not globally unsubscribed and has opted in to each network's topic. */
export async function subscribeContact(email: string, networks: NewsletterNetwork[]): Promise<void> {
  if (!usesResend() || networks.length === 0) return;
  const resend = client();
  const updated = await call('contacts.update', (signal) => resend.contacts.update({ email, unsubscribed: false } as never, { signal }) as Promise<ApiResult<{ id: string }>>, notFound);
  if (!updated) {
    // Created without topics; a concurrent confirmation may have created it in between (409).
    await call(
      'contacts.create',
      (signal) => resend.contacts.create({ email, unsubscribed: false }, { signal }) as Promise<ApiResult<{ id: string }>>,
      (error) => error.statusCode === 409 || error.statusCode === 422,
    );
  }
  if (!(await setTopics(resend, email, networks, 'opt_in'))) throw new ResendCallError('contacts.topics.update', 404, 'not_found', 'contact or topic not found after retry');
}

/** Withdrawn from these networks: the contact's topics are set to opt-out (a missing contact is fine). */
export async function optOutTopics(email: string, networks: NewsletterNetwork[]): Promise<void> {
  if (!usesResend() || networks.length === 0) return;
  await setTopics(client(), email, networks, 'opt_out');
}

/** Withdrawn from everything: the contact is marked unsubscribed (a missing contact is fine). */
export async function markContactUnsubscribed(email: string): Promise<void> {
  if (!usesResend()) return;
  const resend = client();
  await call('contacts.update', (signal) => resend.contacts.update({ email, unsubscribed: true } as never, { signal }) as Promise<ApiResult<{ id: string }>>, notFound);
}

/**
 * Deletes the contact at Resend (erasure, or consent proof past its retention).
 * Returns false if there was none. Without RESEND_API_KEY there is no contact database.
 */
export async function removeContact(email: string): Promise<boolean> {
  if (!usesResend()) return false;
  const resend = client();
  const removed = await call('contacts.remove', (signal) => resend.contacts.remove({ email }, { signal }) as Promise<ApiResult<{ deleted: boolean }>>, notFound);
  return Boolean(removed?.deleted);
}
