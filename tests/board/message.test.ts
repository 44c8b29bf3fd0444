/**
 * "Nachricht an das Netzwerk" in Node against a temporary repository (issue 18, item 1):
 * a real PDF is accepted and lands with the news post in one Decap workflow commit; what
 * only pretends to be a PDF, too big, too many or empty files are refused in German with
 * nothing stored; the organisation can write only to its own networks, and a tampered
 * post (extra fields, another collection, a path) writes nothing.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startPartnerEnv, git, type PartnerEnv } from '../partner/env.ts';
import { handlePartner } from '../../functions/lib/partner/service.ts';
import { issuePartnerToken } from '../../functions/lib/partner/token.ts';
import { entryData, splitEntry } from '../../functions/lib/partner/entry-file.ts';
import { MAX_ATTACHMENT_BYTES, attachmentProblem, summaryOf } from '../../functions/lib/partner/message.ts';
import { PROPOSAL_STORE } from '../../functions/lib/partner/proposals.ts';
import { store } from '../../functions/lib/stores.ts';
import { pdfStructure } from '../../src/schema/uploads.ts';
import { newsSchema } from '../../src/schema/news.ts';
import { TEST_NOW, TEST_TODAY } from '../helpers/clock.ts';
import { bigPdf, fakeHeader, htmlPage, multipartPost, realPdf, shellScript } from './pdf.ts';

const ORG = 'kinderhauser-arbeitslosen-initiative';
/** Belongs to netzwerk-sprache only. */
const OTHER = 'bamf-regionalkoordination';
let env: PartnerEnv;
let token: string;
let pdf: Uint8Array;

beforeAll(async () => {
  env = await startPartnerEnv();
  token = issuePartnerToken(ORG, 45, process.env.PARTNER_SECRET!, new Date(TEST_NOW));
  pdf = await realPdf();
});
afterAll(() => env?.stop());

type Part = [string, string] | [string, { name: string; bytes: Uint8Array; type?: string }];

function message(parts: Part[]): Promise<Request> {
  const form = new FormData();
  for (const [name, value] of parts) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, new File([value.bytes as Uint8Array<ArrayBuffer>], value.name, { type: value.type ?? 'application/pdf' }));
  }
  return multipartPost(form);
}

const base = (title: string, extra: Part[] = [], as = token): Part[] => [
  ['t', as],
  ['action', 'send-message'],
  ['title', title],
  ['text', 'Wer hat im Frühjahr einen **Praktikumsplatz** für Jugendliche aus Kinderhaus?\n\nBitte melden Sie sich bei uns.'],
  ['networks', 'netzwerk-jugend-ausbildung'],
  ...extra,
];

/** What a refusal must leave untouched: Blobs keys, git refs, outbox. */
async function snapshot() {
  const { blobs } = await store(PROPOSAL_STORE).list();
  return { blobs: blobs.map((b) => b.key).sort(), refs: git(env.repo, 'for-each-ref', '--format=%(refname) %(objectname)'), outbox: readdirSync(env.outboxDir).sort() };
}

async function expectRefused(pending: Promise<Request>, status: number, text: RegExp) {
  const request = await pending;
  const before = await snapshot();
  const response = await handlePartner(request, env.deps());
  const html = await response.text();
  expect(response.status, html).toBe(status);
  expect(html).toMatch(text);
  expect(await snapshot()).toEqual(before);
  return html;
}

describe('the PDF check looks at the content', () => {
  it('accepts real PDFs (classic xref table and xref stream) and refuses look-alikes', async () => {
    expect(pdfStructure(pdf)).toBe('ok');
    expect(pdfStructure(await realPdf('Objektströme', { useObjectStreams: true }))).toBe('ok');
    expect(pdfStructure(shellScript)).toBe('not-pdf');
    expect(pdfStructure(htmlPage)).toBe('not-pdf');
    expect(pdfStructure(fakeHeader)).toBe('broken');
    expect(pdfStructure(pdf.subarray(0, Math.floor(pdf.length / 2)))).toBe('broken');
    // Offsets a few bytes off (as readers repair them) still pass.
    const shifted = new Uint8Array([...pdf.subarray(0, 9), 0x20, 0x20, 0x20, ...pdf.subarray(9)]);
    expect(pdfStructure(shifted)).toBe('ok');
  });
});

describe('the summary of a message', () => {
  it('is its first paragraph of text, without Markdown, HTML or link targets, at most 200 characters', () => {
    expect(summaryOf('## Praktikum\n\nWer hat **Plätze**? Siehe [Flyer](https://example.org/x.pdf) <b>bitte</b>.\n\nMehr.')).toBe('Wer hat Plätze? Siehe Flyer bitte.');
    const long = summaryOf(`${'Wort '.repeat(80)}\n\nRest`);
    expect(long.length).toBeLessThanOrEqual(200);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('Nachricht an das Netzwerk', () => {
  let count = 0;
  beforeEach(() => void count++);

  it('shows the form with only the organisation’s own networks', async () => {
    const response = await handlePartner(await message([['t', token], ['action', 'message']]), env.deps());
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('enctype="multipart/form-data"');
    expect([...html.matchAll(/name="networks" value="([a-z-]+)"/g)].map((m) => m[1]).sort()).toEqual(['netzwerk-beschaeftigung', 'netzwerk-jugend-ausbildung', 'netzwerk-sprache']);
    const other = issuePartnerToken(OTHER, 45, process.env.PARTNER_SECRET!, new Date(TEST_NOW));
    const theirs = await (await handlePartner(await message([['t', other], ['action', 'message']]), env.deps())).text();
    expect([...theirs.matchAll(/name="networks" value="([a-z-]+)"/g)].map((m) => m[1])).toEqual(['netzwerk-sprache']);
  });

  it('turns a message with a real PDF into a news proposal in Decap’s workflow: entry and PDF in one commit, one office mail', async () => {
    const response = await handlePartner(await message(base('Praktikumsplätze gesucht', [['attachments', { name: 'Flyer Praktikum.pdf', bytes: pdf }]])), env.deps());
    const html = await response.text();
    expect(response.status, html).toBe(200);
    expect(html).toContain('wartet jetzt auf die Freigabe');
    const branch = 'cms/news/praktikumsplaetze-gesucht';
    expect(git(env.repo, 'config', `branch.${branch}.description`).trim()).toBe('decap-cms/pending_review');
    expect(git(env.repo, 'rev-list', '--count', `main..${branch}`).trim()).toBe('1');
    expect(git(env.repo, 'diff', '--name-only', 'main', branch).trim().split('\n').sort()).toEqual(['content/news/praktikumsplaetze-gesucht.md', 'public/uploads/praktikumsplaetze-gesucht-flyer-praktikum.pdf']);
    // Byte for byte: git show writes the blob as stored.
    const landed = execFileSync('git', ['show', `${branch}:public/uploads/praktikumsplaetze-gesucht-flyer-praktikum.pdf`], { cwd: env.repo });
    expect(landed.equals(Buffer.from(pdf))).toBe(true);
    const text = git(env.repo, 'show', `${branch}:content/news/praktikumsplaetze-gesucht.md`);
    const data = newsSchema.parse(entryData(text));
    expect(data).toMatchObject({ title: 'Praktikumsplätze gesucht', date: TEST_TODAY, networks: ['netzwerk-jugend-ausbildung'], author: ORG, newsletter: true, attachments: [{ title: 'Flyer Praktikum (PDF)', file: '/uploads/praktikumsplaetze-gesucht-flyer-praktikum.pdf' }] });
    expect(data.summary).toBe('Wer hat im Frühjahr einen Praktikumsplatz für Jugendliche aus Kinderhaus?');
    expect(splitEntry(text)!.body).toContain('**Praktikumsplatz**');
    // Landed: no second copy of the partner's file stays in Blobs.
    expect((await store(PROPOSAL_STORE).list({ prefix: 'media/' })).blobs).toEqual([]);
    // The office hears of it once; a double submit is the same proposal.
    const mails = () => readdirSync(env.outboxDir).filter((f) => f.endsWith('.eml'));
    expect(mails()).toHaveLength(1);
    const mail = await PostalMime.parse(readFileSync(join(env.outboxDir, mails()[0])));
    expect(mail.subject).toBe('Vorschlag von Kinderhauser Arbeitslosen Initiative e.V.: Nachricht an das Netzwerk „praktikumsplaetze-gesucht“ wartet auf Freigabe');
    expect(mail.text).toContain('1 PDF-Anhang');
    await handlePartner(await message(base('Praktikumsplätze gesucht', [['attachments', { name: 'Flyer Praktikum.pdf', bytes: pdf }]])), env.deps());
    expect(mails()).toHaveLength(1);
    expect(git(env.repo, 'rev-list', '--count', `main..${branch}`).trim()).toBe('1');
  });

  it.each([
    ['a shell script renamed to .pdf', { name: 'flyer.pdf', bytes: shellScript }, /„flyer\.pdf“ ist kein PDF-Dokument/],
    ['an HTML page renamed to .pdf', { name: 'einladung.pdf', bytes: htmlPage, type: 'application/pdf' }, /„einladung\.pdf“ ist kein PDF-Dokument/],
    ['an HTML page under its own name', { name: 'seite.html', bytes: htmlPage, type: 'text/html' }, /„seite\.html“ ist kein PDF-Dokument/],
    ['a file with only a PDF header typed in front', { name: 'trick.pdf', bytes: fakeHeader }, /„trick\.pdf“ ist ein unvollständiges oder beschädigtes PDF/],
    ['an empty file', { name: 'leer.pdf', bytes: new Uint8Array() }, /„leer\.pdf“ ist leer/],
  ])('refuses %s in German and stores nothing', async (_name, file, text) => {
    const html = await expectRefused(message(base(`Test ${count}`, [['attachments', file]])), 400, text);
    // Nothing typed is lost.
    expect(html).toContain('value="Test ');
    expect(html).toContain('**Praktikumsplatz**');
  });

  it('refuses a PDF over 5 MB and a fourth file, storing nothing', async () => {
    // Over the request cap (4 MB, Netlify's limit for binary bodies) the reader stops reading.
    const html = await expectRefused(message(base('Zu groß', [['attachments', { name: 'gross.pdf', bytes: await bigPdf(MAX_ATTACHMENT_BYTES + 1) }]])), 413, /Die Anhänge sind zusammen zu groß: Eine Nachricht kann höchstens 4 MB mitnehmen/);
    expect(html).toContain('Es wurde nichts gespeichert');
    // The per-file rule holds on its own too (for a post that could carry more).
    expect(attachmentProblem({ field: 'attachments', name: 'gross.pdf', type: 'application/pdf', bytes: await bigPdf(MAX_ATTACHMENT_BYTES + 1) })).toMatch(/„gross\.pdf“ ist 5 MB groß, erlaubt sind höchstens 5 MB/);
    const four: Part[] = [1, 2, 3, 4].map((n) => ['attachments', { name: `teil-${n}.pdf`, bytes: pdf }]);
    await expectRefused(message(base('Vier Dateien', four)), 400, /höchstens 3 Dateien an \(Sie haben 4 gewählt\)/);
  });

  it('refuses files that are each allowed but together over the request cap, in German, storing nothing', async () => {
    const part = await realPdf('Teil', { padding: 2.1 * 1024 * 1024 });
    await expectRefused(message(base('Zu viel zusammen', [['attachments', { name: 'a.pdf', bytes: part }], ['attachments', { name: 'b.pdf', bytes: part }]])), 413, /Die Anhänge sind zusammen zu groß/);
  });

  it('refuses a network the organisation does not belong to, and a message without a network', async () => {
    const other = issuePartnerToken(OTHER, 45, process.env.PARTNER_SECRET!, new Date(TEST_NOW));
    await expectRefused(message(base('Fremdes Netzwerk', [], other)), 400, /nur an Netzwerke schreiben, zu denen Ihre Organisation gehört/);
    await expectRefused(message(base('Nicht vorhanden', [['networks', 'netzwerk-gibt-es-nicht']])), 400, /nur an Netzwerke schreiben/);
    const none = base('Ohne Netzwerk').filter(([name]) => name !== 'networks');
    await expectRefused(message(none), 400, /mindestens ein Netzwerk/);
  });

  it.each([
    ['another author', [['author', OTHER]]],
    ['another collection', [['collection', 'offers']]],
    ['a target path', [['target', 'offers/job-cafe']]],
    ['a path outside the repository', [['path', '../../etc/passwd']]],
    ['extra front matter', [['newsletter', 'false'], ['f.title', 'x']]],
    ['a file under another field name', [['text-datei', { name: 'x.pdf', bytes: new Uint8Array([1]) }]]],
  ] as Array<[string, Part[]]>)('refuses a post with %s and writes nothing', async (_name, extra) => {
    await expectRefused(message(base(`Manipuliert ${count}`, extra)), 400, /unerwartete (Felder|Dateien)/);
  });

  it('refuses a forged link, storing nothing', async () => {
    await expectRefused(message(base('Gefälscht', [['attachments', { name: 'a.pdf', bytes: pdf }]], `${token.slice(0, -2)}xx`)), 403, /Link ist nicht gültig/);
  });
});
