/**
 * The newsletter mail: one template, German HTML and text with the same parts (site
 * name, post, attachments, imprint, unsubscribe), built from what the build hands over
 * (generated/newsletter.json); and the editors' preview CLI.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { loadContent } from '../../src/lib/load-content.ts';
import { buildNewsletterData, renderPostBody } from '../../src/lib/newsletter-data.ts';
import { listOutbox } from '../../functions/lib/outbox.ts';
import { issueMail, confirmationMail } from '../../functions/lib/newsletter/templates.ts';

const ORIGIN = 'https://quartiersnetz-kinderhaus.example.org';
const { content } = loadContent(process.cwd());
const data = await buildNewsletterData(content, ORIGIN);
const UNSUBSCRIBE = `${ORIGIN}/api/newsletter/unsubscribe?token=abc.def`;

describe('newsletter data from the build', () => {
  it('lists the networks and exactly the posts marked for the newsletter', () => {
    expect(data.networks.map((n) => n.slug)).toEqual(['netzwerk-sprache', 'netzwerk-jugend-ausbildung', 'netzwerk-beschaeftigung']);
    const marked = content.news.filter((n) => n.data.newsletter).map((n) => n.id).sort();
    expect(data.posts.map((p) => p.slug).sort()).toEqual(marked);
    expect(marked.length).toBeGreaterThan(0);
    expect(data.site).toMatchObject({ title: 'Quartiersnetz Kinderhaus', url: ORIGIN, mailFrom: 'Quartiersnetz Kinderhaus <newsletter@example.org>', imprintPath: '/impressum/' });
  });

  it('renders post bodies with the site’s sanitising: no script, no foreign image, no handler', async () => {
    const html = await renderPostBody('Hallo <script>alert(1)</script> <img src="https://tracker.example/p.gif" alt="Pixel"> <a href="javascript:alert(1)" onclick="x()">Klick</a> [intern](/angebote/)');
    expect(html).not.toMatch(/<script|tracker\.example|onclick|javascript:/);
    expect(html).toContain('href="/angebote/"');
  });
});

describe('newsletter mail template', () => {
  const post = data.posts.find((p) => p.slug === 'einladung-jahrestreffen-2027')!;
  const mail = issueMail(post, data, ORIGIN, { networks: ['netzwerk-sprache', 'netzwerk-beschaeftigung'], unsubscribeUrl: UNSUBSCRIBE });

  it('has site name, post, attachments, imprint and unsubscribe link in HTML and text', () => {
    expect(mail.subject).toBe(post.title);
    for (const body of [mail.html, mail.text]) {
      expect(body).toContain('Quartiersnetz Kinderhaus');
      expect(body).toContain(post.summary);
      expect(body).toContain(`${ORIGIN}/uploads/jahrestreffen-2027-einladung.pdf`);
      expect(body).toContain(`${ORIGIN}/impressum/`);
      expect(body).toContain(`${ORIGIN}/aktuelles/einladung-jahrestreffen-2027/`);
      expect(body).toContain(UNSUBSCRIBE);
      expect(body).toContain('Newsletter abbestellen');
      expect(body).toContain('Netzwerk I: Verbesserung berufsbezogener Sprachkompetenz und Netzwerk III: Wege in Beschäftigung');
    }
    expect(mail.html).toContain('<strong>Jahrestreffen aller drei Netzwerke</strong>');
    expect(mail.text).toContain('**Jahrestreffen aller drei Netzwerke**');
    expect(mail.html).toMatch(/^<!doctype html>\n<html lang="de"[ >]/);
    expect(mail.headers).toEqual({ 'List-Unsubscribe': `<${UNSUBSCRIBE}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
  });

  it('escapes what editors typed', () => {
    const hostile = { ...post, title: 'Treffen <b>&</b> "Austausch"', summary: '<img src=x onerror=alert(1)>' };
    const rendered = issueMail(hostile, data, ORIGIN, { networks: ['netzwerk-sprache'], unsubscribeUrl: UNSUBSCRIBE });
    expect(rendered.html).toContain('Treffen &lt;b&gt;&amp;&lt;/b&gt; &quot;Austausch&quot;');
    expect(rendered.html).not.toContain('<img src=x');
  });

  it('the confirmation mail carries the request, the link and the consent, and no post', () => {
    const confirmUrl = `${ORIGIN}/api/newsletter/confirm?token=x.y`;
    const request = confirmationMail(data, ORIGIN, { networks: ['netzwerk-jugend-ausbildung'], confirmUrl, expiresAt: '2026-11-23T09:00:00.000Z', consentText: 'Einwilligungstext' });
    for (const body of [request.html, request.text]) {
      expect(body).toContain(confirmUrl);
      expect(body).toContain('Netzwerk II: Jugendliche auf dem Weg in Ausbildung und Job');
      expect(body).toContain('Einwilligungstext');
      expect(body).toContain('Montag, 23. November 2026 um 10:00');
      for (const p of data.posts) expect(body).not.toContain(p.title);
    }
  });
});

describe('npm run newsletter:preview', () => {
  it('writes the mail of a post into the outbox and explains unknown slugs in German', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qn-preview-'));
    try {
      const run = (slug: string) => spawnSync(process.execPath, ['scripts/newsletter-preview.ts', slug], { encoding: 'utf8', env: { ...process.env, QN_OUTBOX_DIR: dir, NEWSLETTER_SECRET: '', RESEND_API_KEY: '' } });
      const ok = run('einladung-jahrestreffen-2027');
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.stdout).toContain('Vorschau geschrieben');
      const [entry] = listOutbox(dir);
      const parsed = await PostalMime.parse(readFileSync(entry.file, 'utf8'));
      expect(parsed.subject).toBe('Einladung zum Jahrestreffen aller Netzwerke am 27. Januar 2027');
      expect(parsed.headers.find((h) => h.key === 'list-unsubscribe-post')?.value).toBe('List-Unsubscribe=One-Click');
      expect(parsed.html).toContain('Newsletter abbestellen');

      const missing = run('gibt-es-nicht');
      expect(missing.status).toBe(1);
      expect(missing.stderr).toContain('Die Meldung „gibt-es-nicht“ gibt es nicht');
      expect(listOutbox(dir)).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
