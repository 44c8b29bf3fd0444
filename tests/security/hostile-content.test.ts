/**
 * Partner content is untrusted. Hostile Markdown/HTML in offer and news bodies (and script
 * in the short text fields that also land in meta tags, JSON-LD and lists) goes through the
 * real Astro build of a temporary copy of the project; the HTML that comes out must hold
 * nothing that runs, loads from another host, overlays the page or hijacks ids and keys.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import type { Element, Root } from 'hast';
import { makeScaledProject, removeProject } from '../../scripts/lib/generate-offers.ts';
import { htmlFiles } from '../../src/lib/inline-assets.ts';
import { TEST_NOW } from '../helpers/clock.ts';
import { PAYLOADS } from './hostile-payloads.ts';

/** Goes into the short fields (title is kept plain; summary reaches meta, JSON-LD, lists). */
const FIELD_PAYLOAD = '"</script><script>alert(1)</script><img src=x onerror=alert(1)>';

const URL_ATTRIBUTES = ['href', 'src', 'action', 'formAction', 'xLinkHref', 'poster', 'data', 'background', 'cite', 'longDesc', 'ping', 'srcSet'];
// Browsers drop ASCII whitespace and control characters inside and before a scheme.
const normaliseUrl = (value: string) => value.replace(/[\u0000-\u0020]/g, '').toLowerCase();

function offerFile(index: number, payload: string): string {
  const id = `feindlich-${String(index).padStart(2, '0')}`;
  return `---
title: Feindlicher Inhalt ${index}
summary: ${JSON.stringify(`Kurztext ${index} ${FIELD_PAYLOAD}`)}
provider: kinderhauser-arbeitslosen-initiative
categories: [arbeit]
languages: [de]
cost:
  free: true
location:
  name: ${JSON.stringify(`Ort ${FIELD_PAYLOAD}`)}
  street: Sprickmannstraße 9
  postal_code: "48159"
  city: Münster
contact:
  role: ${JSON.stringify(`Rolle ${FIELD_PAYLOAD}`)}
  phone: 0251 0002201
reviewed_at: 2026-10-07
---

Vorher-Marke ${id}.

${payload}

Nachher-Marke ${id}.
`;
}

function newsFile(index: number, payload: string): string {
  const id = `feindlich-${String(index).padStart(2, '0')}`;
  return `---
title: Feindliche Meldung ${index}
date: 2026-11-0${(index % 9) + 1}
summary: ${JSON.stringify(`Kurztext ${index} ${FIELD_PAYLOAD}`)}
---

Vorher-Marke ${id}.

${payload}

Nachher-Marke ${id}.
`;
}

let root = '';
let dist = '';

beforeAll(() => {
  root = makeScaledProject(process.cwd(), 0);
  PAYLOADS.forEach(([, payload], i) => {
    const id = entryId(i);
    writeFileSync(join(root, 'content/offers', `${id}.md`), offerFile(i + 1, payload));
    writeFileSync(join(root, 'content/news', `${id}.md`), newsFile(i + 1, payload));
  });
  const result = spawnSync(join(root, 'node_modules/.bin/astro'), ['build', '--silent'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, QN_NOW: TEST_NOW, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error(`build of the hostile fixture in ${root} failed:\n${result.stdout}\n${result.stderr}`);
  dist = join(root, 'dist');
}, 180_000);

afterAll(() => {
  // QN_KEEP_FIXTURE=1 keeps the temporary project for a look at the HTML.
  if (root && process.env.QN_KEEP_FIXTURE !== '1') removeProject(root);
});

function parse(file: string): Root {
  return fromHtml(readFileSync(file, 'utf8'));
}

function elements(tree: Root | Element, test: (node: Element) => boolean = () => true): Element[] {
  const found: Element[] = [];
  visit(tree, 'element', (node) => {
    if (test(node)) found.push(node);
  });
  return found;
}

function text(node: Element | Root): string {
  let out = '';
  visit(node, 'text', (child) => {
    out += child.value;
  });
  return out;
}

/** What would run, load or navigate badly anywhere in a document. */
function documentProblems(tree: Root): string[] {
  const problems: string[] = [];
  for (const node of elements(tree)) {
    for (const [name, value] of Object.entries(node.properties ?? {})) {
      if (/^on/i.test(name)) problems.push(`<${node.tagName} ${name}>`);
      if (URL_ATTRIBUTES.includes(name)) {
        const values = Array.isArray(value) ? value.map(String) : [String(value)];
        for (const v of values) if (/^(javascript|vbscript):/.test(normaliseUrl(v))) problems.push(`<${node.tagName} ${name}="${v}">`);
      }
    }
    if (node.tagName === 'script') {
      const type = String(node.properties?.type ?? '');
      const src = node.properties?.src;
      if (type === 'application/ld+json') {
        try {
          JSON.parse(text(node));
        } catch {
          problems.push('JSON-LD that is not JSON (broken out of?)');
        }
      } else if (typeof src === 'string') {
        if (!/^\/(?!\/)/.test(src)) problems.push(`<script src="${src}">`);
      } else if (/alert|evil/.test(text(node))) {
        problems.push(`inline script with payload: ${text(node).slice(0, 60)}`);
      }
    }
    if (node.tagName === 'meta' && String(node.properties?.httpEquiv ?? '').toLowerCase() === 'refresh') problems.push('<meta http-equiv=refresh>');
    if (node.tagName === 'base') problems.push('<base>');
    if (['iframe', 'frame', 'object', 'embed', 'applet'].includes(node.tagName)) problems.push(`<${node.tagName}>`);
    if (node.tagName === 'link' && /evil/.test(String(node.properties?.href))) problems.push('<link> to another host');
    if (['img', 'video', 'audio', 'source'].includes(node.tagName)) {
      for (const name of ['src', 'srcSet', 'poster']) {
        const value = node.properties?.[name];
        if (typeof value === 'string' && /evil/.test(value)) problems.push(`<${node.tagName} ${name}="${value}">`);
      }
    }
  }
  const ids = elements(tree, (n) => typeof n.properties?.id === 'string').map((n) => String(n.properties.id));
  const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (duplicates.length) problems.push(`duplicate ids: ${[...new Set(duplicates)].join(', ')}`);
  const h1 = elements(tree, (n) => n.tagName === 'h1').length;
  if (h1 !== 1) problems.push(`${h1} h1 elements`);
  return problems;
}

/** What partner text must not carry even when it cannot run. */
function proseProblems(prose: Element): string[] {
  const problems: string[] = [];
  const forbidden = ['form', 'input', 'button', 'textarea', 'select', 'style', 'link', 'meta', 'svg', 'math', 'video', 'audio', 'picture', 'source', 'noscript', 'script'];
  for (const node of elements(prose)) {
    if (node === prose) continue;
    if (forbidden.includes(node.tagName)) problems.push(`<${node.tagName}>`);
    const p = node.properties ?? {};
    if (p.style !== undefined) problems.push(`<${node.tagName} style>`);
    if (p.accessKey !== undefined || p.tabIndex !== undefined) problems.push(`<${node.tagName} accesskey/tabindex>`);
    if (p.className !== undefined && node.tagName !== 'code') problems.push(`<${node.tagName} class=${String(p.className)}>`);
    if (typeof p.id === 'string' && !p.id.startsWith('user-content-')) problems.push(`<${node.tagName} id="${p.id}">`);
    for (const name of ['href', 'src']) {
      const value = p[name];
      if (typeof value === 'string' && normaliseUrl(value).startsWith('data:')) problems.push(`<${node.tagName} ${name}=data:…>`);
    }
    if (node.tagName === 'img') {
      const src = String(p.src ?? '');
      const page = 'https://site.test/angebote/eintrag/';
      if (new URL(src, page).origin !== new URL(page).origin) problems.push(`<img src="${src}"> not from the site`);
      if (p.srcSet !== undefined) problems.push('<img srcset>');
      if (typeof p.alt !== 'string') problems.push(`<img src="${src}"> without alt`);
    }
    if (node.tagName === 'a' && /^https?:/.test(String(p.href ?? ''))) {
      const rel = Array.isArray(p.rel) ? p.rel.map(String) : String(p.rel ?? '').split(/\s+/);
      if (!rel.includes('noopener')) problems.push(`<a href="${String(p.href)}"> without rel=noopener`);
      if (p.target !== undefined) problems.push(`<a target="${String(p.target)}">`);
    }
  }
  return problems;
}

const entryId = (index: number) => `feindlich-${String(index + 1).padStart(2, '0')}`;
const entryOf = (payloadName: string) => entryId(PAYLOADS.findIndex(([name]) => name === payloadName));

function hostilePages(section: 'angebote' | 'aktuelles') {
  return PAYLOADS.map(([name], i) => ({ name, id: entryId(i), file: () => join(dist, section, entryId(i), 'index.html') }));
}

describe('hostile partner content', () => {
  it('has at least 20 payloads', () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(20);
  });

  describe.each(['angebote', 'aktuelles'] as const)('in /%s/<entry>/', (section) => {
    it.each(hostilePages(section))('$name: nothing executable or foreign left', ({ id, file }) => {
      const tree = parse(file());
      const prose = elements(tree, (n) => n.tagName === 'div' && String(n.properties?.className ?? '').includes('prose'));
      expect(prose.length, 'the body is rendered in .prose').toBeGreaterThan(0);
      const body = prose.map(text).join(' ');
      expect(body, 'the text before the payload survives').toContain(`Vorher-Marke ${id}`);
      expect([...documentProblems(tree), ...prose.flatMap(proseProblems)]).toEqual([]);
    });
  });

  it('every page of the build (lists, finder, home, 404 …) is free of the payloads', () => {
    const problems: string[] = [];
    const files = htmlFiles(dist).filter((f) => !f.includes(`${join(dist, 'admin')}`));
    for (const file of files) for (const p of documentProblems(parse(file))) problems.push(`${file.slice(dist.length)}: ${p}`);
    expect(files.length).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });

  it('harmless markup survives sanitising (the filter is not just deleting everything)', () => {
    const tree = parse(join(dist, 'angebote', entryOf('event handler on allowed tag'), 'index.html'));
    const prose = elements(tree, (n) => String(n.properties?.className ?? '').includes('prose'))[0];
    expect(elements(prose, (n) => n.tagName === 'details').length).toBe(1);
    const links = parse(join(dist, 'angebote', entryOf('external link'), 'index.html'));
    const external = elements(links, (n) => n.tagName === 'a' && String(n.properties?.href ?? '').startsWith('https://evil.example/'));
    expect(external.length).toBe(2);
  });
});
