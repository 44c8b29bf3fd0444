/**
 * Deletes every personal record in Blobs that is past its retention
 * (src/lib/retention.ts). Each kind says which time in the record its period runs from;
 * a record whose time cannot be read is left alone and counted, never guessed away.
 * Consent proof is deleted together with the Resend contact, and only once Resend has
 * confirmed, so no contact outlives its proof.
 */
import type { Store } from '@netlify/blobs';
import { isExpired, RETENTION, type RetentionKind } from '../../../src/lib/retention.ts';
import { removeContact } from '../newsletter/contacts.ts';
import type { SubscriberRecord } from '../newsletter/subscribers.ts';
import { store } from '../stores.ts';
import { eventTime } from '../blobs/events.ts';

type Time = number | undefined;

const lastOf = (values: unknown): Time => {
  const times = (Array.isArray(values) ? values : []).map((v) => (typeof v === 'number' ? v : Date.parse(String(v)))).filter(Number.isFinite);
  return times.length ? Math.max(...times) : undefined;
};
const timeOf = (value: unknown): Time => {
  const time = typeof value === 'number' ? value : Date.parse(String(value));
  return Number.isFinite(time) ? time : undefined;
};

/**
 * The record's own time its retention runs from; undefined = keep (not ours to judge).
 * Limits and leases are ordered events (../blobs/events.ts) whose time is in the key.
 */
const FROM: Record<RetentionKind, (record: any, key: string) => Time> = {
  contactRate: (r, key) => eventTime(key) ?? lastOf(r?.hits),
  contactLease: (r, key) => eventTime(key) ?? timeOf(r?.until),
  // Only finished messages, whose content was already removed at delivery.
  contactRecord: (r) => ((r?.status === 'sent' || r?.status === 'escalated') && r?.input === undefined ? timeOf(r?.deliveredAt) : undefined),
  newsletterRequests: (r, key) => eventTime(key) ?? lastOf(r?.sent),
  // `usedAt`: markers written before the marker had states.
  confirmMarkers: (r) => timeOf(r?.confirmedAt ?? r?.usedAt),
  withdrawnConsent: (r: SubscriberRecord | null) => {
    if (!r || Object.values(r.networks ?? {}).some((n) => n.status === 'subscribed')) return undefined;
    return lastOf((r.history ?? []).filter((e) => e.type === 'unsubscribed').map((e) => (e as { at: string }).at));
  },
  newsletterBatches: (r) => timeOf(r?.frozenAt),
};

export interface PurgeReport {
  /** Deleted records per kind. */
  deleted: Partial<Record<RetentionKind, number>>;
  /** Records kept because their time could not be read or they are still in use. */
  kept: Partial<Record<RetentionKind, number>>;
  errors: string[];
}

async function keysOf(blobs: Store, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const page of blobs.list({ prefix: prefix || undefined, paginate: true })) keys.push(...page.blobs.map((b) => b.key));
  return keys;
}

export async function runPurge(now: Date = new Date()): Promise<PurgeReport> {
  const report: PurgeReport = { deleted: {}, kept: {}, errors: [] };
  const count = (into: PurgeReport['deleted'], kind: RetentionKind) => (into[kind] = (into[kind] ?? 0) + 1);
  for (const kind of Object.keys(RETENTION) as RetentionKind[]) {
    const { store: name, prefix } = RETENTION[kind];
    const blobs = store(name);
    try {
      for (const key of await keysOf(blobs, prefix)) {
        // Stores shared by several kinds: each key belongs to the kind with the longest matching prefix.
        if (prefix === '' && (Object.values(RETENTION).some((r) => r.store === name && r.prefix !== '' && key.startsWith(r.prefix)))) continue;
        let record: unknown;
        try {
          record = await blobs.get(key, { type: 'json' });
        } catch {
          record = undefined;
        }
        const from = FROM[kind](record, key);
        if (from === undefined || !isExpired(kind, from, now)) {
          if (from === undefined) count(report.kept, kind);
          continue;
        }
        try {
          if (kind === 'withdrawnConsent') await removeContact((record as SubscriberRecord).email);
          await blobs.delete(key);
          count(report.deleted, kind);
        } catch (error) {
          report.errors.push(`${name}/${key}: ${String(error)}`);
        }
      }
    } catch (error) {
      report.errors.push(`${name}: ${String(error)}`);
    }
  }
  return report;
}
