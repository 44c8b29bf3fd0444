/**
 * `npm run newsletter:preview -- <slug>`: renders the newsletter mail of a news post into
 * the local outbox (.outbox/ or QN_OUTBOX_DIR) exactly as subscribers would get it, so
 * editors can check it in a mail program (or at /dev/outbox/ under `npm start`) before
 * setting `newsletter: true`. Needs no build and never sends anything.
 * Without a slug it lists the posts.
 */
import { loadContent } from '../src/lib/load-content.ts';
import { buildNewsletterData, newsletterPost } from '../src/lib/newsletter-data.ts';
import { formatProblem } from '../src/schema/problems.ts';
import { writeToOutbox } from '../functions/lib/outbox.ts';
import { newsletterSecret } from '../functions/lib/newsletter/config.ts';
import { postNetworks } from '../functions/lib/newsletter/data.ts';
import { buildBatch } from '../functions/lib/newsletter/send.ts';

const PREVIEW_RECIPIENT = 'vorschau@example.org';
const root = process.cwd();
const slug = process.argv[2];

const { content, problems } = loadContent(root);
if (problems.length > 0) {
  console.error(`Die Inhalte enthalten Probleme; bitte zuerst beheben („npm run check“):\n${problems.map((p) => `- ${formatProblem(p)}`).join('\n')}`);
  process.exit(1);
}

const list = () => content.news.map((n) => `  ${n.id}${n.data.newsletter ? '  (Newsletter)' : ''}`).join('\n');
if (!slug) {
  console.error(`Bitte die Kennung einer Meldung angeben: npm run newsletter:preview -- <kennung>\n\nMeldungen:\n${list()}`);
  process.exit(1);
}
const entry = content.news.find((n) => n.id === slug);
if (!entry) {
  console.error(`Die Meldung „${slug}“ gibt es nicht (content/news/${slug}.md). Vorhandene Meldungen:\n${list()}`);
  process.exit(1);
}

const siteUrl = process.env.QN_PUBLIC_URL ?? process.env.URL ?? 'http://localhost:4321';
const data = await buildNewsletterData(content, siteUrl);
const post = await newsletterPost(entry);
const origin = process.env.QN_PUBLIC_URL ?? data.site.url;
const [mail] = buildBatch(post, data, origin, [{ email: PREVIEW_RECIPIENT, networks: postNetworks(post, data.networks) }], newsletterSecret());
const { file } = writeToOutbox(mail);
console.log(`Vorschau geschrieben: ${file}`);
console.log(`Betreff: ${mail.subject}`);
if (!entry.data.newsletter) console.log('Hinweis: Diese Meldung ist nicht als Newsletter markiert (newsletter: true fehlt); sie wird so nicht verschickt.');
