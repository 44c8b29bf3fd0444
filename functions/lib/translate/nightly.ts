/**
 * One nightly translation run: the files the last build listed (generated/translations.json)
 * are read again from git, planned and translated like `npm run translate` does it, and
 * committed as ONE commit through the git writer (GitHub in production, the local
 * repository on a laptop). Because the plan is made from the file as it is on the branch
 * now, an edit made after the build is never overwritten: a translation a person checked
 * meanwhile is left alone, a German text changed meanwhile is translated as it stands.
 * When the branch moves between reading and committing, the run reads again and retries;
 * texts translated in the first try are not sent (or billed) again.
 */
import { ConflictError, type GitWriter } from '../git/types.ts';
import type { TranslationWork } from '../../../src/lib/translation-work.ts';
import { doneLines, planFiles, translatePlanned, type SourceFile, type TranslateReport, type TranslatorLike } from './engine.ts';

/** The commits' author: the machine, not a person and not the partner page. */
export const TRANSLATION_AUTHOR = { name: 'Quartiersnetz Übersetzung', email: 'uebersetzung@example.org' };

export interface NightlyDeps {
  work: TranslationWork;
  git: GitWriter;
  translator: TranslatorLike;
  log?: (line: string) => void;
  /** Tries when the branch moved (default 3). */
  tries?: number;
  /** No file is started after this time (ms since epoch): a scheduled function has 30 s. */
  stopAt?: number;
}

export interface NightlyResult {
  /** The commit made, if any. */
  commit?: string;
  /** "offers/<slug> → en, tr" per committed file. */
  translated: string[];
  /** Translations not done this night (budget or time), "content/…md: lang". */
  left: string[];
  stoppedByBudget: boolean;
  stoppedByTime: boolean;
  charactersSent: number;
  /** How many times the run read the files (1 unless the branch moved). */
  attempts: number;
}

/** "offers/deutschkurs → en, tr" for each written file, from the run's report. */
export function translatedLines(report: Pick<TranslateReport, 'done' | 'written'>): string[] {
  const byFile = new Map<string, string[]>(report.written.map((file) => [file, []]));
  for (const line of report.done) {
    const match = /^(.+?): ([a-z]{2}) /.exec(line);
    if (match) byFile.get(match[1])?.push(match[2]);
  }
  return [...byFile].map(([file, langs]) => `${file.replace(/^content\//, '').replace(/\.md$/, '')} → ${langs.length ? langs.join(', ') : 'Prüfstand vermerkt'}`);
}

/** The commit message: what was translated, per entry, and what the machine left for later. */
export function nightlyCommitMessage(report: TranslateReport): string {
  const lines = translatedLines(report);
  const languages = [...new Set(report.done.map((line) => /: ([a-z]{2}) /.exec(line)?.[1]).filter(Boolean))];
  const subject = `Maschinelle Übersetzung: ${lines.length} ${lines.length === 1 ? 'Eintrag' : 'Einträge'}${languages.length ? ` (${languages.join(', ')})` : ''}`;
  const body = [
    ...report.done.map((line) => `- ${line.replace(/^content\//, '').replace(/\.md:/, ' →')}`),
    '',
    `DeepL${report.failed ? '' : `, ${report.charactersSent.toLocaleString('de-DE')} Zeichen`}. Als maschinell übersetzt markiert, bis eine Person sie prüft (Schalter „Von einer Person geprüft“).`,
    ...(report.left.length ? ['', `Noch offen (${report.stoppedByBudget ? 'Monatsbudget erreicht' : report.failed ? 'DeepL nicht erreichbar' : 'Zeit der Nacht abgelaufen'}): ${report.left.length} Übersetzungen.`] : []),
  ];
  return `${subject}\n\n${body.join('\n')}\n`;
}

export async function runNightly(deps: NightlyDeps): Promise<NightlyResult> {
  const log = deps.log ?? (() => {});
  const tries = deps.tries ?? 3;
  const result: NightlyResult = { translated: [], left: [], stoppedByBudget: false, stoppedByTime: false, charactersSent: 0, attempts: 0 };
  if (deps.work.items.length === 0) {
    log('translate-nightly: nothing listed by the last build');
    return result;
  }
  const known = new Map<string, string>();
  for (;;) {
    result.attempts += 1;
    const files: SourceFile[] = [];
    const versions = new Map<string, string>();
    for (const item of deps.work.items) {
      const stored = await deps.git.readFile(item.file);
      // Deleted since the build: nothing to translate.
      if (!stored) continue;
      files.push({ file: item.file, collection: item.collection, text: stored.text });
      versions.set(item.file, stored.version);
    }
    const texts = new Map<string, string>();
    const planned = planFiles(files, deps.work.glossary);
    let report: TranslateReport;
    try {
      report = await translatePlanned(planned, {
        translator: deps.translator,
        budget: deps.work.budget,
        known,
        stopAt: deps.stopAt,
        write: (file, text) => void texts.set(file, text),
      });
    } catch (error) {
      // DeepL failed beyond deepl-node's retries: keep what is complete, the rest waits for the next night.
      if (texts.size === 0) throw error;
      log(`translate-nightly: DeepL failed (${error instanceof Error ? error.message : String(error)}); committing the ${texts.size} files translated before`);
      const done = planned.filter((p) => texts.has(p.file));
      report = {
        written: [...texts.keys()],
        done: done.flatMap(doneLines),
        left: planned.filter((p) => !texts.has(p.file)).flatMap((p) => p.jobs.map((j) => `${p.file}: ${j.lang}`)),
        checkedStale: [],
        charactersSent: 0,
        budget: deps.work.budget,
        stoppedByBudget: false,
        failed: true,
      };
    }
    result.charactersSent += report.charactersSent;
    result.left = report.left;
    result.stoppedByBudget = report.stoppedByBudget;
    result.stoppedByTime = report.stoppedByTime === true;
    if (report.stoppedByBudget) log(`translate-nightly: monthly budget of ${report.budget} characters reached, ${report.left.length} translations left`);
    if (texts.size === 0) {
      log('translate-nightly: nothing to translate, no commit');
      return result;
    }
    try {
      const { commit } = await deps.git.commitFiles({
        message: nightlyCommitMessage(report),
        author: TRANSLATION_AUTHOR,
        files: [...texts].map(([path, text]) => ({ path, text, expectedVersion: versions.get(path)! })),
      });
      result.commit = commit;
      result.translated = translatedLines(report);
      log(`translate-nightly: committed ${commit.slice(0, 12)}: ${result.translated.join('; ')}`);
      return result;
    } catch (error) {
      if (!(error instanceof ConflictError) || result.attempts >= tries) throw error;
      log(`translate-nightly: ${error.message}; reading the files again (try ${result.attempts + 1} of ${tries})`);
    }
  }
}
