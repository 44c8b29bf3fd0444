/**
 * A partner's message on GitHub (the local fake of the REST endpoints, through the real
 * @octokit/rest): the news file and its PDFs in one commit on cms/news/<slug>, one pull
 * request with Decap's status label, the PDF byte for byte as sent. With GitHub failing
 * or hanging, the message is stored first and the retry job (the one the other partner
 * proposals use) lands it exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPartnerEnv, type PartnerEnv } from '../partner/env.ts';
import { handlePartner } from '../../functions/lib/partner/service.ts';
import { issuePartnerToken } from '../../functions/lib/partner/token.ts';
import { PROPOSAL_STORE, listProposals, retryDue } from '../../functions/lib/partner/proposals.ts';
import { store } from '../../functions/lib/stores.ts';
import { TEST_NOW } from '../helpers/clock.ts';
import { TransientGitError, type GitWriter } from '../../functions/lib/git/index.ts';
import { multipartPost, realPdf } from './pdf.ts';

const ORG = 'kinderhauser-arbeitslosen-initiative';
let env: PartnerEnv;
let token: string;

beforeAll(async () => {
  env = await startPartnerEnv({ github: true, timeoutMs: 1500 });
  token = issuePartnerToken(ORG, 45, process.env.PARTNER_SECRET!, new Date(TEST_NOW));
});
afterAll(() => env?.stop());

function message(title: string, files: Array<{ name: string; bytes: Uint8Array }>): Promise<Request> {
  const form = new FormData();
  form.append('t', token);
  form.append('action', 'send-message');
  form.append('title', title);
  form.append('text', `${title}: Bitte weitersagen.`);
  form.append('networks', 'netzwerk-beschaeftigung');
  for (const file of files) form.append('attachments', new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: 'application/pdf' }));
  return multipartPost(form);
}

describe('a message with PDFs on GitHub', () => {
  it('lands entry and PDFs in one commit with one pull request labelled pending_review', async () => {
    const [a, b] = [await realPdf('Einladung'), await realPdf('Anmeldebogen')];
    const response = await handlePartner(await message('Einladung zum Sommerfest', [{ name: 'einladung.pdf', bytes: a }, { name: 'anmeldung.pdf', bytes: b }]), env.deps());
    expect(response.status, await response.text()).toBe(200);
    const github = env.github!;
    const branch = 'cms/news/einladung-zum-sommerfest';
    expect(github.commitCount(branch) - github.commitCount('main')).toBe(1);
    expect(github.fileAt(branch, 'content/news/einladung-zum-sommerfest.md')).toContain('author: kinderhauser-arbeitslosen-initiative');
    expect(github.fileBytes(branch, 'public/uploads/einladung-zum-sommerfest-einladung.pdf')!.equals(Buffer.from(a))).toBe(true);
    expect(github.fileBytes(branch, 'public/uploads/einladung-zum-sommerfest-anmeldung.pdf')!.equals(Buffer.from(b))).toBe(true);
    expect(github.fileAt('main', 'public/uploads/einladung-zum-sommerfest-einladung.pdf')).toBeUndefined();
    const pulls = github.pulls().filter((p) => p.head === branch);
    expect(pulls).toHaveLength(1);
    expect(pulls[0].labels).toEqual(['decap-cms/pending_review']);
    expect(pulls[0].title).toBe('Nachricht von Kinderhauser Arbeitslosen Initiative e.V.: „Einladung zum Sommerfest“');
  });

  it('stores the message before GitHub is asked, and lands it exactly once through the retry job while GitHub fails or hangs', async () => {
    const github = env.github!;
    const pdf = await realPdf('Flyer Herbst');
    // GitHub reads work (the organisation's networks are checked), every write fails.
    const writer = env.writer;
    const down: GitWriter = { kind: writer.kind, calls: 0, readFile: (p) => writer.readFile(p), commitFile: () => Promise.reject(new TransientGitError('GitHub 503')), commitFiles: () => Promise.reject(new TransientGitError('GitHub 503')), propose: () => Promise.reject(new TransientGitError('GitHub 503')), waiting: () => writer.waiting() };
    const response = await handlePartner(await message('Herbstflyer', [{ name: 'flyer.pdf', bytes: pdf }]), env.deps({ writer: down }));
    // Received (stored), although GitHub answered nothing useful.
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('wartet jetzt auf die Freigabe');
    const record = (await listProposals(store(PROPOSAL_STORE))).find((r) => r.slug === 'herbstflyer')!;
    expect(record.state).toBe('queued');
    expect(record.media).toHaveLength(1);
    expect((await store(PROPOSAL_STORE).list({ prefix: `media/${record.id}/` })).blobs).toHaveLength(1);
    expect(github.refs().has('cms/news/herbstflyer')).toBe(false);
    // GitHub flaky for a while, then fine: each run of the retry job is one more attempt.
    github.setFaults({ rate: 0.4, hangShare: 0.2, seed: 3 });
    let now = Date.parse(TEST_NOW);
    for (let run = 0; run < 30 && (await listProposals(store(PROPOSAL_STORE))).find((r) => r.id === record.id)!.state !== 'landed'; run++) {
      now += 5 * 60 * 60_000;
      await retryDue(store(PROPOSAL_STORE), env.writer, new Date(now));
    }
    github.setFaults(undefined);
    expect(github.faults.injected).toBeGreaterThan(0);
    expect((await listProposals(store(PROPOSAL_STORE))).find((r) => r.id === record.id)!.state).toBe('landed');
    const branch = 'cms/news/herbstflyer';
    expect(github.pulls().filter((p) => p.head === branch)).toHaveLength(1);
    expect(github.commitCount(branch) - github.commitCount('main')).toBe(1);
    expect(github.fileBytes(branch, 'public/uploads/herbstflyer-flyer.pdf')!.equals(Buffer.from(pdf))).toBe(true);
    expect((await store(PROPOSAL_STORE).list({ prefix: `media/${record.id}/` })).blobs).toEqual([]);
  }, 120_000);
});
