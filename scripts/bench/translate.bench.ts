/**
 * Machine translation figures: DeepL characters needed to translate the whole sample
 * content once into en, tr, ar, ru, uk (every translation removed first), what the current
 * sample still needs, and the run time of `translateProject` through deepl-node against
 * the local DeepL fake (so: our own overhead, not DeepL's latency).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Translator } from 'deepl-node';
import { translateProject } from '../../functions/lib/translate/engine.ts';
import { startDeepLFake } from '../../tests/helpers/deepl-fake.ts';
import { copyProject } from '../../tests/helpers/project-copy.ts';

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
