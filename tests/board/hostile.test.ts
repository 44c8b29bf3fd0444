/**
 * A generated hostile suite against "Nachricht an das Netzwerk" (200 cases from a fixed
 * seed): hostile titles and texts, foreign and made-up networks, extra fields, files that
 * are not PDFs, too many, empty, truncated, renamed, and bodies over the cap. Afterwards:
 * no answer was a 5xx, main is untouched, every workflow branch is a news entry of this
 * organisation whose file passes the news schema and the cross-checks, every file on it is
 * that entry or a PDF under public/uploads/ that passes the content check, and no log
 * line carried the token.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPartnerEnv, git, type PartnerEnv } from '../partner/env.ts';
import { handlePartner } from '../../functions/lib/partner/service.ts';
import { issuePartnerToken } from '../../functions/lib/partner/token.ts';
import { entryData } from '../../functions/lib/partner/entry-file.ts';
import { MAX_MESSAGE_BYTES } from '../../functions/lib/partner/message.ts';
import { newsSchema } from '../../src/schema/news.ts';
import { dropEmpty } from '../../src/schema/index.ts';
import { pdfStructure } from '../../src/schema/uploads.ts';
import { seededRandom } from '../../scripts/lib/seeded-random.ts';
import { TEST_NOW } from '../helpers/clock.ts';
import { bigPdf, fakeHeader, htmlPage, multipartPost, realPdf, shellScript } from './pdf.ts';

const ORG = 'kinderhauser-arbeitslosen-initiative';
const CASES = 200;
let env: PartnerEnv;
let token: string;
let start: string;

beforeAll(async () => {
  env = await startPartnerEnv();
  token = issuePartnerToken(ORG, 45, process.env.PARTNER_SECRET!, new Date(TEST_NOW));
  start = git(env.repo, 'rev-parse', 'main').trim();
});
afterAll(() => env?.stop());

const TEXTS = ['', ' ', 'x'.repeat(10_001), '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '\u0000\u0001', '---\nauthor: caritas-migrationsdienst\n---', 'a\nnewsletter: false', '{{ 7*7 }}', '../../../etc/passwd', '🙂'.repeat(200), '__proto__', 'Praktikum gesucht', 'Ä Ö Ü ß', '#'];
const NETWORKS = ['netzwerk-sprache', 'netzwerk-jugend-ausbildung', 'netzwerk-gibt-es-nicht', '../netzwerk-sprache', '', 'NETZWERK-SPRACHE', 'netzwerk-beschaeftigung'];
const EXTRA: Array<[string, string]> = [['author', 'caritas-migrationsdienst'], ['collection', 'offers'], ['target', 'offers/job-cafe'], ['path', '../../x'], ['slug', 'x'], ['date', '2020-01-01'], ['newsletter', 'false'], ['f.title', 'x'], ['__proto__', 'x']];

describe('hostile messages', () => {
  it(`${CASES} generated posts: no 5xx, nothing outside the organisation's news entries, nothing invalid on a branch`, async () => {
    const random = seededRandom(18);
    const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)];
    const pdf = await realPdf('Echt');
    const files: Array<{ name: string; bytes: Uint8Array }> = [
      { name: 'echt.pdf', bytes: pdf },
      { name: 'skript.pdf', bytes: shellScript },
      { name: 'seite.pdf', bytes: htmlPage },
      { name: 'kopf.pdf', bytes: fakeHeader },
      { name: 'leer.pdf', bytes: new Uint8Array() },
      { name: 'halb.pdf', bytes: pdf.subarray(0, 200) },
      { name: '../../../etc/passwd.pdf', bytes: pdf },
      { name: 'flyer.exe', bytes: pdf },
    ];
    const oversized = await bigPdf(Math.ceil(MAX_MESSAGE_BYTES) + 1);
    const errors = vi.spyOn(console, 'error');
    const statuses = new Map<number, number>();
    for (let n = 0; n < CASES; n++) {
      const form = new FormData();
      form.append('t', random() < 0.05 ? `${token}x` : token);
      form.append('action', random() < 0.05 ? pick(['propose', 'sende', '']) : 'send-message');
      if (random() < 0.9) form.append('title', random() < 0.5 ? `${pick(TEXTS)} ${n}` : pick(TEXTS));
      if (random() < 0.9) form.append('text', pick(TEXTS) || `Text ${n}`);
      for (let i = Math.floor(random() * 3); i > 0; i--) form.append('networks', pick(NETWORKS));
      if (random() < 0.15) form.append(...pick(EXTRA));
      for (let i = Math.floor(random() * 5); i > 0; i--) {
        const file = random() < 0.03 ? { name: 'riesig.pdf', bytes: oversized } : pick(files);
        form.append(random() < 0.05 ? 'anhang' : 'attachments', new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: pick(['application/pdf', 'text/html', '']) }));
      }
      const response = await handlePartner(await multipartPost(form), env.deps({ now: new Date(Date.parse(TEST_NOW) + n * 1000) }));
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      expect(response.status, `case ${n}`).toBeLessThan(500);
    }
    // Some got through, most were refused: the suite exercised both sides.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect((statuses.get(400) ?? 0) + (statuses.get(403) ?? 0) + (statuses.get(413) ?? 0)).toBeGreaterThan(CASES / 2);

    expect(git(env.repo, 'rev-parse', 'main').trim()).toBe(start);
    const branches = git(env.repo, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/cms/').trim().split('\n').filter(Boolean);
    expect(branches.length).toBeGreaterThan(0);
    for (const branch of branches) {
      expect(branch).toMatch(/^cms\/news\/[a-z0-9]+(?:-[a-z0-9]+)*$/);
      const slug = branch.slice('cms/news/'.length);
      for (const path of git(env.repo, 'diff', '--name-only', 'main', branch).trim().split('\n')) {
        if (path === `content/news/${slug}.md`) {
          const data = newsSchema.parse(dropEmpty(entryData(git(env.repo, 'show', `${branch}:${path}`))));
          expect(data.author).toBe(ORG);
          expect(data.newsletter).toBe(true);
          expect(data.networks!.every((n) => ['netzwerk-sprache', 'netzwerk-jugend-ausbildung', 'netzwerk-beschaeftigung'].includes(n))).toBe(true);
        } else {
          expect(path).toMatch(new RegExp(`^public/uploads/${slug}-[a-z0-9-]+\\.pdf$`));
          expect(pdfStructure(execFileSync('git', ['show', `${branch}:${path}`], { cwd: env.repo }))).toBe('ok');
        }
      }
    }
    expect(errors.mock.calls.flat().join('\n')).not.toContain(token);
    errors.mockRestore();
  }, 300_000);
});
