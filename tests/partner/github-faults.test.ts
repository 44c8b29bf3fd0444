/**
 * Proposals against a local fake of GitHub's REST API (tests/helpers/github-fake.ts),
 * through the real @octokit/rest: 50 proposals while 30 % of requests fail or hang –
 * sometimes after GitHub already did the work – land exactly once each as a Decap
 * workflow entry (one branch, one open pull request with the status label, one commit
 * carrying the proposal), and main is never touched.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPartnerEnv, type PartnerEnv } from './env.ts';
import { landProposal, listProposals, proposalId, retryDue, saveProposal, type ProposalRecord } from '../../functions/lib/partner/proposals.ts';
import { partnerDirectory } from '../../functions/lib/partner/directory.ts';
import { newOfferTemplate } from '../../functions/lib/partner/forms.ts';
import { withChanges } from '../../functions/lib/partner/entry-file.ts';
import { TEST_NOW, TEST_TODAY } from '../helpers/clock.ts';
import { GitHubWriter } from '../../functions/lib/git/github.ts';

let env: PartnerEnv;
beforeAll(async () => {
  env = await startPartnerEnv({ github: true, timeoutMs: 200 });
  // Each failed attempt logs one line; 50 proposals under faults would flood the output.
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterAll(async () => {
  vi.restoreAllMocks();
  await env?.stop();
});

function record(organisation: string, slug: string, text: string, isNew: boolean, at: Date): ProposalRecord {
  return {
    id: proposalId(organisation, 'offers', slug, text),
    organisation,
    organisationName: partnerDirectory().organisations[organisation].name,
    collection: 'offers',
    slug,
    path: `content/offers/${slug}.md`,
    text,
    title: `Vorschlag von ${organisation}: Angebot „${slug}“`,
    body: `Eingereicht über den Partner-Link von ${organisation}.`,
    isNew,
    createdAt: at.toISOString(),
    state: 'queued',
    attempts: 0,
    nextAttemptAt: at.toISOString(),
  };
}

describe('proposals against GitHub with faults', () => {
  it('lands 50 proposals exactly once each while 30 % of requests fail or hang', async () => {
    const github = env.github!;
    const blobs = env.deps().blobs;
    const directory = partnerDirectory();
    const organisations = Object.keys(directory.organisations);
    const existing = Object.entries(directory.organisations).flatMap(([org, o]) => o.offers.map((offer) => ({ org, slug: offer.slug }))).slice(0, 10);
    let now = new Date(TEST_NOW);
    const records: ProposalRecord[] = [];
    for (const { org, slug } of existing) {
      const text = withChanges(github.fileAt('main', `content/offers/${slug}.md`)!, { schedule_note: 'Neu: nach Vereinbarung' });
      records.push(record(org, slug, text, false, now));
    }
    for (let i = 0; i < 40; i++) {
      const org = organisations[i % organisations.length];
      const text = withChanges(newOfferTemplate(org, TEST_TODAY), { title: `Neues Angebot ${i}`, summary: 'Kurz.', categories: ['arbeit'], online: true, cost: { free: true } });
      records.push(record(org, `neues-angebot-${i}`, text, true, now));
    }
    github.setFaults({ rate: 0.3, hangShare: 0.3, seed: 7 });
    const writer = env.writer as GitHubWriter;
    for (const r of records) {
      // As the function does: stored first, then one attempt.
      expect((await saveProposal(blobs, r)).isNew).toBe(true);
      await landProposal(blobs, writer, r.id, now);
    }
    // A double submit changes nothing.
    expect((await saveProposal(blobs, records[0])).isNew).toBe(false);
    let rounds = 0;
    while ((await listProposals(blobs)).some((r) => r.state === 'queued') && rounds < 200) {
      now = new Date(now.getTime() + 4 * 60 * 60_000);
      await retryDue(blobs, writer, now);
      rounds++;
    }
    const stored = await listProposals(blobs);
    process.stdout.write(`github faults: ${github.faults.injected} injected (${github.faults.hangs} hangs, ${github.faults.afterEffect} after the effect), ${rounds} retry rounds, attempts ${stored.reduce((n, r) => n + r.attempts, 0)}\n`);
    expect(stored.filter((r) => r.state === 'landed')).toHaveLength(50);
    expect(github.faults.injected).toBeGreaterThan(20);
    expect(github.faults.hangs).toBeGreaterThan(0);
    expect(github.faults.afterEffect).toBeGreaterThan(0);

    github.setFaults(undefined);
    const pulls = github.pulls().filter((p) => p.state === 'open');
    expect(pulls).toHaveLength(50);
    expect(new Set(pulls.map((p) => p.head)).size).toBe(50);
    const mainCommits = github.commitCount('main');
    expect(mainCommits).toBe(1);
    for (const r of records) {
      const branch = `cms/offers/${r.slug}`;
      const pull = pulls.find((p) => p.head === branch)!;
      expect(pull, branch).toBeDefined();
      expect(pull.labels.filter((l) => l.startsWith('decap-cms/'))).toEqual(['decap-cms/pending_review']);
      expect(pull.title).toBe(r.title);
      expect(github.commitMessage(branch)).toContain(`Quartiersnetz-Proposal: ${r.id}`);
      expect(github.fileAt(branch, r.path)).toBe(r.text);
      // exactly one commit on top of main: the proposal did not land twice
      expect(github.commitCount(branch)).toBe(mainCommits + 1);
    }
    const waiting = await writer.waiting();
    expect(waiting).toHaveLength(50);
    expect(waiting.every((w) => w.status === 'pending_review')).toBe(true);
  }, 300_000);

  it('updates the waiting entry for a second proposal: same pull request, new content', async () => {
    const github = env.github!;
    const blobs = env.deps().blobs;
    const slug = partnerDirectory().organisations['kinderhauser-arbeitslosen-initiative'].offers[0].slug;
    const before = github.pulls().length;
    const text = withChanges(github.fileAt('main', `content/offers/${slug}.md`)!, { schedule_note: 'Zweiter Vorschlag' });
    const later = new Date(Date.parse(TEST_NOW) + 86_400_000);
    const second = record('kinderhauser-arbeitslosen-initiative', slug, text, false, later);
    await saveProposal(blobs, second);
    expect(await landProposal(blobs, env.writer, second.id, later)).toBe('landed');
    expect(github.pulls().length).toBe(before + (github.pulls().some((p) => p.head === `cms/offers/${slug}` && p.number <= before) ? 0 : 1));
    expect(github.pulls().filter((p) => p.head === `cms/offers/${slug}` && p.state === 'open')).toHaveLength(1);
    expect(github.fileAt(`cms/offers/${slug}`, `content/offers/${slug}.md`)).toContain('Zweiter Vorschlag');
  });
});
