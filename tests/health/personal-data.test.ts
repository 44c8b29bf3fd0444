/** Minutes and news that look like they hold residents' personal data. */
import { describe, expect, it } from 'vitest';
import { personalData, scanText, publishedContacts } from '../../src/lib/health/personal-data.ts';
import { DEFAULT_OPTIONS } from '../../src/lib/health/types.ts';
import { loadContent } from '../../src/lib/load-content.ts';
import { content, input, meeting, news, offer, org } from './fixtures.ts';

const none = { emails: new Set<string>(), phones: new Set<string>() };
const kinds = (text: string, published = none) => scanText(text, published).map((h) => h.kind);

describe('scanText', () => {
  it.each([
    ['Rückfragen an mutter.k@example.net', 'email'],
    ['Erreichbar unter 0251 1234567', 'phone'],
    ['Handy +49 170 1234567', 'phone'],
    ['Tel. 0171/2345678', 'phone'],
    ['Klient geb. 12.03.1985', 'birth-date'],
    ['geboren am 3. März 1990 in Münster', 'birth-date'],
    ['Geburtsdatum: 01.02.03', 'birth-date'],
    ['Jahrgang 1985, sucht Arbeit', 'birth-date'],
    ['Frau Meier berichtet', 'name'],
    ['Gespräch mit Herrn Dr. Özdemir', 'name'],
    ['Herr K. war da', 'name'],
    ['Klientin Anna Schmidt-Berg kommt wieder', 'name'],
    ['Schüler: Max Müller', 'name'],
    ['Familie Yilmaz braucht eine Wohnung', 'name'],
  ])('finds personal data in „%s“', (text, kind) => {
    expect(kinds(text)).toContain(kind);
  });

  it.each([
    'Junge Frau, 18–20 Jahre, mittlerer Schulabschluss.',
    'Frau Mitte 40, alleinerziehend, zwei Kinder.',
    '**Fall E:** Junger Mann, 16–18 Jahre.',
    'Die Klasse im Jahrgang 10 macht ein Praktikum.',
    'Treffen am 2026-03-04 um 14:00, Raum 0.12.',
    'Die Familienlotsen und die Familie als Ganzes stehen im Mittelpunkt.',
    'Teilnehmerliste, Nachrichtenforum und Dokumente.',
    'Anmeldung bis 15.03.2026 im Sozialbüro.',
  ])('leaves anonymised text alone: „%s“', (text) => {
    expect(kinds(text)).toEqual([]);
  });

  it('accepts contacts the site publishes anyway', () => {
    const set = content({
      organisations: [org('org-a', { email: 'info@verein.example.org', show_email: true, phone: '0251 0002000' }), org('org-b', { email: 'privat@verein.example.org' })],
      offers: [offer('o', { contact: { phone: '0251 0003000' } })],
    });
    const published = publishedContacts(set);
    expect(kinds('Infos: info@verein.example.org, 0251 000-2000, 0251 0003000, Sozialbüro 0251 0001000', published)).toEqual([]);
    // An address that is not shown on the site is not public, even if it is in content.
    expect(kinds('Fragen an privat@verein.example.org', published)).toEqual(['email']);
  });

  it('gives the line of each hit', () => {
    expect(scanText('Zeile eins\n\nFrau Meier\nmail: x@example.net', none)).toEqual([
      { kind: 'name', line: 3 },
      { kind: 'email', line: 4 },
    ]);
  });
});

describe('personal-data rule', () => {
  it('reports minutes and news with the kind and place, never the data itself', () => {
    const findings = personalData(
      input({
        meetings: [
          meeting('m1', { agenda: ['Fall Familie Yilmaz'] }, '## TOP 1\n\nKlientin Anna Schmidt, geb. 12.03.1985, Tel. 0171 2345678.'),
          meeting('m2', {}, 'Junge Frau, 18–20 Jahre: Ergebnis Teilzeitausbildung.'),
        ],
        news: [news('n1', { summary: 'Rückmeldung an eltern@example.net' }, 'Alles gut.')],
      }),
      DEFAULT_OPTIONS,
    );
    expect(findings.map((f) => f.entry.id)).toEqual(['m1', 'n1']);
    const [minutes, post] = findings;
    expect(minutes.why).toBe(
      'Das Protokoll enthält vermutlich personenbezogene Daten (Feld „agenda[1]“: einen Namen einer Person; Zeile 3: eine Telefonnummer, ein Geburtsdatum, einen Namen einer Person).',
    );
    expect(post.why).toContain('Feld „summary“: eine E-Mail-Adresse');
    for (const f of findings) {
      expect(f.severity).toBe('warning');
      expect(`${f.why} ${f.todo}`).not.toMatch(/Yilmaz|Schmidt|1985|2345678|eltern@/);
    }
  });

  it('finds nothing in the anonymised sample minutes and news', () => {
    const { content: sample } = loadContent(process.cwd());
    expect(personalData({ content: sample, today: '2026-11-21', now: new Date('2026-11-21T10:00:00+01:00') }, DEFAULT_OPTIONS)).toEqual([]);
  });
});
