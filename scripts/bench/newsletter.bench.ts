/**
 * Newsletter send: how long reading the recipients from Blobs, rendering the mails and
 * sending them in batches of 100 take for 1,000 subscribers, against the local Resend
 * fake and a local Blobs server (so: our own cost, without the network to Resend).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAtomicBlobs } from '../../tests/helpers/atomic-blobs.ts';
import { startResendFake } from '../../tests/helpers/resend-fake.ts';
import { loadContent } from '../../src/lib/load-content.ts';
import { buildNewsletterData } from '../../src/lib/newsletter-data.ts';
import { recordConfirmation, recipientsFor } from '../../functions/lib/newsletter/subscribers.ts';
import { buildBatch, postMailing, runNewsletterSend } from '../../functions/lib/newsletter/send.ts';
import { meetingPreviewMailing } from '../../functions/lib/newsletter/meeting-mailings.ts';

const SUBSCRIBERS = 1_000;
const outbox = mkdtempSync(join(tmpdir(), 'qn-bench-outbox-'));
process.env.QN_OUTBOX_DIR = outbox;
process.env.NEWSLETTER_SECRET = 'bench-secret-0123456789-0123456789-abcdef';
process.env.QN_RATE_LIMIT_SALT = 'bench-personal-key-secret-0123456789-abcdef';
const blobs = await startAtomicBlobs();
const fake = await startResendFake();
process.env.RESEND_API_KEY = 're_bench';
process.env.RESEND_BASE_URL = fake.url;

try {
  const { content } = loadContent(process.cwd());
  const data = await buildNewsletterData(content, 'https://quartiersnetz-kinderhaus.example.org');
  const post = { ...data.posts.at(-1)!, date: new Date().toISOString().slice(0, 10), networks: [] };
  const networks = data.networks.map((n) => n.slug);
  const now = new Date().toISOString();

  let started = performance.now();
  for (let i = 0; i < SUBSCRIBERS; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, SUBSCRIBERS - i) }, (_, k) =>
        recordConfirmation(`leser-${i + k}@example.org`, { networks: [networks[(i + k) % networks.length]], requestedAt: now, confirmedAt: now, consentVersion: 'bench', consentText: 'bench' }),
      ),
    );
  }
  const seedMs = performance.now() - started;

  started = performance.now();
  const recipients = await recipientsFor(networks);
  const readMs = performance.now() - started;

  started = performance.now();
  const mails = buildBatch(postMailing(post, data, new Date()), data, data.site.url, recipients, process.env.NEWSLETTER_SECRET);
  const renderMs = performance.now() - started;
  const mailBytes = Buffer.byteLength(mails[0].html) + Buffer.byteLength(mails[0].text);

  // A meeting invitation (agenda, documents, calendar link) for the same recipients.
  const ahead = data.meetings.find((m) => Date.parse(m.meeting.starts_at) > Date.now() && m.meeting.agenda?.length) ?? data.meetings.at(-1)!;
  const invitation = meetingPreviewMailing({ ...ahead, meeting: { ...ahead.meeting, cancelled: false } }, data, new Date(Date.parse(ahead.meeting.starts_at) - 86_400_000));
  if (!invitation.ok) throw new Error(invitation.message);
  started = performance.now();
  const invitations = buildBatch(invitation.mailing, data, data.site.url, recipients, process.env.NEWSLETTER_SECRET);
  const invitationMs = performance.now() - started;
  const invitationBytes = Buffer.byteLength(invitations[0].html) + Buffer.byteLength(invitations[0].text);

  started = performance.now();
  const outcome = await runNewsletterSend({ data: { ...data, posts: [post], meetings: [] }, log: () => {} });
  const sendMs = performance.now() - started;

  console.log(`subscribers seeded:            ${SUBSCRIBERS} in ${seedMs.toFixed(0)} ms`);
  console.log(`read recipients from Blobs:    ${recipients.length} in ${readMs.toFixed(0)} ms`);
  console.log(`render ${mails.length} mails:             ${renderMs.toFixed(0)} ms (${(renderMs / mails.length).toFixed(2)} ms each, ${(mailBytes / 1024).toFixed(1)} KB html+text)`);
  console.log(`render ${invitations.length} invitations:       ${invitationMs.toFixed(0)} ms (${(invitationMs / invitations.length).toFixed(2)} ms each, ${(invitationBytes / 1024).toFixed(1)} KB html+text)`);
  console.log(`full send run (claim → sent):  ${sendMs.toFixed(0)} ms, ${fake.requests.filter((r) => r.path === '/emails/batch').length} batch requests, outcome ${outcome[post.slug]}`);
  console.log(`delivered by the fake:         ${fake.delivered().length}`);
} finally {
  await fake.close();
  await blobs.stop();
  rmSync(outbox, { recursive: true, force: true });
}
