/**
 * The format behind the side-by-side translations: a file with German at the root and
 * `translations.<lang>` becomes Decap's `{ de, tr, … }` and back, written by Decap's own
 * front-matter code.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { translatedFrontmatter } from '../../admin/formats/translated-frontmatter.ts';
import { translatablePaths } from '../../admin/config/translations.ts';

const format = translatedFrontmatter(translatablePaths('offers'));
const frontMatter = (text: string) => parse(text.split('---\n')[1]) as Record<string, unknown>;
const bodyOf = (text: string) => text.split('---\n').slice(2).join('---\n');

const GERMAN = `---
title: Sprachcafé
provider: begegnungszentrum
summary: Deutsch üben bei Tee.
---
Jeden Dienstag.
`;

describe('translated front matter', () => {
  it('German only: the German entry, no other language, the same file back', () => {
    const data = format.fromFile(GERMAN);
    expect(data).toEqual({
      de: { title: 'Sprachcafé', provider: 'begegnungszentrum', summary: 'Deutsch üben bei Tee.', body: 'Jeden Dienstag.\n' },
      // Decap needs every language, empty ones too.
      en: {}, tr: {}, ar: {}, ru: {}, uk: {},
    });
    expect(format.toFile(data, ['title', 'provider', 'summary', 'body'])).toBe(GERMAN);
  });

  it('German and two languages: split per language and joined again under translations', () => {
    const text = `---
title: Sprachcafé
provider: begegnungszentrum
translations:
  tr:
    title: Dil kafesi
    body: Her salı.
    machine_translated: false
  ar:
    summary: تعلم الألمانية
    machine_translated: true
---
Jeden Dienstag.
`;
    const data = format.fromFile(text);
    expect(data.de).toEqual({ title: 'Sprachcafé', provider: 'begegnungszentrum', body: 'Jeden Dienstag.\n' });
    expect(data.tr).toEqual({ title: 'Dil kafesi', body: 'Her salı.', machine_translated: false });
    expect(data.ar).toEqual({ summary: 'تعلم الألمانية', machine_translated: true });
    const written = format.toFile(data, ['title', 'provider', 'body']);
    expect(frontMatter(written)).toEqual(frontMatter(text));
    expect(bodyOf(written)).toBe('Jeden Dienstag.\n');
  });

  it('carries the translate run\'s hashes through a save, so a German change stays visible', () => {
    const text = `---
title: Sprachcafé
provider: begegnungszentrum
translations:
  tr:
    title: Dil kafesi
    machine_translated: true
    source_hash: 0123456789abcdef
---
Jeden Dienstag.
`;
    const data = format.fromFile(text);
    (data.de as Record<string, unknown>).title = 'Sprachcafé am Dienstag';
    const written = frontMatter(format.toFile(data, ['title', 'provider', 'body'])) as { translations: { tr: Record<string, unknown> } };
    expect(written.translations.tr).toEqual({ title: 'Dil kafesi', machine_translated: true, source_hash: '0123456789abcdef' });
  });

  it('a language left empty (only the default flag, empty strings) is dropped; German ignores the flag', () => {
    const data = {
      de: { title: 'Sprachcafé', provider: 'begegnungszentrum', machine_translated: true, body: 'Text.' },
      tr: { title: '', summary: '  ', keywords: [], machine_translated: true },
      en: { title: 'Language café', provider: 'copied-by-decap', online: false, machine_translated: true },
    };
    const written = frontMatter(format.toFile(data, ['title', 'provider']));
    expect(written).toEqual({ title: 'Sprachcafé', provider: 'begegnungszentrum', translations: { en: { title: 'Language café', machine_translated: true } } });
  });

  it('moves grouped texts: translations.tr.cost_note is edited beside cost.note', () => {
    const text = `---
title: Sprachcafé
cost:
  free: false
  note: 2 € pro Termin
translations:
  tr:
    cost_note: Seans başına 2 €
---
`;
    const data = format.fromFile(text);
    expect(data.tr).toEqual({ cost: { note: 'Seans başına 2 €' } });
    expect(frontMatter(format.toFile(data, ['title', 'cost']))).toEqual(frontMatter(text));
  });

  it('each language keeps its own body', () => {
    const data = {
      de: { title: 'Sprachcafé', body: 'Deutsch.' },
      tr: { body: 'Türkçe metin.\n\n- madde', machine_translated: false },
      uk: { body: 'Український текст.' },
    };
    const written = format.toFile(data, ['title']);
    expect(bodyOf(written)).toBe('Deutsch.');
    expect(frontMatter(written).translations).toEqual({ tr: { body: 'Türkçe metin.\n\n- madde', machine_translated: false }, uk: { body: 'Український текст.' } });
    expect(format.fromFile(written)).toEqual({ en: {}, ar: {}, ru: {}, ...data, de: { title: 'Sprachcafé', body: 'Deutsch.' } });
  });
});
