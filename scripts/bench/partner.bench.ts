/**
 * Partner links (issue 13): GitHub API requests per confirmation and per proposal
 * (against the local fake of GitHub's REST API, through the real @octokit/rest), and the
 * time from a submitted proposal to its workflow entry in the local repository
 * (`npm start`: decap-server's git mode lists it from then on).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPartnerEnv, post, git } from '../../tests/partner/env.ts';
import { confirmEntry, handlePartner } from '../../functions/lib/partner/service.ts';
import { issuePartnerToken } from '../../functions/lib/partner/token.ts';
import { entryData, splitEntry } from '../../functions/lib/partner/entry-file.ts';
import { proposalForm } from '../../functions/lib/partner/forms.ts';
import { postedFromEntry } from '../../functions/lib/partner/form-render.ts';
import { partnerDirectory } from '../../functions/lib/partner/directory.ts';
import { TEST_NOW } from '../../tests/helpers/clock.ts';

const ORG = 'kinderhauser-arbeitslosen-initiative';
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function proposalForm_(text: string, token: string, slug: string, closes: string): Array<[string, string]> {
  const posted = postedFromEntry(proposalForm('offers', partnerDirectory()), entryData(text)!);
  const form: Array<[string, string]> = [['t', token], ['action', 'propose'], ['target', `offers/${slug}`], ['body', splitEntry(text)!.body]];
  for (const [key, values] of posted) for (const value of values) form.push([key, key === 'f.schedule_note' ? `Stand ${closes}` : value]);
  if (!posted.has('f.schedule_note')) form.push(['f.schedule_note', `Stand ${closes}`]);
  return form;
}

// GitHub: requests per action.
{
  const env = await startPartnerEnv({ github: true });
  const silence = console.error;
  console.error = () => {};
  try {
    const token = issuePartnerToken(ORG, 45, process.env.PARTNER_SECRET!, new Date(TEST_NOW));
    const offers = partnerDirectory().organisations[ORG].offers.map((o) => o.slug);
    const writer = env.writer;
    const count = async (job: () => Promise<unknown>) => {
      const before = writer.calls;
      await job();
      return writer.calls - before;
    };
    const confirm = await count(() => confirmEntry(env.deps(), ORG, 'offers', offers[0]));
    const again = await count(() => confirmEntry(env.deps(), ORG, 'offers', offers[0]));
    const text = env.github!.fileAt('main', `content/offers/${offers[1]}.md`)!;
    const first = await count(() => handlePartner(post(proposalForm_(text, token, offers[1], '1')), env.deps()));
    const second = await count(() => handlePartner(post(proposalForm_(text, token, offers[1], '2')), env.deps()));
    console.log(`GitHub requests per confirmation            ${confirm} (read file + commit); a repeated click: ${again} (read only)`);
    console.log(`GitHub requests per proposal, first        ${first} (opens the workflow entry; incl. 1 read of the current file)`);
    console.log(`GitHub requests per proposal, second       ${second} (updates the waiting entry: same pull request)`);
    console.log(`  by endpoint: ${[...env.github!.requests].map(([k, v]) => `${k} ×${v}`).join(', ')}`);
  } finally {
    console.error = silence;
    await env.stop();
  }
}

// Local git: submit → workflow entry.
{
  const env = await startPartnerEnv();
  try {
    const token = issuePartnerToken(ORG, 45, process.env.PARTNER_SECRET!, new Date(TEST_NOW));
    const offers = partnerDirectory().organisations[ORG].offers.map((o) => o.slug);
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const slug = offers[i % offers.length];
      const text = readFileSync(join(env.repo, 'content/offers', `${slug}.md`), 'utf8');
      const started = performance.now();
      const response = await handlePartner(post(proposalForm_(text, token, slug, String(i))), env.deps());
      await response.text();
      times.push(performance.now() - started);
      if (!git(env.repo, 'config', `branch.cms/offers/${slug}.description`).includes('pending_review')) throw new Error('no workflow entry');
    }
    console.log(`local git: submit → workflow entry          median ${median(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms over ${times.length} proposals (git ${env.writer.calls} commands)`);
  } finally {
    await env.stop();
  }
}
