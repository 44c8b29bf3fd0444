/**
 * Rule "proposal-waiting": entries in Decap's editorial workflow (partners' proposals and
 * editors' drafts) that wait for the office, with their age. The entries come from git
 * (functions/lib/git: GitHub's open pull requests or the local cms/ branches), which the
 * content-only rules cannot see, so the CLI and the weekly digest add them to the report.
 */
import { formatDate } from '../dates.ts';
import { countBySeverity, sortFindings, type HealthReport } from './index.ts';
import type { CollectionName, Finding } from './types.ts';

export interface WaitingInput {
  collection: string;
  slug: string;
  status: string;
  /** ISO date-time the entry entered the workflow. */
  since: string;
  title?: string;
}

const STATUS = { draft: 'Entwurf', pending_review: 'wartet auf Freigabe', pending_publish: 'bereit zur Veröffentlichung' } as Record<string, string>;

export function ageInDays(since: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(since)) / 86_400_000));
}

export function waitingFindings(waiting: readonly WaitingInput[], now: Date): Finding[] {
  return waiting.map((entry) => {
    const days = ageInDays(entry.since, now);
    return {
      rule: 'proposal-waiting',
      severity: 'warning',
      entry: { collection: entry.collection as CollectionName, id: entry.slug, file: `content/${entry.collection}/${entry.slug}.md`, title: entry.title ?? `${entry.collection}/${entry.slug}` },
      why: `${STATUS[entry.status] ?? entry.status} seit ${days === 0 ? 'heute' : days === 1 ? 'einem Tag' : `${days} Tagen`} (${formatDate(entry.since.slice(0, 10))}).`,
      todo: 'Im Redaktionssystem unter „Arbeitsablauf“ ansehen und veröffentlichen oder verwerfen.',
      date: entry.since.slice(0, 10),
    } satisfies Finding;
  });
}

/** The report with the workflow's waiting entries added. */
export function withWaitingProposals(report: HealthReport, waiting: readonly WaitingInput[] | undefined, now: Date): HealthReport {
  if (!waiting) return { ...report, notes: [...report.notes, 'Wartende Vorschläge im Arbeitsablauf konnten nicht gelesen werden.'] };
  const earlier = report.findings.filter((f) => f.rule === 'proposal-waiting');
  const added = waitingFindings(waiting, now);
  if (!earlier.length && !added.length) return report;
  const findings = sortFindings([...report.findings.filter((f) => f.rule !== 'proposal-waiting'), ...added]);
  // Counted on top of the report's own counts, which may cover more than its findings list.
  const counts = { ...report.counts };
  for (const f of earlier) counts[f.severity] -= 1;
  for (const [severity, n] of Object.entries(countBySeverity(added))) counts[severity as keyof typeof counts] += n;
  return { ...report, findings, counts };
}
