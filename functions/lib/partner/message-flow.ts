/**
 * "Nachricht an das Netzwerk" on the partner page: show the form, and turn a post into a
 * news post proposal in Decap's editorial workflow through the same machinery as every
 * partner proposal (proposals.ts: stored in Blobs before the first git call, landed,
 * retried by partner-retry.ts, one office mail). Order as everywhere on /partner/:
 * token (checked by the caller) → scope (the organisation's networks from its current
 * profile file) → validation of every field and every file → store → write. A refusal
 * stores nothing: not the text, not one byte of a file.
 */
import { berlinDate } from '../../../src/lib/dates.ts';
import type { UploadedFile } from '../http/request.ts';
import { organisation, partnerDirectory } from './directory.ts';
import { entryData } from './entry-file.ts';
import { attachmentPaths, checkMessage, newsFile, readMessage, slugFor, MESSAGE_FIELDS, type MessageInput, type MessageProblems, type NetworkChoice } from './message.ts';
import { MESSAGE_SCRIPT, messageBody } from './message-view.ts';
import { page } from './page.ts';
import { landProposal, loadProposal, proposalId, saveMedia, saveProposal, type ProposalRecord } from './proposals.ts';
import { pathOf } from './scope.ts';
import { notifyOffice, type PartnerDeps } from './service.ts';
import type { Flash } from './views.ts';
import { MARKDOWN_COLLECTIONS } from '../../../src/schema/index.ts';

const TITLE = 'Nachricht an das Netzwerk';
const CONTROLS = new Set(['t', 'action']);
const newsPath = (slug: string) => `${MARKDOWN_COLLECTIONS.news.folder}/${slug}.md`;

/** The networks the organisation belongs to, from its profile file as it is now. */
export async function organisationNetworks(deps: Pick<PartnerDeps, 'writer'>, orgSlug: string): Promise<NetworkChoice[]> {
  const file = await deps.writer.readFile(pathOf('organisations', orgSlug));
  const own = file ? entryData(file.text)?.networks : undefined;
  const slugs = Array.isArray(own) ? own.filter((n): n is string => typeof n === 'string') : [];
  const labels = new Map(partnerDirectory().references.networks.map((n) => [n.slug, n.label]));
  // A network that no longer exists cannot receive a message.
  return slugs.filter((slug) => labels.has(slug)).map((slug) => ({ slug, label: labels.get(slug)! }));
}

const unavailable = 'Ihre Nachricht konnte gerade nicht gespeichert werden. Ihr Text steht unten noch da: Bitte senden Sie in ein paar Minuten noch einmal.';

export async function showMessageForm(deps: PartnerDeps, orgSlug: string, token: string): Promise<Response> {
  const org = organisation(orgSlug)!;
  return page(deps.site.title, TITLE, messageBody({ organisationName: org.name, networks: await organisationNetworks(deps, orgSlug), token }), 200, {}, MESSAGE_SCRIPT);
}

/** A file name free on the base branch and not waiting for another organisation. */
async function freeSlug(deps: PartnerDeps, orgSlug: string, base: string): Promise<string | undefined> {
  for (let n = 1; n <= 10; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (await deps.writer.readFile(newsPath(slug))) continue;
    const latest = (await deps.blobs.get(`latest/news/${slug}`, { type: 'json' })) as { id: string } | null;
    const owner = latest ? (await loadProposal(deps.blobs, latest.id))?.organisation : undefined;
    // The same organisation sending the same title again updates its waiting message.
    if (!owner || owner === orgSlug) return slug;
  }
  return undefined;
}

export async function sendMessage(
  values: Map<string, string[]>,
  files: UploadedFile[],
  orgSlug: string,
  token: string,
  deps: PartnerDeps,
  done: (flash: Flash) => Promise<Response>,
): Promise<Response> {
  const org = organisation(orgSlug)!;
  const input: MessageInput = readMessage(values);
  const form = (status: number, options: { networks: NetworkChoice[]; problems?: MessageProblems; flash?: Flash }, headers: Record<string, string> = {}) =>
    page(deps.site.title, TITLE, messageBody({ organisationName: org.name, token, input, filesChosen: files.length > 0, ...options }), status, headers, MESSAGE_SCRIPT);

  const known = new Set<string>([...CONTROLS, ...Object.values(MESSAGE_FIELDS)]);
  const unknown = [...values.keys()].filter((name) => !known.has(name));
  let networks: NetworkChoice[];
  try {
    networks = await organisationNetworks(deps, orgSlug);
  } catch (error) {
    console.error('partner: reading the organisation for a message failed:', (error as Error).message?.split('\n')[0]);
    return form(503, { networks: [], flash: { tone: 'error', text: unavailable } }, { 'retry-after': '120' });
  }
  if (unknown.length) {
    // A tampered post (another collection, a path, extra front matter): refused as a whole.
    return form(400, { networks, problems: { form: ['Das Formular enthält unerwartete Felder. Es wurde nichts gespeichert. Bitte laden Sie die Seite neu.'] } });
  }
  const { problems, attachments } = checkMessage(input, files, networks);
  if (Object.keys(problems).length) return form(400, { networks, problems });

  let slug: string | undefined;
  try {
    slug = await freeSlug(deps, orgSlug, slugFor(input.title)!);
  } catch (error) {
    console.error('partner: choosing a file name for a message failed:', (error as Error).message?.split('\n')[0]);
    return form(503, { networks, flash: { tone: 'error', text: unavailable } }, { 'retry-after': '120' });
  }
  if (!slug) return form(400, { networks, problems: { title: ['Unter diesem Titel gibt es schon mehrere Nachrichten. Bitte wählen Sie einen anderen Titel.'] } });

  const placed = attachmentPaths(slug, attachments);
  const text = newsFile(input, { date: berlinDate(deps.now), author: orgSlug, attachments: placed });
  const record: ProposalRecord = {
    id: proposalId(orgSlug, 'news', slug, [text, ...attachments.map((a) => a.sha256)].join('\0')),
    organisation: orgSlug,
    organisationName: org.name,
    collection: 'news',
    slug,
    path: newsPath(slug),
    text,
    // Decap shows the commit message as the entry's title in the workflow.
    title: `Nachricht von ${org.name}: „${input.title}“`,
    body: `Eingereicht über den Partner-Link von ${org.name} (${orgSlug}) am ${berlinDate(deps.now)} als Nachricht an ${input.networks.join(', ')}${placed.length ? ` mit ${placed.length} PDF-Anhang/-Anhängen` : ''}. Nach dem Veröffentlichen geht sie einmal als Newsletter an diese Netzwerke. Bitte im Arbeitsablauf prüfen und veröffentlichen oder verwerfen.`,
    isNew: true,
    createdAt: deps.now.toISOString(),
    state: 'queued',
    attempts: 0,
    nextAttemptAt: deps.now.toISOString(),
  };
  let stored: { record: ProposalRecord; isNew: boolean };
  try {
    // A double submit is the same proposal: its files are stored already (and maybe landed and deleted).
    if (await loadProposal(deps.blobs, record.id)) stored = { record, isNew: false };
    else {
      // The files first, then the record that names them: a record never points at missing bytes.
      record.media = await Promise.all(attachments.map(async (a, i) => ({ path: placed[i].repoPath, key: await saveMedia(deps.blobs, record.id, i, a.bytes) })));
      stored = await saveProposal(deps.blobs, record);
    }
  } catch (error) {
    console.error('partner: could not store a message:', (error as Error).message);
    return form(503, { networks, flash: { tone: 'error', text: unavailable } }, { 'retry-after': '120' });
  }
  if (stored.isNew) {
    // Stored: whatever git does now, the retry job lands it later (partner-retry.ts).
    await landProposal(deps.blobs, deps.writer, record.id, deps.now);
    await notifyOffice(deps, record.id).catch(() => {});
  }
  return done({
    tone: 'success',
    text: `Danke! Ihre Nachricht „${input.title}“ ist angekommen und wartet jetzt auf die Freigabe durch ${deps.site.office.name}. Danach erscheint sie auf der Website und geht per E-Mail an das Netzwerk. Sie müssen nichts weiter tun.`,
  });
}
