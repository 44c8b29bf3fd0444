/**
 * `npm run mail:preview`: renders every kind of mail the site sends with sample data
 * (scripts/lib/mail-samples.ts) into the local outbox (.outbox/ or QN_OUTBOX_DIR, as .eml
 * files a mail program opens, also listed at /dev/outbox/ under `npm start`), and as
 * HTML and PNG screenshots in Chromium, 600 px and 360 px wide, in .outbox/vorschau/.
 * Sends nothing. `-- --docs` also renews the pictures in docs/img/ that
 * docs/redaktion.md shows. Exit 1 when a mail loads something or is wider than the screen.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { outboxDir, writeToOutbox } from '../functions/lib/outbox.ts';
import { mailSamples, SampleContentError } from './lib/mail-samples.ts';
import { screenshotMails } from './lib/mail-screenshots.ts';

const PREVIEW_RECIPIENT = 'vorschau@example.org';
/** The pictures docs/redaktion.md shows: every mail at 600 px, the contact mail on a phone too. */
export const DOCS_PICTURES = (id: string, width: number) => width === 600 || id === 'kontakt-organisation';

let samples;
try {
  samples = await mailSamples();
} catch (error) {
  if (!(error instanceof SampleContentError)) throw error;
  console.error(`Die Inhalte enthalten Probleme; bitte zuerst beheben („npm run check“):\n${error.problems.map((p) => `- ${p}`).join('\n')}`);
  process.exit(1);
}
const dir = join(outboxDir(), 'vorschau');
mkdirSync(dir, { recursive: true });

const rendered = samples.map((sample) => ({ sample, mail: sample.render() }));
for (const { sample, mail } of rendered) {
  writeToOutbox({ from: 'Quartiersnetz Kinderhaus <vorschau@example.org>', to: mail.to ?? PREVIEW_RECIPIENT, replyTo: mail.replyTo, subject: mail.subject, html: mail.html, text: mail.text, headers: mail.headers });
  writeFileSync(join(dir, `${sample.id}.html`), mail.html);
  writeFileSync(join(dir, `${sample.id}.txt`), mail.text);
}

let shots;
try {
  shots = await screenshotMails(rendered.map(({ sample, mail }) => ({ id: sample.id, html: mail.html })));
} catch (error) {
  console.error(`Die E-Mails liegen als .eml in ${outboxDir()}, aber Chromium ließ sich nicht starten (${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'}; installieren mit „apt-get install chromium“ oder CHROMIUM_PATH setzen):\n${String(error).split('\n')[0]}`);
  process.exit(1);
}
const docs = process.argv.includes('--docs');
const problems: string[] = [];
for (const shot of shots) {
  writeFileSync(join(dir, `${shot.id}-${shot.width}.png`), shot.png);
  if (docs && DOCS_PICTURES(shot.id, shot.width)) writeFileSync(join('docs', 'img', `mail-${shot.id}-${shot.width}.png`), shot.png);
  if (shot.requests.length) problems.push(`${shot.id}: lädt ${shot.requests.join(', ')} – eine E-Mail darf nichts nachladen.`);
  if (shot.scrollWidth > shot.width) problems.push(`${shot.id}: bei ${shot.width} px ${shot.scrollWidth} px breit – etwas bricht nicht um.`);
}

console.log(`${samples.length} E-Mails als Vorschau geschrieben:`);
for (const { sample, mail } of rendered) console.log(`- ${sample.title}\n  Betreff: ${mail.subject}\n  ${join(dir, sample.id)}-600.png, -360.png`);
console.log(`Die .eml-Dateien liegen in ${outboxDir()} (unter „npm start“ auch auf /dev/outbox/).`);
if (problems.length) {
  console.error(`\nProbleme:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  process.exitCode = 1;
}
