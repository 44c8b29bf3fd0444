/**
 * Nightly at 01:30 UTC (02:30 in Münster in winter, 03:30 in summer): translates what the
 * last build listed as missing or outdated (generated/translations.json) through DeepL and
 * commits the result as one commit (lib/translate/nightly.ts). The commit starts a build,
 * so the translations are online in the morning. Without DEEPL_API_KEY it does nothing.
 */
import type { Config } from '@netlify/functions';
import { Translator } from 'deepl-node';
import { readGenerated } from './lib/generated.ts';
import { GENERATED_FILES } from '../src/lib/generated-files.ts';
import { gitWriter } from './lib/git/index.ts';
import { runNightly } from './lib/translate/nightly.ts';

/** Scheduled functions end after 30 s: no new file is started after this much. */
const WORK_MS = 20_000;

export default async (): Promise<Response> => {
  const key = process.env.DEEPL_API_KEY?.trim();
  if (!key) {
    console.log('translate-nightly: DEEPL_API_KEY is not set, nothing translated');
    return Response.json({ skipped: 'no DEEPL_API_KEY' });
  }
  const translator = new Translator(key, {
    serverUrl: process.env.DEEPL_SERVER_URL?.trim() || undefined,
    maxRetries: Number(process.env.DEEPL_MAX_RETRIES ?? 3),
    sendPlatformInfo: false,
  });
  const result = await runNightly({
    work: readGenerated(GENERATED_FILES.translations),
    git: gitWriter(),
    translator,
    stopAt: Date.now() + WORK_MS,
    log: (line) => console.log(line),
  });
  return Response.json(result);
};

export const config: Config = { schedule: '30 1 * * *' };
