/**
 * "Nachricht an das Netzwerk" through the production bundle under `netlify serve`
 * (tests/helpers/netlify-serve.ts): the multipart post with a real PDF goes through
 * Netlify's function routing and the one request reader, lands as a Decap workflow
 * entry (entry + PDF in one commit) in a content repository of its own, and the office
 * mail reaches the Resend fake; a renamed HTML page and a fourth file are refused in
 * German, with nothing landed.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { netlifyServe, SERVE_DEFAULT_ENV, type ServedSite } from '../helpers/netlify-serve.ts';
import { issuePartnerToken } from '../../functions/lib/partner/token.ts';
import { htmlPage, realPdf } from './pdf.ts';

const ORG = 'kinderhauser-arbeitslosen-initiative';
let site: ServedSite;
let repo: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });

/** One content repository per test run, next to the run's servers (removed with them). */
function contentRepo(): string {
  const dir = join(process.env.QN_SERVE_RUN_DIR!, 'board-content-repo');
  if (!existsSync(dir)) {
    mkdirSync(dir);
    cpSync(join(process.cwd(), 'content'), join(dir, 'content'), { recursive: true });
    execFileSync('git', ['init', '--quiet', '--initial-branch=main'], { cwd: dir });
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', 'add', '.'], { cwd: dir });
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', 'commit', '--quiet', '-m', 'content'], { cwd: dir });
  }
  return dir;
}

beforeAll(async () => {
  repo = contentRepo();
  site = await netlifyServe({ name: 'board-message', env: { QN_GIT_DIRECTORY: repo } });
}, 300_000);

function post(title: string, files: Array<{ name: string; bytes: Uint8Array; type?: string }>): Promise<Response> {
  const form = new FormData();
  form.append('t', issuePartnerToken(ORG, 45, SERVE_DEFAULT_ENV.PARTNER_SECRET, new Date()));
  form.append('action', 'send-message');
  form.append('title', title);
  form.append('text', 'Wir suchen Ehrenamtliche für die Hausaufgabenhilfe.\n\nDetails im Flyer.');
  form.append('networks', 'netzwerk-jugend-ausbildung');
  for (const file of files) form.append('attachments', new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type ?? 'application/pdf' }));
  return fetch(`${site.url}/partner/`, { method: 'POST', body: form });
}

describe('a partner’s message through netlify serve', () => {
  it('takes a real PDF through the multipart path into the workflow and tells the office once', async () => {
    const pdf = await realPdf('Hausaufgabenhilfe');
    const response = await post('Ehrenamtliche gesucht', [{ name: 'flyer.pdf', bytes: pdf }]);
    const html = await response.text();
    expect(response.status, site.log()).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(html).toContain('wartet jetzt auf die Freigabe');
    const branch = 'cms/news/ehrenamtliche-gesucht';
    expect(git('config', `branch.${branch}.description`).trim()).toBe('decap-cms/pending_review');
    expect(execFileSync('git', ['show', `${branch}:public/uploads/ehrenamtliche-gesucht-flyer.pdf`], { cwd: repo }).equals(Buffer.from(pdf))).toBe(true);
    expect(git('show', `${branch}:content/news/ehrenamtliche-gesucht.md`)).toContain('author: kinderhauser-arbeitslosen-initiative');
    await expect.poll(async () => (await site.resend.delivered()).filter((m) => m.subject?.includes('„ehrenamtliche-gesucht“')).length, { timeout: 20_000 }).toBe(1);
  }, 120_000);

  it('refuses a renamed HTML page and a fourth file in German, landing nothing', async () => {
    const branches = () => git('branch', '--list', 'cms/*');
    const before = branches();
    const renamed = await post('Getarnte Seite', [{ name: 'flyer.pdf', bytes: htmlPage }]);
    expect(renamed.status).toBe(400);
    expect(await renamed.text()).toContain('„flyer.pdf“ ist kein PDF-Dokument');
    const pdf = await realPdf('Teil');
    const four = await post('Vier Anhänge', [1, 2, 3, 4].map((n) => ({ name: `teil-${n}.pdf`, bytes: pdf })));
    expect(four.status).toBe(400);
    expect(await four.text()).toContain('höchstens 3 Dateien');
    expect(branches()).toBe(before);
  }, 120_000);
});
