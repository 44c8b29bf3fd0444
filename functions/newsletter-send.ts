/**
 * Sends newsletter posts (content/news with `newsletter: true`) once each, after they
 * are published. Two triggers run the same idempotent job (lib/newsletter/send.ts):
 * - `deploySucceeded` (Netlify event handler, @netlify/functions 5: a default-export
 *   object with event methods): right after a production deploy went live, so the web
 *   version a mail links to exists. Deploy previews and branch deploys send nothing.
 * - the schedule (every 15 minutes), calling `fetch`: the safety net when the event was
 *   missed or a send was interrupted. Scheduled functions only run on the published
 *   production deploy.
 * The posts come from generated/newsletter.json, bundled with this very deploy.
 */
import type { Config, DeploySucceededEvent } from '@netlify/functions';
import { newsletterData } from './lib/newsletter/data.ts';
import { runNewsletterSend } from './lib/newsletter/send.ts';

async function run(trigger: string): Promise<Record<string, string>> {
  const outcomes = await runNewsletterSend({ data: newsletterData() });
  console.log(`[newsletter] ${trigger}: ${JSON.stringify(outcomes)}`);
  return outcomes;
}

export default {
  async deploySucceeded(event: DeploySucceededEvent): Promise<void> {
    if (event.deploy.context !== 'production') return;
    await run(`deploy ${event.deploy.id}`);
  },
  async fetch(): Promise<Response> {
    const outcomes = await run('schedule');
    return new Response(JSON.stringify(outcomes), { headers: { 'content-type': 'application/json' } });
  },
};

export const config: Config = {
  schedule: '*/15 * * * *',
};
