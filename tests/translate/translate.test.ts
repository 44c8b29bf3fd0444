/**
 * `npm run translate` end to end: the real CLI (deepl-node inside) against the local DeepL
 * fake, on a throw-away copy of the project. The steps build on each other like runs on
 * consecutive nights: fill everything, run again (nothing sent), change German text,
 * fail the API, hit the budget.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeepLFake, type DeepLFake } from '../helpers/deepl-fake.ts';
import { copyProject, type ProjectCopy } from '../helpers/project-copy.ts';
import { withoutTranslations } from '../helpers/untranslated.ts';
import { loadContent } from '../../src/lib/load-content.ts';
import { translationCheckedStale } from '../../src/lib/health/translation-checked-stale.ts';
import { TRANSLATION_LANGUAGES } from '../../src/schema/translations.ts';
import type { HealthInput } from '../../src/lib/health/types.ts';
import { DEFAULT_OPTIONS } from '../../src/lib/health/types.ts';

const OFFER = 'content/offers/deutschkurs-a1-mit-kinderbetreuung.md';
const MARKDOWN_OFFER = 'content/offers/alphabetisierungskurs.md';
const MARKDOWN_BODY = `Erster Absatz mit einem [Link zur Kursberatung](https://www.example.org/kurse?id=7) und **wichtigen** Hinweisen.
Eine zweite Zeile im selben Absatz.

- Treffpunkt am Sprickmannplatz 1
- Bitte *pünktlich* kommen

## Fragen

Schreiben Sie an kurse@example.org.
`;

let fake: DeepLFake;
let copy: ProjectCopy;
const read = (file: string) => readFileSync(join(copy.root, file), 'utf8');
const write = (file: string, text: string) => writeFileSync(join(copy.root, file), text);
const frontMatter = (file: string) => parse(/^---\n([\s\S]*?)\n---/.exec(read(file))![1]) as Record<string, any>;
const translateRequests = () => fake.requests.filter((r) => r.texts.length > 0);
const sentTexts = () => fake.requests.filter((r) => r.status === 200).flatMap((r) => r.texts);

async function run(env: Record<string, string | undefined> = {}) {
  const result = await promisify(execFile)(process.execPath, ['scripts/translate.ts'], {
    cwd: copy.root,
    env: { ...process.env, DEEPL_API_KEY: fake.apiKey, DEEPL_SERVER_URL: fake.url, ...env },
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
  return result;
}

/** The lines of one language group under translations (to compare byte for byte). */
function group(file: string, lang: string): string {
  const lines = read(file).split('\n');
  const start = lines.indexOf(`  ${lang}:`);
  if (start === -1) return '';
  let end = start + 1;
  while (end < lines.length && lines[end].startsWith('    ')) end += 1;
  return lines.slice(start, end).join('\n');
}

function contentSnapshot(): string {
  const { content } = loadContent(copy.root);
  return [...content.offers, ...content.organisations].map((e) => read(e.file)).join('\n\u0000\n');
}

beforeAll(async () => {
  fake = await startDeepLFake();
  copy = copyProject('qn-translate-');
  // A translation a person checked (hash of the current German text recorded), and an
  // offer whose body exercises every kind of Markdown the CMS produces.
  const offer = read(OFFER);
  write(OFFER, offer.replace(/(  tr:\n(?:    .*\n)*?)    machine_translated: true\n/, '$1    machine_translated: false\n'));
  // It starts from the German text alone: the sample content has Turkish and Arabic texts of it.
  const md = withoutTranslations(read(MARKDOWN_OFFER));
  write(MARKDOWN_OFFER, md.slice(0, md.indexOf('\n---\n') + 5) + '\n' + MARKDOWN_BODY);
});

afterAll(async () => {
  await fake?.close();
  copy?.remove();
});

describe('npm run translate', () => {
  it('without a key explains in German and changes nothing', async () => {
    const before = contentSnapshot();
    const result = await run({ DEEPL_API_KEY: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Es ist kein DeepL-Schlüssel eingetragen (Umgebungsvariable DEEPL_API_KEY)');
    expect(result.stderr).toContain('nichts geändert');
    expect(fake.requests).toHaveLength(0);
    expect(contentSnapshot()).toBe(before);
  });

  let checkedGroup = '';
  it('fills every missing translation of offers and organisations, marked as machine made', async () => {
    // The checked Turkish group has no hash yet: the run records one and leaves its text alone.
    const checkedBefore = group(OFFER, 'tr');
    const result = await run();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Gesendete Zeichen: [\d.]+\./);
    expect(result.stdout).toMatch(/Laut DeepL in diesem Monat verbraucht: [\d.]+ von 500\.000 Zeichen \(eigenes Monatsbudget: 400\.000\)/);

    const { content, problems } = loadContent(copy.root);
    expect(problems).toEqual([]);
    for (const entry of [...content.offers.filter((o) => !o.data.draft), ...content.organisations]) {
      for (const lang of TRANSLATION_LANGUAGES) {
        const t = entry.data.translations?.[lang] as Record<string, unknown> | undefined;
        expect(t, `${entry.file} ${lang}`).toBeDefined();
        expect(t!.summary, `${entry.file} ${lang}`).toBeTruthy();
        expect(t!.source_hash, `${entry.file} ${lang}`).toMatch(/^[0-9a-f]{16}$/);
      }
    }
    // English goes out as British English; Leichte Sprache never leaves the house.
    expect(new Set(translateRequests().map((r) => r.targetLang.toUpperCase()))).toEqual(new Set(['EN-GB', 'TR', 'AR', 'RU', 'UK']));
    const easy = content.offers.map((o) => o.data.summary_easy).filter(Boolean) as string[];
    expect(easy.length).toBeGreaterThan(0);
    for (const text of easy) expect(sentTexts().some((t) => t.includes(text.slice(0, 40)))).toBe(false);
    // Each distinct text once per language: nothing sent twice.
    for (const lang of ['EN-GB', 'TR']) {
      const texts = fake.requests.filter((r) => r.targetLang.toUpperCase() === lang).flatMap((r) => r.texts);
      expect(new Set(texts).size).toBe(texts.length);
    }
    // Checked translation: text byte for byte, only its hash line added.
    const checkedAfter = group(OFFER, 'tr');
    const stamped = frontMatter(OFFER).translations.tr;
    expect(checkedAfter).toBe(`${checkedBefore}\n    source_hash: "${stamped.source_hash}"\n    translation_hash: "${stamped.translation_hash}"`);
    expect(frontMatter(OFFER).translations.tr.machine_translated).toBe(false);
    checkedGroup = checkedAfter;
    // German front matter and body untouched.
    const original = readFileSync(OFFER, 'utf8');
    expect(read(OFFER).slice(0, original.indexOf('translations:'))).toBe(original.slice(0, original.indexOf('translations:')));
    expect(read(OFFER).slice(read(OFFER).indexOf('\n---\n'))).toBe(original.slice(original.indexOf('\n---\n')));
  });

  it('keeps Markdown paragraphs, lists, headings, links and line breaks, and names', () => {
    const body = frontMatter(MARKDOWN_OFFER).translations.tr.body as string;
    expect(body).toBe(
      [
        '«TR»Erster Absatz mit einem [«TR»Link zur Kursberatung](https://www.example.org/kurse?id=7) «TR»und **«TR»wichtigen** «TR»Hinweisen.',
        '«TR»Eine zweite Zeile im selben Absatz.',
        '',
        '- «TR»Treffpunkt am Sprickmannplatz 1',
        '- «TR»Bitte *«TR»pünktlich* «TR»kommen',
        '',
        '## «TR»Fragen',
        '',
        '«TR»Schreiben Sie an kurse@example.org.',
      ].join('\n'),
    );
    // The street name and the address went out inside the ignored tag.
    expect(sentTexts()).toContain('Treffpunkt am <x>Sprickmannplatz 1</x>');
    expect(sentTexts()).toContain('Schreiben Sie an <x>kurse@example.org</x>.');
  });

  it('sends nothing on a second run', async () => {
    const before = contentSnapshot();
    fake.reset();
    const result = await run();
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Nichts zu übersetzen');
    expect(translateRequests()).toHaveLength(0);
    expect(contentSnapshot()).toBe(before);
  });

  it('renews the machine translations of an offer whose German summary changed, keeps the checked one, and health lists it', async () => {
    const fm = frontMatter(OFFER);
    const others = (['en', 'ar', 'ru', 'uk'] as const).map((lang) => fm.translations[lang].source_hash as string);
    write(OFFER, read(OFFER).replace(`summary: ${fm.summary}`, 'summary: Deutsch lernen von Anfang an – jetzt dreimal pro Woche am Vormittag.'));
    fake.reset();
    const result = await run();
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${OFFER}: en (erneuert, deutscher Text geändert)`);
    expect(result.stdout).toContain(`Deutscher Text geändert seit der Prüfung (nicht überschrieben, bitte von Hand anpassen): 1\n  ${OFFER}: tr`);
    const after = frontMatter(OFFER);
    for (const lang of ['en', 'ar', 'ru', 'uk']) {
      expect(after.translations[lang].summary).toBe(`«${lang === 'en' ? 'EN-GB' : lang.toUpperCase()}»Deutsch lernen von Anfang an – jetzt dreimal pro Woche am Vormittag.`);
      expect(others).not.toContain(after.translations[lang].source_hash);
    }
    expect(translateRequests().map((r) => r.targetLang.toUpperCase()).sort()).toEqual(['AR', 'EN-GB', 'RU', 'UK']);
    expect(group(OFFER, 'tr')).toBe(checkedGroup);

    const { content } = loadContent(copy.root);
    const input = { content, today: '2026-12-03', now: new Date('2026-12-03T06:00:00Z') } as HealthInput;
    const findings = translationCheckedStale(input, DEFAULT_OPTIONS);
    expect(findings.map((f) => [f.entry.file, f.rule])).toEqual([[OFFER, 'translation-checked-stale']]);
    expect(findings[0].why).toContain('Türkisch');
  });

  it('takes a checked translation edited by a person after the German change as up to date', async () => {
    const tr = frontMatter(OFFER).translations.tr;
    write(OFFER, read(OFFER).replace(`    summary: "${tr.summary}"`, '    summary: "Almancayı sıfırdan öğrenin – artık haftada üç kez sabahları."'));
    const { content } = loadContent(copy.root);
    const input = { content, today: '2026-12-03', now: new Date('2026-12-03T06:00:00Z') } as HealthInput;
    expect(translationCheckedStale(input, DEFAULT_OPTIONS)).toEqual([]);
    fake.reset();
    const result = await run();
    expect(result.code).toBe(0);
    expect(translateRequests()).toHaveLength(0);
    expect(result.stdout).not.toContain('Deutscher Text geändert seit der Prüfung');
    const after = frontMatter(OFFER).translations.tr;
    expect(after.summary).toBe('Almancayı sıfırdan öğrenin – artık haftada üç kez sabahları.');
    expect(after.machine_translated).toBe(false);
    expect(after.source_hash).toBe(frontMatter(OFFER).translations.en.source_hash);
  });

  it('retries 429 and 5xx through deepl-node and writes each translation once', async () => {
    const fm = frontMatter(OFFER);
    // Remove the Russian machine translation so exactly one text group is missing.
    write(OFFER, read(OFFER).replace(group(OFFER, 'ru') + '\n', ''));
    fake.reset();
    fake.failNext(429, 503);
    const result = await run();
    expect(result.code).toBe(0);
    expect(fake.requests.map((r) => r.status)).toEqual([429, 503, 200]);
    expect(fake.requests[0].texts).toEqual(fake.requests[2].texts);
    expect(read(OFFER).match(/^ {2}ru:$/gm)).toHaveLength(1);
    expect(frontMatter(OFFER).translations.ru.title).toBe(`«RU»${fm.title}`);
    const sent = fake.requests[2].texts.reduce((n, t) => n + t.length, 0);
    expect(result.stdout).toContain(`Gesendete Zeichen: ${sent.toLocaleString('de-DE')}.`);
  });

  it('stops cleanly at the monthly budget and says what is left', async () => {
    const settings = read('content/settings/site.yml');
    write('content/settings/site.yml', `${settings.trimEnd()}\ntranslation_budget: 3000\n`);
    const { content } = loadContent(copy.root);
    const victims = content.organisations.slice(0, 4).map((o) => o.file);
    for (const file of victims) {
      const text = read(file);
      write(file, text.slice(0, text.indexOf('translations:')) + text.slice(text.indexOf('\n---\n') + 1));
    }
    const before = victims.map(read);
    fake.reset();
    const result = await run();
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('Angehalten: Das Monatsbudget von 3.000 Zeichen (content/settings/site.yml, „translation_budget“) ist erreicht.');
    expect(result.stdout).toMatch(/Noch offen: \d+ Übersetzungen/);
    const sent = sentTexts().reduce((n, t) => n + t.length, 0);
    expect(sent).toBeLessThanOrEqual(3000);
    // Files are either complete or untouched, never half translated.
    const changed = victims.filter((file, i) => read(file) !== before[i]);
    expect(changed.length).toBeLessThan(victims.length);
    for (const file of changed) expect(Object.keys(frontMatter(file).translations).sort()).toEqual([...TRANSLATION_LANGUAGES].sort());
    for (const file of victims.filter((f) => !changed.includes(f))) expect(result.stdout).toContain(`offen: ${file}: en`);
  });
});
