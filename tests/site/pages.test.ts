/**
 * The built site (tests/setup/build-site.ts, clock fixed) has exactly one page per
 * published entry: no draft, no expired offer, nothing missing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/load-content.ts';
import { isOfferPublished } from '../../src/lib/publication.ts';
import { TEST_TODAY } from '../helpers/clock.ts';

const DIST = 'dist';
const { content, problems } = loadContent();

function builtSlugs(section: string): string[] {
  const dir = join(DIST, section);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'index.html')))
    .map((entry) => entry.name)
    .filter((name) => !['kategorie', 'fuer', 'netzwerk', 'jahr', 'dokumente'].includes(name))
    .sort();
}

describe('built pages', () => {
  it('the sample content is valid', () => {
    expect(problems).toEqual([]);
  });

  it('has one page per published offer; drafts and expired offers are not built', () => {
    const published = content.offers.filter((o) => isOfferPublished(o.data, TEST_TODAY)).map((o) => o.id).sort();
    const hidden = content.offers.filter((o) => !isOfferPublished(o.data, TEST_TODAY));
    expect(hidden.length, 'the sample content should contain drafts and expired offers').toBeGreaterThan(0);
    expect(builtSlugs('angebote')).toEqual(published);
  });

  it.each([
    ['organisationen', 'organisations'],
    ['netzwerke', 'networks'],
    ['archiv', 'meetings'],
    ['aktuelles', 'news'],
  ] as const)('/%s/ has one page per entry of %s', (section, collection) => {
    expect(builtSlugs(section)).toEqual(content[collection].map((e) => e.id).sort());
  });

  it('builds every content page at the root, including the four required ones', () => {
    for (const page of content.pages) expect(existsSync(join(DIST, page.id, 'index.html')), page.id).toBe(true);
    for (const required of ['impressum', 'datenschutz', 'barrierefreiheit', 'leichte-sprache']) {
      expect(existsSync(join(DIST, required, 'index.html'))).toBe(true);
    }
  });

  it('has a German 404 page and the list pages', () => {
    for (const path of ['404.html', 'index.html', 'angebote/index.html', 'termine/index.html', 'archiv/index.html', 'aktuelles/index.html']) {
      expect(existsSync(join(DIST, path)), path).toBe(true);
    }
    expect(readFileSync(join(DIST, '404.html'), 'utf8')).toContain('Seite nicht gefunden');
  });

  it('never publishes an email address that is not marked for publication', () => {
    const hidden = new Set<string>();
    for (const o of content.organisations) {
      if (o.data.email && !o.data.show_email) hidden.add(o.data.email);
      o.data.contacts?.forEach((c) => c.email && hidden.add(c.email));
    }
    for (const o of content.offers) if (o.data.contact?.email) hidden.add(o.data.contact.email);
    expect(hidden.size).toBeGreaterThan(0);
    const leaks: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.(html|json|xml|ics|js|txt)$/.test(entry.name)) {
          const text = readFileSync(path, 'utf8');
          for (const email of hidden) if (text.includes(email)) leaks.push(`${path}: ${email}`);
        }
      }
    };
    walk(DIST);
    expect(leaks).toEqual([]);
  });

  it('every page has exactly one h1, a lang attribute and a skip link', () => {
    const pages: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory() && entry.name !== 'admin') walk(path);
        else if (entry.name.endsWith('.html')) pages.push(path);
      }
    };
    walk(DIST);
    for (const page of pages) {
      const html = readFileSync(page, 'utf8');
      expect((html.match(/<h1[\s>]/g) ?? []).length, page).toBe(1);
      expect(html, page).toMatch(/<html lang="[a-z]{2}"/);
      expect(html, page).toContain('href="#inhalt"');
    }
  });
});
