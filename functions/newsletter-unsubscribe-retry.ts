/**
 * Every minute: brings unsubscribes to Resend that could not be applied at once
 * (lib/newsletter/unsubscribe-jobs.ts), with backoff; the office is told when one keeps
 * failing. Our own sending stopped when the person unsubscribed; this keeps Resend's
 * contact list (and so any broadcast from its dashboard) in step.
 */
import type { Config } from '@netlify/functions';
import { newsletterData } from './lib/newsletter/data.ts';
import { retryUnsubscribes } from './lib/newsletter/unsubscribe-jobs.ts';

export default async function newsletterUnsubscribeRetry(): Promise<Response> {
  const run = await retryUnsubscribes(newsletterData());
  console.log(`[newsletter] unsubscribe retry: ${JSON.stringify(run)}`);
  return new Response(null, { status: 204 });
}

export const config: Config = {
  schedule: '* * * * *',
};
