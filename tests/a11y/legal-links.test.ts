/**
 * Imprint, privacy notice, accessibility statement (with its feedback path, the contact
 * form) and the Leichte-Sprache page are one click away from every page of the site, and
 * the legal pages say what the law asks of them.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlFiles } from '../../src/lib/inline-assets.ts';
import { DIST } from '../helpers/dist.ts';
import { splitLanguage } from '../helpers/page-types.ts';

const REQUIRED_LINKS = ['/impressum/', '/datenschutz/', '/barrierefreiheit/', '/leichte-sprache/', '/kontakt/'];

function page(path: string): string {
  return readFileSync(`${DIST}${path}index.html`, 'utf8');
}

describe('legal pages', () => {
  it('every page of the site links imprint, privacy, accessibility, Leichte Sprache and contact', () => {
    const missing: string[] = [];
    // The CMS (admin/index.html) is Decap's own interface, for editors only.
    const files = htmlFiles(DIST).filter((file) => relative(DIST, file) !== 'admin/index.html');
    for (const file of files) {
      const html = readFileSync(file, 'utf8');
      const { lang } = splitLanguage(relative(DIST, file));
      // A translated page may link the translated legal page instead.
      for (const href of REQUIRED_LINKS) if (!html.includes(`href="${href}"`) && !html.includes(`href="/${lang}${href}"`)) missing.push(`${relative(DIST, file)}: ${href}`);
    }
    expect(files.length).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });

  it('the home page links Leichte Sprache in its header (BITV 2.0 § 4)', () => {
    const header = /<header[\s\S]*?<\/header>/.exec(page('/'))?.[0] ?? '';
    expect(header).toContain('href="/leichte-sprache/"');
  });

  it('the accessibility statement names its feedback path and the arbitration body', () => {
    const html = page('/barrierefreiheit/');
    expect(html).toContain('href="/kontakt/"');
    expect(html).toMatch(/Ombudsstelle für barrierefreie Informationstechnik/);
    expect(html).toMatch(/ombudsstelle-barrierefreie-it@mags\.nrw\.de/);
    expect(html).toMatch(/teilweise mit den Anforderungen vereinbar/);
  });

  it('the Leichte-Sprache page covers what § 4 BITV 2.0 asks: content, navigation, the statement, more', () => {
    const html = page('/leichte-sprache/');
    for (const heading of ['Was finden Sie auf der Seite?', 'So finden Sie sich auf der Seite zurecht', 'Barriere-Freiheit', 'Mehr in Leichter Sprache']) {
      expect(html, heading).toContain(heading);
    }
    // The accessibility statement's summary link lands on the section.
    expect(page('/barrierefreiheit/')).toContain('href="/leichte-sprache/#user-content-barriere-freiheit"');
    expect(html).toContain('id="user-content-barriere-freiheit"');
  });

  it('the privacy notice describes each processing the site and its functions do', () => {
    const html = page('/datenschutz/');
    for (const fact of ['keine Cookies', 'Netlify Blobs', 'Prüfsumme', 'Double-Opt-in', 'Nachweis Ihrer Einwilligung', 'Karte laden', 'bis Sie den Browser schließen', 'Links auf andere Websites', 'Resend']) {
      expect(html, fact).toContain(fact);
    }
  });
});
