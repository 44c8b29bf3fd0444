/**
 * "Nachricht an das Netzwerk" (issue 18): GitHub API requests per message with one and
 * with three PDFs (against the local fake of GitHub's REST API, through the real
 * @octokit/rest), and the time from a submitted message with a 1 MB PDF to its workflow
 * entry in the local repository (`npm start`), including reading and checking the PDF.
 */
import { startPartnerEnv, git } from '../../tests/partner/env.ts';
import { multipartPost, realPdf } from '../../tests/board/pdf.ts';
import { handlePartner } from '../../functions/lib/partner/service.ts';
import { issuePartnerToken } from '../../functions/lib/partner/token.ts';
import { TEST_NOW } from '../../tests/helpers/clock.ts';

const ORG = 'kinderhauser-arbeitslosen-initiative';
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function form(token: string, title: string, files: Uint8Array[]): FormData {
  const data = new FormData();
  data.append('t', token);
  data.append('action', 'send-message');
  data.append('title', title);
  data.append('text', 'Wer hat einen Praktikumsplatz?\n\nBitte melden Sie sich.');
  data.append('networks', 'netzwerk-jugend-ausbildung');
  files.forEach((bytes, i) => data.append('attachments', new File([bytes as Uint8Array<ArrayBuffer>], `anhang-${i + 1}.pdf`, { type: 'application/pdf' })));
  return data;
}

// GitHub: requests per message.
{
  const env = await startPartnerEnv({ github: true });
  try {
    const token = issuePartnerToken(ORG, 45, process.env.PARTNER_SECRET!, new Date(TEST_NOW));
    const pdfs = await Promise.all([1, 2, 3].map((n) => realPdf(`Anhang ${n}`)));
    const count = async (title: string, files: Uint8Array[]) => {
      const before = env.writer.calls;
      const response = await handlePartner(await multipartPost(form(token, title, files)), env.deps());
      if (response.status !== 200) throw new Error(`message refused: ${response.status}`);
      return env.writer.calls - before;
    };
    const none = await count('Ohne Anhang', []);
    const one = await count('Mit einem Anhang', pdfs.slice(0, 1));
    const three = await count('Mit drei Anhängen', pdfs);
    console.log(`GitHub requests per message, no PDF         ${none} (reads: profile, free file name, entry branch, base branch; writes: tree, commit, branch, pull request, label)`);
    console.log(`GitHub requests per message, 1 PDF          ${one} (+1 blob per PDF)`);
    console.log(`GitHub requests per message, 3 PDFs         ${three}`);
  } finally {
    await env.stop();
  }
}

// Local git: submit → workflow entry, with a 1 MB PDF.
{
  const env = await startPartnerEnv();
  try {
    const token = issuePartnerToken(ORG, 45, process.env.PARTNER_SECRET!, new Date(TEST_NOW));
    const pdf = await realPdf('Ein Megabyte', { padding: 1024 * 1024 });
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const request = await multipartPost(form(token, `Nachricht ${i}`, [pdf]));
      const started = performance.now();
      const response = await handlePartner(request, env.deps());
      await response.text();
      times.push(performance.now() - started);
      if (response.status !== 200) throw new Error(`message refused: ${response.status}`);
      if (!git(env.repo, 'config', `branch.cms/news/nachricht-${i}.description`).includes('pending_review')) throw new Error('no workflow entry');
    }
    console.log(`local git: submit → workflow entry (1 MB PDF) median ${median(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms over ${times.length} messages`);
  } finally {
    await env.stop();
  }
}
