/**
 * Issue 25: one mail layout for every mail. Each kind of mail (scripts/lib/mail-samples.ts,
 * the same samples as `npm run mail:preview`) is checked with doiuse-email for the
 * clients partners and residents use, and for what Outlook for Windows needs; the layout
 * compiled into functions/lib/mail-layout/compiled.ts must match its MJML source.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error mjml 5 ships no type declarations
import mjml2html from 'mjml';
import { parseDocument, DomUtils } from 'htmlparser2';
import { compileLayout, compiledModule } from '../../functions/lib/mail-layout/source/compile.ts';
import { THEME } from '../../functions/lib/mail-layout/compiled.ts';
import { renderLayout } from '../../functions/lib/mail-layout/index.ts';
import { LONGEST_UNBROKEN } from '../../functions/lib/mail-layout/text.ts';
import { mailSamples } from '../../scripts/lib/mail-samples.ts';
import { checkEmail, HARMLESS } from './doiuse.ts';

const samples = await mailSamples();
const mails = samples.map((s) => ({ id: s.id, ...s.render() }));

/** The HTML outside comments: what every client except Outlook for Windows reads. */
const outsideComments = (html: string) => html.replace(/<!--[\s\S]*?-->/g, '');

describe('the compiled layout', () => {
  it('is what MJML makes of the source and the colours in src/styles/global.css (run npm run mail:layout)', async () => {
    const { theme, shell } = await compileLayout(mjml2html, readFileSync('src/styles/global.css', 'utf8'));
    expect(readFileSync('functions/lib/mail-layout/compiled.ts', 'utf8')).toBe(compiledModule(theme, shell));
  });

  it('is the only layout: no function loads MJML, and no mail keeps a shell of its own', () => {
    const files = (readdirSync('functions', { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join('functions', f));
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      expect(source, file).not.toMatch(/from ['"]mjml['"]|import\(['"]mjml['"]\)/);
      if (!file.includes(join('lib', 'mail-layout'))) {
        expect(source, file).not.toMatch(/mail-layout\/source\//);
        // A document shell outside the layout would be a second layout.
        if (/render-mail|templates|reminders|partner\/mails/.test(file)) expect(source, file).not.toMatch(/<!doctype html>/i);
      }
    }
  });

  it('names the token when the site’s colours cannot be used in mail', async () => {
    const { themeFromCss } = await import('../../functions/lib/mail-layout/source/theme.ts');
    const css = readFileSync('src/styles/global.css', 'utf8');
    expect(() => themeFromCss(css.replace(/--qn-color-link:[^;]+;/, ''))).toThrow('src/styles/global.css defines no --qn-color-link');
    expect(() => themeFromCss(css.replace(/--qn-green-700: #[0-9a-f]+;/, '--qn-green-700: oklch(40% 0.1 160);'))).toThrow(/--qn-color-brand is oklch.*#rrggbb/);
  });

  it('takes the site colours from the site’s tokens', () => {
    const css = readFileSync('src/styles/global.css', 'utf8');
    expect(css).toContain(`--qn-green-700: ${THEME.brand};`);
    expect(css).toContain(`--qn-gray-900: ${THEME.text};`);
  });
});

describe.each(mails)('$id', (mail) => {
  it('has 0 doiuse-email errors for Outlook, Gmail, Apple Mail, GMX, WEB.DE, Yahoo and Thunderbird', () => {
    const result = checkEmail(mail.html);
    expect(result.errors).toEqual([]);
    for (const excused of result.excused) expect(Object.keys(HARMLESS).some((f) => excused.startsWith(f)), excused).toBe(true);
  });

  it('holds its width in Outlook for Windows: 600 px MSO tables, layout tables role="presentation", px sizes, lang', () => {
    expect(mail.html).toMatch(/<!--\[if mso \| IE\]><table [^>]*width="600"/);
    expect(mail.html).toMatch(/^<!doctype html>\n<html lang="de"/);
    const doc = parseDocument(outsideComments(mail.html));
    const tables = DomUtils.getElementsByTagName('table', doc);
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) expect(table.attribs.role).toBe('presentation');
    const styles = DomUtils.findAll((el) => el.attribs.style !== undefined, doc.children).map((el) => el.attribs.style);
    for (const style of styles) {
      expect(style).not.toMatch(/\d(?:\.\d+)?(rem|em|pt|vw|vh)\b/);
      expect(style).not.toMatch(/white-space|word-break|overflow|display:\s*none|max-height/);
    }
    // Only Outlook for Windows reads its conditional comments (and their one <style>).
    expect(outsideComments(mail.html)).not.toMatch(/<style|<link|<script|\ssrc=/);
    expect(mail.html).not.toMatch(/<link|<script|\ssrc=|@import/);
  });

  it('hides its preheader without display:none or overflow, and keeps the page colour when a client drops <body>', () => {
    const doc = parseDocument(outsideComments(mail.html));
    const wrapper = DomUtils.findOne((el) => el.attribs.role === 'article', doc.children)!;
    expect(wrapper.attribs.style).toContain(`background-color:${THEME.page}`);
    const preheader = DomUtils.findOne((el) => el.name === 'div' && /mso-hide:all/.test(el.attribs.style ?? ''), doc.children)!;
    expect(preheader.attribs.style).toContain('font-size:0px');
    expect(preheader.attribs.style).toContain(`color:${THEME.page}`);
    expect(DomUtils.textContent(preheader).trim().length).toBeGreaterThan(10);
  });

  it('has links with visible text, and every link in the text part too', () => {
    const doc = parseDocument(outsideComments(mail.html));
    const links = DomUtils.getElementsByTagName('a', doc);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(DomUtils.textContent(link).trim(), link.attribs.href).not.toBe('');
      expect(link.attribs.href).toMatch(/^https?:\/\//);
      expect(mail.text).toContain(link.attribs.href);
    }
  });

  it('breaks every long word in the HTML part', () => {
    // A line break before every tag: <br> and block ends separate words as they do on screen.
    const text = DomUtils.textContent(parseDocument(outsideComments(mail.html).replace(/</g, '\n<')));
    const longest = Math.max(...text.split(/[\s\u200b]+/).map((w) => [...w].length));
    expect(longest).toBeLessThanOrEqual(LONGEST_UNBROKEN);
  });
});

describe('a resident’s words arrive as written', () => {
  const site = { title: 'Quartiersnetz Kinderhaus', url: 'https://quartier.example.org' };
  const render = (text: string) => renderLayout({ site, title: 'Test', preheader: 'Test', main: [{ kind: 'quote', text }], footer: [] });

  it('two lines and a second paragraph: <br> and two <p> in the HTML, the same lines in the text, no CSS white-space', async () => {
    const message = 'Erste Zeile\r\nzweite Zeile\n\nZweiter Absatz.';
    const contact = samples.find((s) => s.id === 'kontakt-organisation')!;
    const mail = render(message);
    expect(mail.html).toMatch(/<p [^>]*>Erste Zeile<br>zweite Zeile<\/p><p [^>]*>Zweiter Absatz\.<\/p>/);
    expect(mail.html).not.toMatch(/white-space/);
    expect(mail.text).toContain('Erste Zeile\nzweite Zeile\n\nZweiter Absatz.');
    // The real contact mail, with the sample message (two lines, blank line, paragraphs).
    const real = contact.render();
    expect(real.html).toMatch(/<p [^>]*>Guten Tag,<br>ich interessiere mich für den Deutschkurs am Vormittag\.<\/p><p [^>]*>Gibt es noch freie Plätze\?/);
    expect(real.html).not.toMatch(/white-space/);
    expect(real.text).toContain('Guten Tag,\nich interessiere mich für den Deutschkurs am Vormittag.\n\nGibt es noch freie Plätze?');
  });

  it('nothing typed becomes markup; long words and URLs get break opportunities', () => {
    const url = 'https://quartier.example.org/angebote/ein-sehr-langer-pfad-ohne-ende/?mit=parametern&und=noch-mehr';
    const mail = render(`<b onclick="x()">fett</b> & <script>alert(1)</script>\n${url}\n${'a'.repeat(100)}`);
    expect(mail.html).toContain('&lt;b onclick=&quot;x()&quot;&gt;fett&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).not.toMatch(/<b |<script/);
    expect(mail.html).not.toContain(`href="${url}`);
    expect(mail.html.replaceAll('\u200b', '')).toContain(url.replaceAll('&', '&amp;'));
    expect(mail.text).toContain(url);
    expect(mail.text).toContain('a'.repeat(100));
  });

  it('a layout marker typed into a message stays text', () => {
    const mail = render('Bitte %%QN_FOOTER%% und %%QN_TITLE%% nicht ersetzen');
    expect(mail.html).toContain('Bitte %%QN_FOOTER%% und %%QN_TITLE%% nicht ersetzen');
  });
});

describe('contrast in light and dark mode', () => {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a: string, b: string) => {
    const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (l1 + 0.05) / (l2 + 0.05);
  };
  /** What Gmail's and Outlook's dark modes do to a light mail: invert it. */
  const invert = (hex: string) => `#${(0xffffff - parseInt(hex.slice(1), 16)).toString(16).padStart(6, '0')}`;
  const pairs: [string, string, string][] = [
    ['text on card', THEME.text, THEME.card],
    ['muted on card', THEME.muted, THEME.card],
    ['link on card', THEME.link, THEME.card],
    ['site name on page', THEME.brand, THEME.page],
    ['footer on page', THEME.muted, THEME.page],
    ['button text on button', THEME.onBrand, THEME.brand],
  ];
  it.each(pairs)('%s: at least 4.5:1 (WCAG AA), also inverted', (_, fg, bg) => {
    expect(contrast(fg, bg)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(invert(fg), invert(bg))).toBeGreaterThanOrEqual(4.5);
  });

  it('the checker itself catches what the old mails did', () => {
    const old = '<!doctype html><html><body><div style="white-space:pre-wrap;font-size:1rem;max-width:40rem;border-radius:6px">x</div></body></html>';
    expect(checkEmail(old).errors.length).toBeGreaterThan(5);
  });
});

describe('mails written as lines', () => {
  it('become paragraphs, and an address on its own becomes a link showing it', async () => {
    const { letterBlocks } = await import('../../functions/lib/mail-layout/index.ts');
    expect(letterBlocks(['Guten Tag,', '', 'erste Zeile', 'zweite Zeile', '', 'https://quartier.example.org/a/', '', '', 'Gruß'])).toEqual([
      { kind: 'paragraph', text: 'Guten Tag,' },
      { kind: 'paragraph', text: 'erste Zeile\nzweite Zeile' },
      { kind: 'link', link: { label: 'https://quartier.example.org/a/', url: 'https://quartier.example.org/a/' }, showUrl: true },
      { kind: 'paragraph', text: 'Gruß' },
    ]);
  });
});
