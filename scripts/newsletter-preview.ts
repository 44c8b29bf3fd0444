/**
 * `npm run newsletter:preview -- <slug>`: renders the newsletter mail of a news post into
 * the local outbox (.outbox/ or QN_OUTBOX_DIR) exactly as subscribers would get it, so
 * editors can check it in a mail program (or at /dev/outbox/ under `npm start`) before
 * setting `newsletter: true`. Needs no build and never sends anything.
 * `npm run newsletter:preview -- meetings/<slug>`: the invitation of a future meeting,
 * or the minutes mail of a past meeting with minutes, as the sender would mail them.
 * Without a slug it lists the posts and meetings.
 */
import { loadContent } from '../src/lib/load-content.ts';
import { buildNewsletterData, newsletterPost } from '../src/lib/newsletter-data.ts';
import { formatProblem } from '../src/schema/problems.ts';
import { writeToOutbox } from '../functions/lib/outbox.ts';
import { newsletterSecret } from '../functions/lib/newsletter/config.ts';
import { buildBatch, postMailing } from '../functions/lib/newsletter/send.ts';
import { meetingPreviewMailing } from '../functions/lib/newsletter/meeting-mailings.ts';
import { now } from '../src/lib/clock.ts';

const PREVIEW_RECIPIENT = 'vorschau@example.org';
const root = process.cwd();
const slug = process.argv[2];

const { content, problems } = loadContent(root);
if (problems.length > 0) {
  console.error(`Die Inhalte enthalten Probleme; bitte zuerst beheben („npm run check“):\n${problems.map((p) => `- ${formatProblem(p)}`).join('\n')}`);
  process.exit(1);
}

const list = () => content.news.map((n) => `  ${n.id}${n.data.newsletter ? '  (Newsletter)' : ''}`).join('\n');
const meetingList = () => content.meetings.map((m) => `  meetings/${m.id}`).join('\n');
if (!slug) {
  console.error(`Bitte die Kennung einer Meldung oder eines Treffens angeben: npm run newsletter:preview -- <kennung> oder -- meetings/<kennung>\n\nMeldungen:\n${list()}\n\nTreffen:\n${meetingList()}`);
  process.exit(1);
}

const siteUrl = process.env.QN_PUBLIC_URL ?? process.env.URL ?? 'http://localhost:4321';
const data = await buildNewsletterData(content, siteUrl, root);
const origin = process.env.QN_PUBLIC_URL ?? data.site.url;
const meetingSlug = slug.startsWith('meetings/') ? slug.slice('meetings/'.length) : undefined;

let mailing;
if (meetingSlug !== undefined) {
  const meeting = data.meetings.find((m) => m.slug === meetingSlug);
  if (!meeting) {
    console.error(`Das Treffen „${meetingSlug}“ gibt es nicht (content/meetings/${meetingSlug}.md). Vorhandene Treffen:\n${meetingList()}`);
    process.exit(1);
  }
  const preview = meetingPreviewMailing(meeting, data, now());
  if (!preview.ok) {
    console.error(`content/meetings/${meetingSlug}.md: ${preview.message}`);
    process.exit(1);
  }
  mailing = preview.mailing;
} else {
  const entry = content.news.find((n) => n.id === slug);
  if (!entry) {
    console.error(`Die Meldung „${slug}“ gibt es nicht (content/news/${slug}.md). Vorhandene Meldungen:\n${list()}\n\nFür ein Treffen: npm run newsletter:preview -- meetings/<kennung>`);
    process.exit(1);
  }
  if (!entry.data.newsletter) console.log('Hinweis: Diese Meldung ist nicht als Newsletter markiert (newsletter: true fehlt); sie wird so nicht verschickt.');
  mailing = postMailing(await newsletterPost(entry), data, now());
}
const [mail] = buildBatch(mailing, data, origin, [{ email: PREVIEW_RECIPIENT, networks: mailing.networks }], newsletterSecret());
const { file } = writeToOutbox(mail);
console.log(`Vorschau geschrieben: ${file}`);
console.log(`Betreff: ${mail.subject}`);
