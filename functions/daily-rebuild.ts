/**
 * Daily at 05:00 UTC (06:00/07:00 in Münster): a fresh build judges "today" anew, so
 * ended offers disappear and the next meetings move up without a commit. The build
 * hook URL comes from the environment (NETLIFY_BUILD_HOOK_URL, a secret: whoever has
 * it can start builds).
 */
import type { Config } from '@netlify/functions';
import { triggerRebuild } from './lib/rebuild.ts';

export default async (): Promise<Response> => {
  const result = await triggerRebuild(process.env.NETLIFY_BUILD_HOOK_URL);
  (result.triggered || !process.env.NETLIFY_BUILD_HOOK_URL ? console.log : console.error)(result.message);
  return Response.json(result, { status: result.triggered || !process.env.NETLIFY_BUILD_HOOK_URL ? 200 : 502 });
};

export const config: Config = { schedule: '0 5 * * *' };
