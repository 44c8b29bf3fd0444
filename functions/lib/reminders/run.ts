/**
 * One reminders run. Monthly: every organisation with stale entries or broken links gets
 * one mail listing them. Weekly: the social office gets one digest. Each mail is sent
 * once per period, however often the run is retried (once.ts). The run reads only what
 * the build wrote (health report, recipient directory, site facts) and Blobs.
 */
import type { Store } from '@netlify/blobs';
import { applyLinkReport, type HealthReport } from '../../../src/lib/health/index.ts';
import { compareInventories, type InventoryItem } from '../../../src/lib/health/inventory.ts';
import type { Finding } from '../../../src/lib/health/types.ts';
import type { RecipientDirectory } from '../../../src/lib/recipients.ts';
import type { SiteFacts } from '../generated.ts';
import { sendMail } from '../mail.ts';
import { readLinkReport } from '../links/results.ts';
import { monthKey, weekKey } from './periods.ts';
import { sendOnce, type OnceOutcome, type Sender } from './once.ts';
import { ORGANISATION_RULES, REMINDER_TRIGGERS, officeDigest, organisationReminder, type DigestInput, type ReminderLink } from './render.ts';
import { withWaitingProposals, type WaitingInput } from '../../../src/lib/health/waiting-proposals.ts';
import { undeliverableMessages } from './undeliverable.ts';
import { withNewsletterActivity, type NewsletterActivity } from '../../../src/lib/health/newsletter-activity.ts';

export const REMINDER_STORE = 'reminders';
const SNAPSHOT_KEY = 'digest-snapshot';

interface Snapshot {
  week: string;
  at: string;
  inventory: InventoryItem[];
}

export interface ReminderDeps {
  health: HealthReport;
  recipients: RecipientDirectory;
  site: SiteFacts;
  now: Date;
  store: Store;
  /** Where the per-mail leases live (a store of their own, see blobs/events.ts). */
  claims: Store;
  /** The link check's store; its latest result replaces the build's link findings. */
  linkStore?: Store;
  /** The contact form's store, for undeliverable messages. */
  contactStore?: Store;
  send?: Sender;
  /** The organisation's partner link for its reminder (issue 13). */
  partnerLink?: (organisation: string) => ReminderLink | undefined;
  /** Entries waiting in the editorial workflow, for the digest (undefined: not readable). */
  waiting?: () => Promise<WaitingInput[] | undefined>;
  /** What the newsletter sent last week and what waits (undefined: not readable). */
  newsletter?: () => Promise<NewsletterActivity | undefined>;
  /** Pause between two sends: Resend allows about two requests a second. */
  paceMs?: number;
  log?: (message: string) => void;
}

export interface ReminderRun {
  month: string;
  week: string;
  organisations: DigestInput['reminders'];
  digest: OnceOutcome;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Findings per organisation that warrant a reminder, with everything else it could fix. */
export function organisationFindings(report: HealthReport): Map<string, Finding[]> {
  const triggered = new Set(report.findings.filter((f) => f.responsible && REMINDER_TRIGGERS.has(f.rule)).map((f) => f.responsible!));
  const byOrganisation = new Map<string, Finding[]>();
  for (const f of report.findings) {
    if (!f.responsible || !triggered.has(f.responsible) || !ORGANISATION_RULES.has(f.rule)) continue;
    byOrganisation.set(f.responsible, [...(byOrganisation.get(f.responsible) ?? []), f]);
  }
  return byOrganisation;
}

export async function runReminders(deps: ReminderDeps): Promise<ReminderRun> {
  const { site, now, store } = deps;
  const send = deps.send ?? sendMail;
  const log = deps.log ?? (() => {});
  const pace = deps.paceMs ?? 500;
  const month = monthKey(now);
  const week = weekKey(now);

  let links;
  try {
    links = deps.linkStore ? await readLinkReport(deps.linkStore) : undefined;
  } catch (error) {
    log(`reminders: link results not readable: ${String(error)}`);
  }
  const report = applyLinkReport(deps.health, links);

  const organisations: ReminderRun['organisations'] = [];
  for (const [slug, findings] of organisationFindings(report)) {
    const recipient = deps.recipients[`organisations/${slug}`];
    // A forwarded entry has no address of its own: the office asks in person instead.
    if (!recipient || recipient.forwarded) {
      organisations.push({ organisation: slug, outcome: 'no-address' });
      continue;
    }
    const name = report.organisations[slug] ?? recipient.name;
    const outcome = await sendOnce(store, deps.claims, `organisations/${month}/${slug}`, now, () => ({ to: recipient.email, from: site.mailFrom, replyTo: site.office.email, ...organisationReminder(name, findings, site, deps.partnerLink?.(slug)) }), send);
    organisations.push({ organisation: slug, outcome });
    log(`reminders: ${slug} ${month}: ${outcome}`);
    if (outcome === 'sent' || outcome === 'failed') await sleep(pace);
  }

  const digest = await sendOnce(
    store,
    deps.claims,
    `digest/${week}`,
    now,
    async () => {
      const snapshot = (await store.get(SNAPSHOT_KEY, { type: 'json' })) as Snapshot | null;
      let undeliverable;
      if (deps.contactStore) {
        try {
          const since = snapshot ? new Date(snapshot.at) : new Date(now.getTime() - 7 * 86_400_000);
          undeliverable = await undeliverableMessages(deps.contactStore, since);
        } catch (error) {
          log(`reminders: contact store not readable: ${String(error)}`);
        }
      }
      const waiting = deps.waiting ? await deps.waiting().catch(() => undefined) : undefined;
      // Never a reason to hold the digest back: unreadable means a note in it.
      const newsletter = deps.newsletter ? await Promise.resolve().then(deps.newsletter).catch(() => undefined) : undefined;
      const withWaiting = deps.waiting ? withWaitingProposals(report, waiting, now) : report;
      const mail = officeDigest({
        week,
        now,
        site,
        report: deps.newsletter ? withNewsletterActivity(withWaiting, newsletter, now) : withWaiting,
        changes: snapshot ? compareInventories(snapshot.inventory, report.inventory) : undefined,
        previousAt: snapshot?.at,
        undeliverable,
        reminders: organisations,
      });
      return { to: site.office.email, from: site.mailFrom, ...mail };
    },
    send,
  );
  if (digest === 'sent') await store.setJSON(SNAPSHOT_KEY, { week, at: now.toISOString(), inventory: report.inventory } satisfies Snapshot);
  log(`reminders: digest ${week}: ${digest}`);
  return { month, week, organisations, digest };
}
