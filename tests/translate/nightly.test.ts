/**
 * The nightly translation (functions/translate-nightly.ts) as Netlify runs it: the real
 * handler with deepl-node against tests/helpers/deepl-fake.ts and @octokit/rest against
 * tests/helpers/github-fake.ts, reading the work list the build writes
 * (src/lib/translation-work.ts → generated/translations.json). The nights build on each
 * other: no key, the first night, a night with nothing new, a night where the branch
 * moves under the run, a night at the budget; and one night on a laptop's git repository.
 */
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Translator } from 'deepl-node';
import { startDeepLFake, type DeepLFake } from '../helpers/deepl-fake.ts';
import { startGitHubFake, type GitHubFake } from '../helpers/github-fake.ts';
import { copyProject, type ProjectCopy } from '../helpers/project-copy.ts';
import { withoutTranslations } from '../helpers/untranslated.ts';
import { loadContent } from '../../src/lib/load-content.ts';
import { GENERATED_FILES, writeGenerated } from '../../src/lib/generated-files.ts';
import { translationWork, type TranslationWork } from '../../src/lib/translation-work.ts';
import { entryTranslations } from '../../src/lib/translation-sources.ts';
import { TRANSLATION_LANGUAGES } from '../../src/schema/translations.ts';
import { TEST_TODAY as TODAY } from '../helpers/clock.ts';
import { readEntryFile } from '../../functions/lib/translate/entry-file.ts';
import { GitHubWriter } from '../../functions/lib/git/github.ts';
import type { GitWriter } from '../../functions/lib/git/types.ts';
import { runNightly } from '../../functions/lib/translate/nightly.ts';
import handler from '../../functions/translate-nightly.ts';

const OFFER = 'content/offers/alphabetisierungskurs.md';
const ORGANISATION = 'content/organisations/diakonie-schuldnerberatung.md';
/** Its Russian translation is removed; its other languages must stay as they are. */
const PARTLY = 'content/offers/bewerbungsmappen-check.md';
const MOVED = 'content/offers/familienhebamme-sprechstunde.md';
const BUDGET = ['content/offers/elterncafe-kita-brueningheide.md', 'content/organisations/caritas-migrationsdienst.md'];

const ENV_KEYS = ['DEEPL_API_KEY', 'DEEPL_SERVER_URL', 'GITHUB_TOKEN', 'GITHUB_REPO', 'GITHUB_BRANCH', 'GITHUB_API_URL', 'QN_GENERATED_DIR', 'QN_GIT_DIRECTORY'] as const;
const savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));

let deepl: DeepLFake;
let github: GitHubFake;
let copy: ProjectCopy;
let generated: string;
const read = (file: string) => readFileSync(join(copy.root, file), 'utf8');
const write = (file: string, text: string) => writeFileSync(join(copy.root, file), text);
const withoutLanguage = (text: string, lang: string) => text.replace(new RegExp(`^  ${lang}:\\n(?: {4}.*\\n)*`, 'm'), '');
/** Every offer and organisation file. */
let ALL: string[] = [];
/** The lines of one language group under translations (to compare byte for byte). */
function group(text: string, lang: string): string {
  const lines = text.split('\n');
  const start = lines.indexOf(`  ${lang}:`);
  if (start === -1) return '';
  let end = start + 1;
  while (end < lines.length && lines[end].startsWith('    ')) end += 1;
  return lines.slice(start, end).join('\n');
}
const sent = () => deepl.requests.filter((r) => r.status === 200).flatMap((r) => r.texts);

/** What the build would list for the files as they stand in `files` (path → text). */
function workFor(files: Record<string, string>): TranslationWork {
  for (const [file, text] of Object.entries(files)) write(file, text);
  const { content, problems } = loadContent(copy.root);
  expect(problems).toEqual([]);
  return translationWork(content, TODAY);
}

function publishWork(work: TranslationWork) {
  writeGenerated(generated, GENERATED_FILES.translations, work);
}

/** The files of the fake's branch, as a build would see them after the night. */
const onBranch = (files: string[]) => Object.fromEntries(files.map((file) => [file, github.fileAt('main', file)!]));

async function night(): Promise<Record<string, any>> {
  const response = await handler();
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, any>;
}

function statesOf(text: string, file: string) {
  const collection = file.includes('/offers/') ? 'offers' : 'organisations';
  return entryTranslations(collection, readEntryFile(text, file), TRANSLATION_LANGUAGES)!.states;
}

beforeAll(async () => {
  deepl = await startDeepLFake();
  copy = copyProject('qn-nightly-');
  generated = join(copy.root, 'generated');
  write(OFFER, withoutTranslations(read(OFFER)));
  write(ORGANISATION, withoutTranslations(read(ORGANISATION)));
  write(PARTLY, withoutLanguage(read(PARTLY), 'ru'));
  const { content } = loadContent(copy.root);
  ALL = [...content.offers, ...content.organisations].map((e) => e.file);
  const files = Object.fromEntries(ALL.map((file) => [file, read(file)]));
  github = await startGitHubFake({ ...files, 'content/settings/site.yml': read('content/settings/site.yml') });
  publishWork(translationWork(content, TODAY));
  Object.assign(process.env, {
    DEEPL_API_KEY: deepl.apiKey,
    DEEPL_SERVER_URL: deepl.url,
    GITHUB_TOKEN: 'fake-token',
    GITHUB_REPO: `${github.owner}/${github.repo}`,
    GITHUB_BRANCH: 'main',
    GITHUB_API_URL: github.url,
    QN_GENERATED_DIR: generated,
  });
});

afterEach(() => vi.restoreAllMocks());

afterAll(async () => {
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  await deepl?.close();
  await github?.close();
  copy?.remove();
});

describe('translate-nightly', () => {
  it('without DEEPL_API_KEY does nothing and says so in one line', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const commits = github.commitCount('main');
    process.env.DEEPL_API_KEY = '';
    try {
      expect(await night()).toEqual({ skipped: 'no DEEPL_API_KEY' });
    } finally {
      process.env.DEEPL_API_KEY = deepl.apiKey;
    }
    expect(log.mock.calls).toEqual([['translate-nightly: DEEPL_API_KEY is not set, nothing translated']]);
    expect(deepl.requests).toHaveLength(0);
    expect(github.commitCount('main')).toBe(commits);
    expect([...github.requests.keys()]).toEqual([]);
  });

  it('translates what the build listed and commits it as one commit naming each entry and its languages', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const work = JSON.parse(readFileSync(join(generated, 'translations.json'), 'utf8')) as TranslationWork;
    expect(work.items.map((i) => [i.file, i.languages])).toEqual(
      expect.arrayContaining([
        [OFFER, [...TRANSLATION_LANGUAGES]],
        [ORGANISATION, [...TRANSLATION_LANGUAGES]],
      ]),
    );
    expect(work.items.find((i) => i.file === PARTLY)?.languages).toContain('ru');
    const before = onBranch([OFFER, ORGANISATION, PARTLY]);
    const commits = github.commitCount('main');
    const result = await night();
    expect(result.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(github.commitCount('main')).toBe(commits + 1);
    expect(github.refs().get('main')).toBe(result.commit);

    const message = github.commitMessage('main')!;
    expect(message.split('\n')[0]).toMatch(/^Maschinelle Übersetzung: \d+ Einträge \(en, tr, ar, ru, uk\)$/);
    expect(message).toContain('- offers/alphabetisierungskurs → en (neu)');
    expect(message).toContain('- organisations/diakonie-schuldnerberatung → uk (neu)');
    expect(message).toContain('- offers/bewerbungsmappen-check → ru (neu)');
    expect(result.translated).toEqual(expect.arrayContaining(['offers/alphabetisierungskurs → en, tr, ar, ru, uk', 'organisations/diakonie-schuldnerberatung → en, tr, ar, ru, uk']));

    for (const file of [OFFER, ORGANISATION, PARTLY]) {
      const after = github.fileAt('main', file)!;
      // German front matter and body byte for byte; every language now current.
      expect(withoutTranslations(after), file).toBe(withoutTranslations(before[file]));
      expect(Object.values(statesOf(after, file)).every((s) => s === 'machine' || s === 'checked'), file).toBe(true);
    }
    const tr = readEntryFile(github.fileAt('main', OFFER)!, OFFER).data.translations as Record<string, Record<string, unknown>>;
    expect(tr.tr.title).toMatch(/^«TR»/);
    expect(tr.tr.machine_translated).toBe(true);
    // The texts the partly translated offer had are left as they were (a translation from
    // before hashes existed only gets its hash recorded).
    const groupsOf = (text: string) => readEntryFile(text, PARTLY).data.translations as Record<string, Record<string, unknown>>;
    const kept = Object.entries(groupsOf(before[PARTLY]));
    expect(kept.length).toBeGreaterThan(0);
    for (const [lang, texts] of kept) {
      const { source_hash: _hash, ...after } = groupsOf(github.fileAt('main', PARTLY)!)[lang];
      expect(after, lang).toEqual(texts);
      if (texts.source_hash) expect(group(github.fileAt('main', PARTLY)!, lang), lang).toBe(group(before[PARTLY], lang));
    }
  });

  it('a second night with nothing new sends nothing and commits nothing, with the old list and with the next build\'s', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    deepl.reset();
    const commits = github.commitCount('main');
    // The build after the commit has not run yet: the old list, but the files are current.
    expect(await night()).toMatchObject({ translated: [], left: [] });
    publishWork(workFor(onBranch(ALL)));
    expect(JSON.parse(readFileSync(join(generated, 'translations.json'), 'utf8')).items).toEqual([]);
    expect((await night()).commit).toBeUndefined();
    expect(deepl.requests).toHaveLength(0);
    expect(github.commitCount('main')).toBe(commits);
  });

  it('when the branch moves under the run, reads again, keeps the other commits and sends nothing twice', async () => {
    // An editor clears the machine translations of one offer: the build lists it.
    const editor = new GitHubWriter({ token: 'fake-token', repo: `${github.owner}/${github.repo}`, branch: 'main', baseUrl: github.url });
    const stored = await editor.readFile(MOVED);
    await editor.commitFile({ path: MOVED, text: withoutTranslations(stored!.text), expectedVersion: stored!.version, message: 'Übersetzungen entfernt' });
    const work = workFor(onBranch(ALL));
    expect(work.items.map((i) => i.file)).toEqual([MOVED]);

    // Between the night's reading and its commit, the editor changes the offer's German
    // summary and the site settings.
    const newSummary = 'Die Familienhebamme berät jetzt auch donnerstags, ohne Anmeldung.';
    const writer = new GitHubWriter({ token: 'fake-token', repo: `${github.owner}/${github.repo}`, branch: 'main', baseUrl: github.url });
    let interfered = false;
    const racing: GitWriter = Object.assign(Object.create(writer), {
      async commitFiles(change: Parameters<GitWriter['commitFiles']>[0]) {
        if (!interfered) {
          interfered = true;
          const offer = (await editor.readFile(MOVED))!;
          const summary = /^summary: .*$/m.exec(offer.text)![0];
          await editor.commitFile({ path: MOVED, text: offer.text.replace(summary, `summary: ${newSummary}`), expectedVersion: offer.version, message: 'Sprechzeit ergänzt' });
          const settings = (await editor.readFile('content/settings/site.yml'))!;
          await editor.commitFile({ path: 'content/settings/site.yml', text: `${settings.text}# geändert\n`, expectedVersion: settings.version, message: 'Einstellungen' });
        }
        return writer.commitFiles(change);
      },
    });
    deepl.reset();
    const commits = github.commitCount('main');
    const lines: string[] = [];
    const result = await runNightly({ work, git: racing, translator: new Translator(deepl.apiKey, { serverUrl: deepl.url, sendPlatformInfo: false }), log: (l) => lines.push(l) });
    expect(result.attempts).toBe(2);
    expect(lines.some((l) => l.includes('reading the files again'))).toBe(true);
    expect(github.commitCount('main')).toBe(commits + 3);
    const after = github.fileAt('main', MOVED)!;
    expect(after).toContain(`summary: ${newSummary}`);
    expect(github.fileAt('main', 'content/settings/site.yml')).toMatch(/# geändert\n$/);
    const translations = readEntryFile(after, MOVED).data.translations as Record<string, Record<string, unknown>>;
    for (const lang of TRANSLATION_LANGUAGES) expect(translations[lang].summary).toBe(`«${lang === 'en' ? 'EN-GB' : lang.toUpperCase()}»${newSummary}`);
    expect(Object.values(statesOf(after, MOVED)).every((s) => s === 'machine')).toBe(true);
    // The second try sent only the new summary: everything else was known from the first.
    const texts = sent();
    for (const lang of ['EN-GB', 'TR', 'AR', 'RU', 'UK']) {
      const perLang = deepl.requests.filter((r) => r.status === 200 && r.targetLang.toUpperCase() === lang).flatMap((r) => r.texts);
      expect(new Set(perLang).size, lang).toBe(perLang.length);
    }
    expect(texts.filter((t) => t === newSummary)).toHaveLength(TRANSLATION_LANGUAGES.length);
  });

  it('when another commit lands between the night\'s commit and the branch update, GitHub refuses the update and the night retries on top of it', async () => {
    const editor = new GitHubWriter({ token: 'fake-token', repo: `${github.owner}/${github.repo}`, branch: 'main', baseUrl: github.url });
    const stored = (await editor.readFile(OFFER))!;
    await editor.commitFile({ path: OFFER, text: withoutLanguage(stored.text, 'uk'), expectedVersion: stored.version, message: 'Ukrainisch entfernt' });
    const work = workFor(onBranch(ALL));
    expect(work.items.map((i) => [i.file, i.languages])).toEqual([[OFFER, ['uk']]]);
    // A proxy in front of the fake: just before the night moves the branch, the settings
    // change in another commit (the head moves after the night built its commit on it).
    let raced = false;
    const proxy = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        if (!raced && req.method === 'PATCH' && decodeURIComponent(req.url ?? '').includes('/git/refs/heads/main')) {
          raced = true;
          const settings = (await editor.readFile('content/settings/site.yml'))!;
          await editor.commitFile({ path: 'content/settings/site.yml', text: `${settings.text}# dazwischen\n`, expectedVersion: settings.version, message: 'Einstellungen dazwischen' });
        }
        const answer = await fetch(`${github.url}${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body: chunks.length ? Buffer.concat(chunks) : undefined });
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
        res.end(Buffer.from(await answer.arrayBuffer()));
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const git = new GitHubWriter({ token: 'fake-token', repo: `${github.owner}/${github.repo}`, branch: 'main', baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` });
      const lines: string[] = [];
      deepl.reset();
      const result = await runNightly({ work, git, translator: new Translator(deepl.apiKey, { serverUrl: deepl.url, sendPlatformInfo: false }), log: (l) => lines.push(l) });
      expect(raced).toBe(true);
      expect(result.attempts).toBe(2);
      expect(lines.some((l) => l.includes('main moved while committing'))).toBe(true);
      // Both commits are on the branch: the settings change and, on top of it, the translation.
      expect(github.fileAt('main', 'content/settings/site.yml')).toMatch(/# dazwischen\n$/);
      expect(github.commitMessage('main')).toMatch(/^Maschinelle Übersetzung: 1 Eintrag \(uk\)/);
      expect(Object.values(statesOf(github.fileAt('main', OFFER)!, OFFER))).toEqual(TRANSLATION_LANGUAGES.map(() => 'machine'));
      // The retry sent nothing again.
      const texts = sent();
      expect(new Set(texts).size).toBe(texts.length);
    } finally {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('stops cleanly at the monthly budget: nothing half done, what is left is reported', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    const files = onBranch(ALL);
    const editor = new GitHubWriter({ token: 'fake-token', repo: `${github.owner}/${github.repo}`, branch: 'main', baseUrl: github.url });
    for (const file of BUDGET) {
      const stored = (await editor.readFile(file))!;
      await editor.commitFile({ path: file, text: withoutTranslations(stored.text), expectedVersion: stored.version, message: 'Übersetzungen entfernt' });
      files[file] = withoutTranslations(stored.text);
    }
    const work = workFor(files);
    publishWork(work);
    // DeepL reports the month almost used up: 50 characters below the site's budget.
    deepl.reset();
    deepl.characterCount = work.budget - 50;
    const commits = github.commitCount('main');
    try {
      const result = await night();
      expect(result.stoppedByBudget).toBe(true);
      expect(result.commit).toBeUndefined();
      expect(result.left).toEqual(expect.arrayContaining(BUDGET.flatMap((file) => TRANSLATION_LANGUAGES.map((lang) => `${file}: ${lang}`))));
    } finally {
      deepl.characterCount = 0;
    }
    expect(deepl.requests).toHaveLength(0);
    expect(github.commitCount('main')).toBe(commits);
    for (const file of ALL) expect(github.fileAt('main', file)).toBe(files[file]);
    expect(lines).toContain(`translate-nightly: monthly budget of ${work.budget} characters reached, ${BUDGET.length * TRANSLATION_LANGUAGES.length} translations left`);
  });

  it('when DeepL fails for good in the middle of a night, commits the files finished before and leaves the rest', async () => {
    const editor = new GitHubWriter({ token: 'fake-token', repo: `${github.owner}/${github.repo}`, branch: 'main', baseUrl: github.url });
    // Twelve offers lose their translations in one editor commit.
    const victims = ALL.filter((file) => file.startsWith('content/offers/') && ![OFFER, MOVED, PARTLY, ...BUDGET].includes(file)).slice(0, 12);
    const stripped: Record<string, string> = {};
    const files = [];
    for (const file of victims) {
      const stored = (await editor.readFile(file))!;
      stripped[file] = withoutTranslations(stored.text);
      files.push({ path: file, text: stripped[file], expectedVersion: stored.version });
    }
    await editor.commitFiles({ message: 'Übersetzungen entfernt', files });
    const work = workFor({ ...onBranch(ALL), ...stripped });
    expect(work.items.map((i) => i.file)).toEqual(expect.arrayContaining(victims));
    const real = new Translator(deepl.apiKey, { serverUrl: deepl.url, sendPlatformInfo: false, maxRetries: 0 });
    // From the second round of batches on (a language asked for again after another one),
    // DeepL answers nothing but errors: what deepl-node throws once its retries are spent.
    const seen: string[] = [];
    const failing = {
      getUsage: () => real.getUsage(),
      translateText: (...args: Parameters<typeof real.translateText>) => {
        const target = String(args[2]);
        if (seen.includes(target) && seen.at(-1) !== target) return Promise.reject(new Error('Service unavailable'));
        seen.push(target);
        return real.translateText(...args);
      },
    };
    const lines: string[] = [];
    const commits = github.commitCount('main');
    const result = await runNightly({ work, git: editor, translator: failing as never, log: (l) => lines.push(l) });
    expect(lines.some((l) => l.includes('DeepL failed (Service unavailable)'))).toBe(true);
    expect(github.commitCount('main')).toBe(commits + 1);
    const committed = victims.filter((file) => github.fileAt('main', file) !== stripped[file]);
    expect(committed.length).toBeGreaterThan(0);
    expect(committed.length).toBeLessThan(victims.length);
    for (const file of committed) expect(Object.values(statesOf(github.fileAt('main', file)!, file))).toEqual(TRANSLATION_LANGUAGES.map(() => 'machine'));
    for (const file of victims.filter((f) => !committed.includes(f))) expect(result.left).toEqual(expect.arrayContaining(TRANSLATION_LANGUAGES.map((lang) => `${file}: ${lang}`)));
    expect(github.commitMessage('main')).toContain(`Noch offen (DeepL nicht erreichbar): ${result.left.length} Übersetzungen.`);
    // The next night finishes the rest.
    deepl.reset();
    const next = await runNightly({ work: workFor(onBranch(ALL)), git: editor, translator: real });
    expect(next.commit).toBeDefined();
    for (const file of victims) expect(Object.values(statesOf(github.fileAt('main', file)!, file))).toEqual(TRANSLATION_LANGUAGES.map(() => 'machine'));
  });

  it('on a laptop commits into the local git repository, working tree included', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const repo = mkdtempSync(join(tmpdir(), 'qn-nightly-git-'));
    try {
      const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'Redaktion', GIT_AUTHOR_EMAIL: 'redaktion@example.org', GIT_COMMITTER_NAME: 'Redaktion', GIT_COMMITTER_EMAIL: 'redaktion@example.org' } });
      git('init', '-q', '-b', 'main');
      const text = withoutTranslations(read(OFFER));
      mkdirSync(dirname(join(repo, OFFER)), { recursive: true });
      writeFileSync(join(repo, OFFER), text);
      git('add', '.');
      git('commit', '-qm', 'Inhalt');
      publishWork(workFor({ [OFFER]: text }));
      delete process.env.GITHUB_TOKEN;
      process.env.QN_GIT_DIRECTORY = repo;
      deepl.reset();
      const result = await night();
      expect(result.commit).toBe(git('rev-parse', 'HEAD').trim());
      expect(git('log', '--format=%s').trim().split('\n')).toEqual(['Maschinelle Übersetzung: 1 Eintrag (en, tr, ar, ru, uk)', 'Inhalt']);
      expect(git('log', '-1', '--format=%an <%ae>').trim()).toBe('Quartiersnetz Übersetzung <uebersetzung@example.org>');
      expect(git('status', '--porcelain')).toBe('');
      const after = readFileSync(join(repo, OFFER), 'utf8');
      expect(Object.values(statesOf(after, OFFER))).toEqual(TRANSLATION_LANGUAGES.map(() => 'machine'));
    } finally {
      process.env.GITHUB_TOKEN = 'fake-token';
      delete process.env.QN_GIT_DIRECTORY;
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
