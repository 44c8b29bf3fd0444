/**
 * Machine translation figures: DeepL characters needed to translate the whole sample
 * content once into en, tr, ar, ru, uk (every translation removed first), what the current
 * sample still needs, and the run time of `translateProject` through deepl-node against
 * the local DeepL fake (so: our own overhead, not DeepL's latency). Then the nightly
 * function's run (lib/translate/nightly.ts) against the DeepL and GitHub fakes: GitHub
 * requests, commits and time for a night that translates the whole sample, and for a night
 * after one German summary changed. Last, the hit rate of the cross-language relevance set
 * (tests/i18n/cross-language-queries.ts) per language.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Translator } from 'deepl-node';
import { translateProject } from '../../functions/lib/translate/engine.ts';
import { startDeepLFake } from '../../tests/helpers/deepl-fake.ts';
import { copyProject } from '../../tests/helpers/project-copy.ts';
import { startGitHubFake } from '../../tests/helpers/github-fake.ts';
import { GitHubWriter } from '../../functions/lib/git/github.ts';
import { runNightly } from '../../functions/lib/translate/nightly.ts';
import { loadContent } from '../../src/lib/load-content.ts';
import { translationWork } from '../../src/lib/translation-work.ts';
import { berlinDate } from '../../src/lib/dates.ts';
import { hitRates } from '../../tests/i18n/cross-language-queries.ts';

const TODAY = berlinDate(new Date());

/** Drops the `translations:` block of every offer and organisation. */
function stripTranslations(root: string) {
  for (const collection of ['offers', 'organisations']) {
    for (const name of readdirSync(join(root, 'content', collection)).filter((f) => f.endsWith('.md'))) {
      const path = join(root, 'content', collection, name);
      writeFileSync(path, readFileSync(path, 'utf8').replace(/^translations:\n(?:[ \t]+.*\n|\n)*/m, ''));
    }
  }
}

const fmt = (n: number) => n.toLocaleString('en-US');
for (const [label, strip] of [['whole sample, from nothing', true], ['current sample (fill gaps)', false]] as const) {
  const copy = copyProject('qn-bench-translate-');
  const fake = await startDeepLFake({ characterLimit: 10_000_000 });
  try {
    if (strip) stripTranslations(copy.root);
    // The budget must not cut the measurement short.
    writeFileSync(join(copy.root, 'content/settings/site.yml'), `${readFileSync(join(copy.root, 'content/settings/site.yml'), 'utf8').trimEnd()}\ntranslation_budget: 10000000\n`);
    const translator = new Translator(fake.apiKey, { serverUrl: fake.url, maxRetries: 5, sendPlatformInfo: false });
    const started = performance.now();
    const report = await translateProject({ root: copy.root, translator });
    const ms = performance.now() - started;
    const perLanguage = Math.round(report.charactersSent / 5);
    console.log(
      `${label.padEnd(28)} ${fmt(report.charactersSent).padStart(9)} characters (~${fmt(perLanguage)} per language), ` +
        `${report.done.length} translations in ${report.written.length} files, ${fake.requests.length} requests, ${ms.toFixed(0)} ms against the fake`,
    );
  } finally {
    await fake.close();
    copy.remove();
  }
}

// The nightly function: the build's list → git reads → DeepL → one commit.
{
  const copy = copyProject('qn-bench-nightly-');
  const fake = await startDeepLFake({ characterLimit: 10_000_000 });
  try {
    stripTranslations(copy.root);
    writeFileSync(join(copy.root, 'content/settings/site.yml'), `${readFileSync(join(copy.root, 'content/settings/site.yml'), 'utf8').trimEnd()}\ntranslation_budget: 10000000\n`);
    const files = (root: string) => {
      const { content } = loadContent(root);
      return Object.fromEntries([...content.offers, ...content.organisations].map((e) => [e.file, readFileSync(join(root, e.file), 'utf8')]));
    };
    const github = await startGitHubFake(files(copy.root));
    const translator = new Translator(fake.apiKey, { serverUrl: fake.url, maxRetries: 5, sendPlatformInfo: false });
    const night = async (label: string) => {
      const git = new GitHubWriter({ token: 'fake-token', repo: `${github.owner}/${github.repo}`, branch: 'main', baseUrl: github.url });
      const work = translationWork(loadContent(copy.root).content, TODAY);
      const commitsBefore = github.commitCount('main');
      fake.reset();
      const started = performance.now();
      const result = await runNightly({ work, git, translator });
      const ms = performance.now() - started;
      console.log(
        `nightly: ${label.padEnd(34)} ${work.items.length} entries listed, ${fmt(result.charactersSent)} characters, ${fake.requests.length} DeepL requests, ` +
          `${git.calls} GitHub requests, ${github.commitCount('main') - commitsBefore} commit(s), ${ms.toFixed(0)} ms against the fakes`,
      );
      // The build after the night sees the committed files.
      for (const [file] of Object.entries(files(copy.root))) writeFileSync(join(copy.root, file), github.fileAt('main', file)!);
    };
    await night('whole sample, from nothing');
    // An editor changes one offer's German summary: the next night renews its five languages.
    const offer = readdirSync(join(copy.root, 'content/offers')).find((f) => f.endsWith('.md'))!;
    const path = join(copy.root, 'content/offers', offer);
    const changed = readFileSync(path, 'utf8').replace(/^summary: .*$/m, 'summary: Neue Zeiten ab Januar, bitte vorher anmelden.');
    writeFileSync(path, changed);
    const editor = new GitHubWriter({ token: 'fake-token', repo: `${github.owner}/${github.repo}`, branch: 'main', baseUrl: github.url });
    const stored = (await editor.readFile(`content/offers/${offer}`))!;
    await editor.commitFile({ path: `content/offers/${offer}`, text: changed, expectedVersion: stored.version, message: 'Kurzbeschreibung geändert' });
    await night('one German summary changed');
    await night('nothing new');
    await github.close();
  } finally {
    await fake.close();
    copy.remove();
  }
}

// Search from every language (issue 22, item 4): the second cross-language set against the
// search data of each language page, built from the content as it is now.
{
  const rates = hitRates(new Date(`${TODAY}T12:00:00+01:00`));
  let passed = 0;
  let total = 0;
  for (const [lang, r] of Object.entries(rates)) {
    passed += r.passed;
    total += r.total;
    console.log(`search [${lang}] ${r.passed}/${r.total} with an answer in the top three, ${r.empty.length} empty${r.missed.length ? ` (missed: ${r.missed.join(', ')})` : ''}`);
  }
  console.log(`search, all languages: ${passed}/${total} (${((100 * passed) / total).toFixed(0)} %)`);
}
