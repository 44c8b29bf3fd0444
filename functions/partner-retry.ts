/**
 * Every five minutes: proposals whose first attempt failed (GitHub down, rate limit,
 * moved head …) are landed in the editorial workflow with backoff, and the office mail
 * of a proposal is sent if its first send failed (lib/partner/proposals.ts).
 */
import type { Config } from '@netlify/functions';
import { siteFacts } from './lib/generated.ts';
import { gitWriter } from './lib/git/index.ts';
import { store } from './lib/stores.ts';
import { publicOrigin } from './lib/newsletter/config.ts';
import { PROPOSAL_STORE, listProposals, retryDue } from './lib/partner/proposals.ts';
import { notifyOffice } from './lib/partner/service.ts';
import { now } from '../src/lib/clock.ts';

export default async (): Promise<Response> => {
  const blobs = store(PROPOSAL_STORE);
  const site = siteFacts();
  const landed = await retryDue(blobs, gitWriter(), now());
  let unmailed = 0;
  for (const record of await listProposals(blobs)) {
    if (record.state !== 'superseded' && !record.mailed && !(await notifyOffice({ blobs, site, origin: publicOrigin(site.url || 'http://localhost:4321') }, record.id))) unmailed++;
  }
  return Response.json({ ...landed, unmailed });
};

export const config: Config = { schedule: '*/5 * * * *' };
