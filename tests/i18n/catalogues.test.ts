import { describe, expect, it } from 'vitest';
import { de } from '../../src/i18n/de.ts';
import { catalogues, getLanguage, isLanguage, LANGUAGES, useTranslations, type Messages } from '../../src/i18n/index.ts';

const germanKeys = Object.keys(de).sort();
const others = LANGUAGES.filter((language) => language.code !== 'de');

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
}

describe('interface languages', () => {
  it('registers exactly one catalogue per listed language', () => {
    expect(Object.keys(catalogues).sort()).toEqual(LANGUAGES.map((language) => language.code).sort());
  });

  it('writes right to left only in Arabic', () => {
    const rtl = LANGUAGES.filter((language) => language.dir === 'rtl').map((language) => language.code);
    expect(rtl).toEqual(['ar']);
  });

  it('names each language in itself, as its catalogue does', () => {
    for (const language of LANGUAGES) {
      expect(catalogues[language.code]['lang.name'], language.code).toBe(language.endonym);
    }
  });

  it('gives each language a locale that Intl resolves to that language', () => {
    for (const language of LANGUAGES) {
      const resolved = new Intl.DateTimeFormat(language.locale).resolvedOptions().locale;
      expect(resolved.split('-')[0], language.locale).toBe(language.code);
    }
  });

  it('does not mark the German source as machine-translated', () => {
    expect(getLanguage('de').machineTranslated).toBe(false);
  });
});

describe.each(others.map((language) => [language.code, catalogues[language.code]] as const))(
  'catalogue %s',
  (code, catalogue: Messages) => {
    it('has exactly the keys of the German catalogue', () => {
      const keys = Object.keys(catalogue).sort();
      expect({ missing: germanKeys.filter((key) => !keys.includes(key)), extra: keys.filter((key) => !(key in de)) }).toEqual({
        missing: [],
        extra: [],
      });
    });

    it('has no empty values', () => {
      const empty = Object.entries(catalogue).filter(([, value]) => value.trim() === '').map(([key]) => key);
      expect(empty).toEqual([]);
    });

    it('keeps the placeholders of every German string', () => {
      const mismatched = germanKeys
        .filter((key) => key in catalogue)
        .filter((key) => placeholders(catalogue[key as keyof Messages]).join() !== placeholders(de[key as keyof typeof de]).join());
      expect(mismatched).toEqual([]);
    });

    it('is translated, not a copy of the German strings', () => {
      // A few values are the same in every language (PDF, Jobcenter, "{title}"); a copied
      // catalogue would be far above this share.
      const same = germanKeys.filter((key) => catalogue[key as keyof Messages] === de[key as keyof typeof de]);
      expect(same.length / germanKeys.length, `${code}: ${same.join(', ')}`).toBeLessThan(0.05);
    });
  },
);

describe('useTranslations', () => {
  it('returns the strings of the chosen language with values filled in', () => {
    const t = useTranslations('tr');
    expect(t('nav.offers')).toBe('Hizmetler');
    expect(t('finder.countMany', { count: 7 })).toBe('7 hizmet bulundu');
  });

  it('falls back to German for languages without a catalogue', () => {
    for (const code of ['fr', '', 'DE', 'constructor', '__proto__']) {
      expect(useTranslations(code)('nav.offers'), code).toBe(de['nav.offers']);
    }
  });

  it('knows only the interface languages', () => {
    expect(LANGUAGES.every((language) => isLanguage(language.code))).toBe(true);
    expect(['fr', 'constructor', undefined, 'TR'].some((code) => isLanguage(code))).toBe(false);
  });
});
