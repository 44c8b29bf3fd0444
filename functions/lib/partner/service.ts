/**
 * Everything /partner/ does, behind one entry point: the handler supplies the request and
 * its dependencies (git writer, Blobs store, clock, site facts), which tests replace.
 * Order in every action: token → scope (from the current file) → validation → store →
 * write. A refusal never writes; an answer "received" is given only after storing.
 */
import type { Store } from '@netlify/blobs';
import type { SiteFacts } from '../generated.ts';
import { sendMail, type OutgoingMail, type SendOptions, type SendResult } from '../mail.ts';
import { ConflictError, type GitWriter } from '../git/index.ts';
import { berlinDate } from '../../../src/lib/dates.ts';
import { linkRequestLimit } from './config.ts';
import { organisation, organisationAddress, organisationByAddress, partnerDirectory, type PartnerOrganisation } from './directory.ts';
import { entryData, splitEntry, withReviewedAt } from './entry-file.ts';
import { postedFromEntry } from './form-render.ts';
import type { FormField, PostedValues } from './form-model.ts';
import { BODY_FIELD, FIELD_PREFIX, buildProposal, newOfferSlug, newOfferTemplate, proposalForm, unknownFields } from './forms.ts';
import { checkLink, partnerLink, type LinkCheck } from './links.ts';
import { linkMail, officeMail } from './mails.ts';
import { page } from './page.ts';
import { landProposal, loadProposal, markMailed, proposalId, saveProposal, type ProposalRecord } from './proposals.ts';
import { readForm } from './request.ts';
import { sendMessage, showMessageForm } from './message-flow.ts';
import { NEW_OFFER, inScope, parseTarget, pathOf, type Target } from './scope.ts';
import { hashedKey, takeSlot } from './throttle.ts';
import type { FieldProblem, EditableCollection } from './validate.ts';
import { editBody, invalidLinkBody, overviewBody, requestLinkBody, type Flash, type OverviewEntry } from './views.ts';

export interface PartnerDeps {
  writer: GitWriter;
  blobs: Store;
  now: Date;
  site: SiteFacts;
  /** Origin for links in mails (never from a forged Host header on the internet). */
  origin: string;
  ip: string;
  send?: (mail: OutgoingMail, options: SendOptions) => Promise<SendResult>;
  /** Work after the answer (Netlify's context.waitUntil); awaited when absent. */
  waitUntil?: (promise: Promise<unknown>) => void;
}

const CONTROLS = new Set(['t', 'action', 'target']);

function problemPage(deps: PartnerDeps, status: number, text: string): Response {
  return page(deps.site.title, 'Das hat nicht geklappt', `<h1>Das hat nicht geklappt</h1><div class="box box--error" role="alert"><p>${text.replace(/[&<>"']/g, '')}</p></div><p><a href="/partner/">Zur Partnerseite</a></p>`, status);
}

async function linkRequest(values: PostedValues, deps: PartnerDeps): Promise<Response> {
  const email = (values.get('email')?.[0] ?? '').trim().slice(0, 254);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    return page(deps.site.title, 'Link anfordern', requestLinkBody({ tone: 'error', text: 'Bitte geben Sie eine E-Mail-Adresse in der Form name@beispiel.de an.' }, email), 400);
  }
  const limit = linkRequestLimit();
  if (!(await takeSlot(hashedKey('ip', deps.ip), limit, deps.now.getTime()))) {
    return page(deps.site.title, 'Link anfordern', requestLinkBody({ tone: 'error', text: 'Von hier wurden gerade mehrere Links angefordert. Bitte versuchen Sie es in einer Stunde noch einmal.' }, email), 429, { 'retry-after': '3600' });
  }
  const slug = organisationByAddress(email);
  // Known or not, the answer is the same; the mail goes out after it, so timing tells nothing either.
  const work = (async () => {
    if (!slug || !(await takeSlot(hashedKey('org', slug), limit, deps.now.getTime()))) return;
    const to = organisationAddress(slug)!;
    const mail = linkMail(to, organisation(slug)!.name, partnerLink(deps.origin, slug, deps.now), deps.site);
    const result = await (deps.send ?? sendMail)(mail, {});
    if (!result.ok) console.error(`partner: link mail for ${slug} failed: ${result.message}`);
  })().catch((error) => console.error('partner: link request failed:', (error as Error).message));
  if (deps.waitUntil) deps.waitUntil(work);
  else await work;
  return page(
    deps.site.title,
    'Link angefordert',
    requestLinkBody({ tone: 'success', text: 'Danke. Wenn diese Adresse bei uns für eine Organisation hinterlegt ist, kommt in wenigen Minuten eine E-Mail mit dem Link. Sehen Sie auch im Spam-Ordner nach.' }),
  );
}

/** The organisation's entries with review dates, confirmations since the build laid over them. */
async function overviewEntries(slug: string, org: PartnerOrganisation, deps: PartnerDeps): Promise<OverviewEntry[]> {
  const today = berlinDate(deps.now);
  const confirmed = async (collection: string, entry: string, date: string) => {
    const later = (await deps.blobs.get(`confirmed/${collection}/${entry}`, { type: 'json' }).catch(() => null)) as { date: string } | null;
    return later && later.date > date ? later.date : date;
  };
  const entries: OverviewEntry[] = [{ collection: 'organisations', slug, title: org.name, reviewedAt: await confirmed('organisations', slug, org.reviewed_at) }];
  for (const offer of org.offers) {
    const state = offer.draft ? 'draft' : offer.ends_on && offer.ends_on < today ? 'ended' : 'published';
    entries.push({ collection: 'offers', slug: offer.slug, title: offer.title, reviewedAt: await confirmed('offers', offer.slug, offer.reviewed_at), state });
  }
  return entries;
}

async function waitingTargets(slug: string, deps: PartnerDeps): Promise<Set<string>> {
  try {
    const { blobs } = await deps.blobs.list({ prefix: 'latest/' });
    const waiting = new Set<string>();
    for (const entry of blobs) {
      const latest = (await deps.blobs.get(entry.key, { type: 'json' })) as { id: string } | null;
      const record = latest ? await loadProposal(deps.blobs, latest.id) : undefined;
      if (record && record.organisation === slug && record.state !== 'superseded') waiting.add(`${record.collection}/${record.slug}`);
    }
    return waiting;
  } catch {
    return new Set();
  }
}

async function overview(link: { organisation: string; expires: number }, token: string, deps: PartnerDeps, flash?: Flash, status = 200): Promise<Response> {
  const org = organisation(link.organisation)!;
  const directory = partnerDirectory();
  const body = overviewBody({
    organisation: org,
    entries: await overviewEntries(link.organisation, org, deps),
    token,
    today: berlinDate(deps.now),
    intervalMonths: directory.reviewIntervalMonths,
    expires: berlinDate(new Date(link.expires * 1000)),
    flash,
    waiting: await waitingTargets(link.organisation, deps),
  });
  return page(deps.site.title, `Einträge von ${org.name}`, body, status);
}

export type ConfirmOutcome = 'confirmed' | 'already' | 'refused' | 'unavailable';

/** "Alles noch aktuell" for one entry: reviewed_at := today, one commit, nothing else changed. */
export async function confirmEntry(deps: PartnerDeps, orgSlug: string, collection: EditableCollection, slug: string): Promise<ConfirmOutcome> {
  const today = berlinDate(deps.now);
  const org = organisation(orgSlug)!;
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      const scope = await inScope(deps.writer, orgSlug, collection, slug);
      if (!scope.ok) return 'refused';
      const next = withReviewedAt(scope.file.text, today);
      if (next === undefined) return 'refused';
      if (next === scope.file.text) return 'already';
      const kind = collection === 'organisations' ? 'Profil' : 'Angebot';
      await deps.writer.commitFile({ path: pathOf(collection, slug), text: next, expectedVersion: scope.file.version, message: `Geprüft: ${org.name} bestätigt ${kind} „${slug}“ (reviewed_at ${today})\n\nÜber den Partner-Link von ${org.name}: Das Prüfdatum ist auf heute gesetzt, sonst nichts geändert.\n` });
      await deps.blobs.setJSON(`confirmed/${collection}/${slug}`, { date: today }).catch(() => {});
      return 'confirmed';
    } catch (error) {
      if (error instanceof ConflictError) continue; // moved meanwhile (a double click): read again
      console.error(`partner: confirming ${collection}/${slug} failed: ${(error as Error).message?.split('\n')[0]}`);
      return 'unavailable';
    }
  }
  return 'unavailable';
}

function confirmFlash(outcomes: ConfirmOutcome[]): Flash {
  const count = (o: ConfirmOutcome) => outcomes.filter((x) => x === o).length;
  if (count('unavailable')) return { tone: 'error', text: `${count('unavailable')} Eintrag/Einträge konnten gerade nicht gespeichert werden. Bitte versuchen Sie es in ein paar Minuten noch einmal.` };
  if (count('refused')) return { tone: 'error', text: 'Dieser Eintrag gehört nicht zu Ihrer Organisation oder lässt sich nicht bestätigen. Es wurde nichts geändert.' };
  const done = count('confirmed') + count('already');
  return { tone: 'success', text: done === 1 ? 'Danke! Der Eintrag ist als geprüft markiert (heute).' : `Danke! ${done} Einträge sind als geprüft markiert (heute).` };
}

interface EditContext {
  target: Target;
  collection: EditableCollection;
  fields: FormField[];
  stored: string;
  slug: string;
  heading: string;
}

async function editContext(deps: PartnerDeps, orgSlug: string, target: Target): Promise<EditContext | 'refused'> {
  const directory = partnerDirectory();
  const fields = proposalForm(target.collection, directory);
  if (target.slug === NEW_OFFER) {
    return { target, collection: 'offers', fields, stored: newOfferTemplate(orgSlug, berlinDate(deps.now)), slug: NEW_OFFER, heading: 'Neues Angebot vorschlagen' };
  }
  const scope = await inScope(deps.writer, orgSlug, target.collection, target.slug);
  if (!scope.ok) return 'refused';
  const title = String(entryData(scope.file.text)?.[target.collection === 'offers' ? 'title' : 'name'] ?? target.slug);
  return { target, collection: target.collection, fields, stored: scope.file.text, slug: target.slug, heading: `Änderung vorschlagen: ${title}` };
}

function postedOf(context: EditContext): PostedValues {
  const posted = postedFromEntry(context.fields, entryData(context.stored) ?? {});
  posted.set(BODY_FIELD, [splitEntry(context.stored)?.body.trim() ?? '']);
  return posted;
}

/** Every name an error can be shown at: fields, groups and list items as rendered. */
function errorName(problem: FieldProblem, fields: FormField[]): string {
  const names = new Set<string>();
  const walk = (list: FormField[], prefix: string) => {
    for (const field of list) {
      const name = `${prefix}${field.name}`;
      names.add(name);
      if (field.kind === 'group') walk(field.fields, `${name}.`);
      if (field.kind === 'repeat') for (let i = 0; i < 21; i++) walk(field.fields, `${name}.${i}.`);
    }
  };
  walk(fields, FIELD_PREFIX);
  const segments = problem.path.split('.').filter(Boolean);
  while (segments.length) {
    const name = `${FIELD_PREFIX}${segments.join('.')}`;
    if (names.has(name)) return name;
    segments.pop();
  }
  return '';
}

async function propose(values: PostedValues, target: Target, orgSlug: string, token: string, deps: PartnerDeps): Promise<Response> {
  let context: EditContext | 'refused';
  try {
    context = await editContext(deps, orgSlug, target);
  } catch (error) {
    // The current file could not be read (GitHub down): show the form again with everything typed.
    console.error('partner: reading the entry for a proposal failed:', (error as Error).message?.split('\n')[0]);
    const collection = target.collection;
    const heading = target.slug === NEW_OFFER ? 'Neues Angebot vorschlagen' : 'Änderung vorschlagen';
    const flash: Flash = { tone: 'error', text: 'Ihr Vorschlag konnte gerade nicht gespeichert werden. Ihre Eingaben stehen unten noch da: Bitte senden Sie in ein paar Minuten noch einmal.' };
    return page(deps.site.title, heading, editBody({ collection, target: `${target.collection}/${target.slug}`, heading, fields: proposalForm(collection, partnerDirectory()), state: { posted: values, errors: new Map() }, token, flash }), 503, { 'retry-after': '120' });
  }
  if (context === 'refused') return problemPage(deps, 403, 'Dieser Eintrag gehört nicht zu Ihrer Organisation. Es wurde nichts geändert.');
  const unknown = unknownFields(context.fields, values, CONTROLS);
  if (unknown.length) return problemPage(deps, 400, 'Das Formular enthält Felder, die es hier nicht gibt. Es wurde nichts gespeichert. Bitte öffnen Sie die Seite über Ihren Link neu.');
  const org = organisation(orgSlug)!;
  const directory = partnerDirectory();
  let slug = context.slug;
  const problems: FieldProblem[] = [];
  if (slug === NEW_OFFER) {
    const title = (values.get(`${FIELD_PREFIX}title`)?.[0] ?? '').trim();
    const known = new Set(Object.values(directory.organisations).flatMap((o) => o.offers.map((offer) => offer.slug)));
    const candidates: string[] = [];
    const found = title ? newOfferSlug(title, (s) => { candidates.push(s); return known.has(s); }) : undefined;
    slug = '';
    // A file or another organisation's waiting proposal under that name: take the next free one.
    for (let n = 0, candidate = found; candidate && n < 10; n++) {
      const onMain = await deps.writer.readFile(pathOf('offers', candidate));
      const latest = (await deps.blobs.get(`latest/offers/${candidate}`, { type: 'json' })) as { id: string } | null;
      const owner = latest ? (await loadProposal(deps.blobs, latest.id))?.organisation : undefined;
      if (!onMain && (!owner || owner === orgSlug)) {
        slug = candidate;
        break;
      }
      known.add(candidate);
      candidate = newOfferSlug(title, (s) => known.has(s));
    }
    if (!slug) problems.push({ path: 'title', message: title ? 'Aus diesem Titel lässt sich kein Dateiname bilden. Bitte verwenden Sie Buchstaben oder Ziffern.' : 'Pflichtfeld fehlt. Bitte ausfüllen.' });
  }
  const built = buildProposal(context.collection, slug || 'neues-angebot', context.stored, values, directory);
  problems.push(...built.problems);
  // The organisation stays the provider, whatever was posted (provider is not a form field).
  if (context.collection === 'offers' && entryData(built.text)?.provider !== orgSlug) problems.push({ path: '', message: 'Der Anbieter eines Angebots lässt sich hier nicht ändern.' });
  if (problems.length) {
    const errors = new Map<string, string[]>();
    const summary = problems.map((problem) => {
      const name = errorName(problem, context.fields);
      if (name) errors.set(name, [...(errors.get(name) ?? []), problem.message]);
      return { name, message: problem.message };
    });
    return page(deps.site.title, context.heading, editBody({ collection: context.collection, target: `${target.collection}/${target.slug}`, heading: context.heading, fields: context.fields, state: { posted: values, errors }, token, problems: summary }), 400);
  }
  if (built.unchanged) return overview(await linkOf(token, deps), token, deps, { tone: 'success', text: 'Sie haben nichts geändert, daher wurde kein Vorschlag gesendet. Stimmt alles, klicken Sie „Alles noch aktuell“.' });

  const isNew = context.slug === NEW_OFFER;
  const kind = context.collection === 'organisations' ? 'Profil' : isNew ? 'neues Angebot' : 'Angebot';
  const record: ProposalRecord = {
    id: proposalId(orgSlug, context.collection, slug, built.text),
    organisation: orgSlug,
    organisationName: org.name,
    collection: context.collection,
    slug,
    path: pathOf(context.collection, slug),
    text: built.text,
    // Decap shows the commit message as the entry's title in the workflow.
    title: `Vorschlag von ${org.name}: ${kind} „${slug}“`,
    body: `Eingereicht über den Partner-Link von ${org.name} (${orgSlug}) am ${berlinDate(deps.now)}. Bitte im Arbeitsablauf prüfen und veröffentlichen oder verwerfen.`,
    isNew,
    createdAt: deps.now.toISOString(),
    state: 'queued',
    attempts: 0,
    nextAttemptAt: deps.now.toISOString(),
  };
  let stored: { record: ProposalRecord; isNew: boolean };
  try {
    stored = await saveProposal(deps.blobs, record);
  } catch (error) {
    console.error('partner: could not store a proposal:', (error as Error).message);
    const errors = new Map<string, string[]>();
    return page(deps.site.title, context.heading, editBody({ collection: context.collection, target: `${target.collection}/${target.slug}`, heading: context.heading, fields: context.fields, state: { posted: values, errors }, token, flash: { tone: 'error', text: 'Ihr Vorschlag konnte gerade nicht gespeichert werden. Ihre Eingaben stehen unten noch da: Bitte senden Sie in ein paar Minuten noch einmal.' } }), 503, { 'retry-after': '120' });
  }
  if (stored.isNew) {
    // Stored: whatever GitHub does now, the retry job lands it later (partner-retry.ts).
    await landProposal(deps.blobs, deps.writer, record.id, deps.now);
    await notifyOffice(deps, record.id).catch(() => {});
  }
  return overview(await linkOf(token, deps), token, deps, {
    tone: 'success',
    text: `Danke! Ihr Vorschlag (${kind} „${slug}“) ist angekommen und wartet jetzt auf die Freigabe durch ${deps.site.office.name}. Sie müssen nichts weiter tun.`,
  });
}

/** The one mail per new proposal; the retry job sends it if this attempt fails. */
export async function notifyOffice(deps: Pick<PartnerDeps, 'blobs' | 'site' | 'origin' | 'send'>, id: string): Promise<boolean> {
  const record = await loadProposal(deps.blobs, id);
  if (!record || record.mailed) return true;
  const result = await (deps.send ?? sendMail)(officeMail(record, deps.site, `${deps.origin}/admin/#/workflow`), { idempotencyKey: `partner-proposal-${id}` });
  if (!result.ok) return false;
  await markMailed(deps.blobs, id);
  return true;
}

async function linkOf(token: string, deps: PartnerDeps): Promise<{ organisation: string; expires: number }> {
  const checked = await checkLink(token, deps.blobs, deps.now);
  if (!checked.ok) throw new Error('link checked before');
  return checked.token;
}

function refused(deps: PartnerDeps, check: Exclude<LinkCheck, { ok: true }>): Response {
  return page(deps.site.title, 'Link nicht gültig', invalidLinkBody(check.reason), check.reason === 'missing' ? 200 : 403);
}

export async function handlePartner(request: Request, deps: PartnerDeps): Promise<Response> {
  if (request.method === 'GET' || request.method === 'HEAD') {
    const token = new URL(request.url).searchParams.get('t');
    if (!token) return page(deps.site.title, 'Ihre Einträge aktuell halten', requestLinkBody());
    const check = await checkLink(token, deps.blobs, deps.now);
    if (!check.ok) return refused(deps, check);
    return overview(check.token, token, deps);
  }
  const form = await readForm(request);
  if (!form.ok) return problemPage(deps, form.status, form.message);
  const values = form.values;
  const action = values.get('action')?.[0];
  if (action === 'request-link') return linkRequest(values, deps);
  const token = values.get('t')?.[0] ?? '';
  const check = await checkLink(token, deps.blobs, deps.now);
  if (!check.ok) return refused(deps, check);
  const orgSlug = check.token.organisation;
  const target = parseTarget(values.get('target'));
  switch (action) {
    case 'overview':
      return overview(check.token, token, deps);
    case 'confirm': {
      if (!target || target.slug === NEW_OFFER) return overview(check.token, token, deps, { tone: 'error', text: 'Dieser Eintrag gehört nicht zu Ihrer Organisation. Es wurde nichts geändert.' }, 403);
      const outcome = await confirmEntry(deps, orgSlug, target.collection, target.slug);
      return overview(check.token, token, deps, confirmFlash([outcome]), outcome === 'refused' ? 403 : outcome === 'unavailable' ? 503 : 200);
    }
    case 'confirm-all': {
      const org = organisation(orgSlug)!;
      const outcomes: ConfirmOutcome[] = [await confirmEntry(deps, orgSlug, 'organisations', orgSlug)];
      for (const offer of org.offers) outcomes.push(await confirmEntry(deps, orgSlug, 'offers', offer.slug));
      // An offer handed to another organisation since the build is simply not ours any more.
      const mine = outcomes.filter((o) => o !== 'refused');
      return overview(check.token, token, deps, confirmFlash(mine), mine.includes('unavailable') ? 503 : 200);
    }
    case 'edit':
    case 'new': {
      const chosen = action === 'new' ? ({ collection: 'offers', slug: NEW_OFFER } as const) : target;
      if (!chosen) return overview(check.token, token, deps, { tone: 'error', text: 'Dieser Eintrag gehört nicht zu Ihrer Organisation.' }, 403);
      const context = await editContext(deps, orgSlug, chosen);
      if (context === 'refused') return overview(check.token, token, deps, { tone: 'error', text: 'Dieser Eintrag gehört nicht zu Ihrer Organisation.' }, 403);
      return page(deps.site.title, context.heading, editBody({ collection: context.collection, target: `${chosen.collection}/${chosen.slug}`, heading: context.heading, fields: context.fields, state: { posted: postedOf(context), errors: new Map() }, token }));
    }
    case 'propose':
      if (!target) return problemPage(deps, 403, 'Dieser Eintrag gehört nicht zu Ihrer Organisation. Es wurde nichts geändert.');
      return propose(values, target, orgSlug, token, deps);
    case 'message':
      return showMessageForm(deps, orgSlug, token);
    case 'send-message':
      return sendMessage(values, form.files, orgSlug, token, deps, (flash) => overview(check.token, token, deps, flash));
    default:
      return problemPage(deps, 400, 'Diese Aktion gibt es hier nicht. Bitte öffnen Sie die Seite über Ihren Link neu.');
  }
}
