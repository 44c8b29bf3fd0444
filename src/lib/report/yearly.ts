/**
 * The yearly report for the city's advisory board: a few figures that say whether the
 * networks work, each for the year asked and the year before. Pure: content, clock,
 * version history and newsletter records come in as arguments.
 */
import type { ContentSet } from '../load-content.ts';
import { berlinDate, berlinYear, formatDate } from '../dates.ts';
import { hasMinutes } from '../health/minutes-missing.ts';
import type { Count, Memberships, MeetingFigures, NewsletterFigures, NewsletterRecords, OfferFigures, PartnerFigures, YearFigures, YearHistory, YearlyReport } from './types.ts';

export interface YearlyInput {
  content: ContentSet;
  year: number;
  now: Date;
  /** Version history per year (the year asked and the one before); absent without git. */
  history?: Record<number, YearHistory>;
  /** Newsletter sends and subscribers; absent offline. */
  newsletter?: NewsletterRecords;
}

const ALL = 'alle';

function networkList(content: ContentSet) {
  return [...content.networks]
    .sort((a, b) => (a.data.order ?? 999) - (b.data.order ?? 999) || a.data.title.localeCompare(b.data.title, 'de'))
    .map((n) => ({ key: n.id, label: n.data.short_title ?? n.data.title }));
}

/** An empty network list means all networks (content model). */
const appliesTo = (networks: readonly string[] | undefined, network: string) => !networks || networks.length === 0 || networks.includes(network);

function meetingFigures(input: YearlyInput, year: number): { rows: MeetingFigures[]; total: MeetingFigures } {
  const { content, now } = input;
  const inYear = content.meetings.filter((m) => berlinYear(m.data.starts_at) === year);
  const figures = (key: string, label: string, meetings: typeof inYear): MeetingFigures => {
    const past = meetings.filter((m) => Date.parse(m.data.ends_at ?? m.data.starts_at) < now.getTime());
    const held = past.filter((m) => !m.data.cancelled);
    return {
      key,
      label,
      held: held.length,
      documented: held.filter(hasMinutes).length,
      cancelled: meetings.filter((m) => m.data.cancelled).length,
      planned: meetings.filter((m) => !m.data.cancelled && !past.includes(m)).length,
    };
  };
  return {
    rows: networkList(content).map((n) => figures(n.key, n.label, inYear.filter((m) => appliesTo(m.data.networks, n.key)))),
    total: figures(ALL, 'Alle Treffen', inYear),
  };
}

function currentMemberships(content: ContentSet): Memberships {
  return Object.fromEntries(content.organisations.map((o) => [o.id, o.data.networks ?? []]));
}

function membersPerNetwork(content: ContentSet, members: Memberships): Count[] {
  return networkList(content).map((n) => ({ ...n, count: Object.values(members).filter((networks) => networks.includes(n.key)).length }));
}

function partnerFigures(input: YearlyInput, year: number): PartnerFigures {
  const { content, now } = input;
  const history = input.history?.[year];
  const yearEnded = berlinYear(now.toISOString()) > year;
  // In the running year "end of year" is today, and today is the content as it is.
  const atEnd = yearEnded ? history?.membersAtEnd : currentMemberships(content);
  const figures: PartnerFigures = {};
  if (atEnd) {
    figures.members = membersPerNetwork(content, atEnd);
    figures.organisations = Object.keys(atEnd).length;
  }
  const start = history?.membersAtStart;
  if (atEnd && start) {
    const names = new Map(content.organisations.map((o) => [o.id, o.data.name]));
    const name = (slug: string) => names.get(slug) ?? slug;
    figures.joined = networkList(content).map((n) => ({
      network: n.key,
      label: n.label,
      organisations: Object.keys(atEnd).filter((o) => atEnd[o].includes(n.key) && !start[o]?.includes(n.key)).map(name).sort(),
    }));
    figures.left = networkList(content).map((n) => ({
      network: n.key,
      label: n.label,
      organisations: Object.keys(start).filter((o) => start[o].includes(n.key) && !atEnd[o]?.includes(n.key)).map(name).sort(),
    }));
  } else if (!history?.firstCommitAt) {
    figures.note = 'Beitritte und Austritte sind nicht ableitbar: die Inhalte speichern kein Beitrittsdatum, und eine Versionsgeschichte (git) ist nicht verfügbar.';
  } else {
    figures.note = `Beitritte und Austritte sind nicht ableitbar: die Versionsgeschichte beginnt erst am ${formatDate(berlinDate(new Date(history.firstCommitAt)))}${
      atEnd ? '' : ', der Stand am Jahresende ist darin nicht enthalten'
    }.`;
  }
  if (!atEnd && !figures.note) figures.note = 'Der Stand am Jahresende ist nicht bekannt.';
  return figures;
}

function offerFigures(input: YearlyInput, year: number): OfferFigures {
  const { content } = input;
  const today = berlinDate(input.now);
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const offers = content.offers.filter((o) => !o.data.draft);
  const active = offers.filter((o) => (!o.data.starts_on || o.data.starts_on <= last) && (!o.data.ends_on || o.data.ends_on >= first));
  // One pass over the offers, not one per term: twelve yearly pages ask for two years each (issue 17).
  const count = (terms: { slug: string; label: string }[], pick: (o: (typeof active)[number]) => readonly string[] | undefined): Count[] => {
    const offersWith = new Map<string, number>();
    for (const offer of active) for (const slug of new Set(pick(offer))) offersWith.set(slug, (offersWith.get(slug) ?? 0) + 1);
    return terms.map((t) => ({ key: t.slug, label: t.label, count: offersWith.get(t.slug) ?? 0 }));
  };
  const inYear = (date: string | undefined) => Boolean(date && date >= first && date <= last);
  const figures: OfferFigures = {
    active: active.length,
    byCategory: count(content.categories, (o) => o.data.categories),
    byAudience: [...count(content.audiences, (o) => o.data.audiences), { key: ALL, label: 'Für alle (ohne Zielgruppe)', count: active.filter((o) => !o.data.audiences?.length).length }],
    started: offers.filter((o) => inYear(o.data.starts_on)).length,
    ended: offers.filter((o) => inYear(o.data.ends_on) && o.data.ends_on! < today).length,
    reviewed: offers.filter((o) => inYear(o.data.reviewed_at)).length,
  };
  const files = input.history?.[year]?.offerFiles;
  if (files) figures.files = files;
  return figures;
}

function newsletterFigures(input: YearlyInput, year: number): NewsletterFigures {
  const { content } = input;
  const networks = networkList(content);
  const posts = new Map(content.news.map((p) => [p.id, p.data]));
  const perNetwork = (slugs: string[]): Count[] => networks.map((n) => ({ ...n, count: slugs.filter((s) => appliesTo(posts.get(s)?.networks, n.key)).length }));
  const planned = perNetwork(content.news.filter((p) => p.data.newsletter && p.data.date.startsWith(`${year}-`)).map((p) => p.id));
  if (!input.newsletter) {
    return { planned, note: 'Versendete Ausgaben und Abonnements: offline nicht verfügbar (sie liegen im Netlify-Blobs-Speicher des Newsletters).' };
  }
  const sent = perNetwork(input.newsletter.sends.filter((s) => berlinYear(s.sentAt) === year && posts.has(s.slug)).map((s) => s.slug));
  const end = Date.parse(`${year + 1}-01-01T00:00:00+01:00`);
  const subscribers = networks.map((n) => ({
    ...n,
    count: input.newsletter!.subscribers.filter((record) => {
      let subscribed = false;
      for (const event of record.events) {
        const at = Date.parse(event.type === 'confirmed' ? event.confirmedAt : event.at);
        if (at >= end || !event.networks.includes(n.key)) continue;
        subscribed = event.type === 'confirmed';
      }
      return subscribed;
    }).length,
  }));
  return { planned, sent, subscribers };
}

function yearFigures(input: YearlyInput, year: number): YearFigures {
  const meetings = meetingFigures(input, year);
  return {
    year,
    meetings: meetings.rows,
    meetingsTotal: meetings.total,
    partners: partnerFigures(input, year),
    offers: offerFigures(input, year),
    newsletter: newsletterFigures(input, year),
  };
}

export function computeYearlyReport(input: YearlyInput): YearlyReport {
  const notes = [
    'Treffen ohne Netzwerk (z. B. das Jahrestreffen) zählen bei jedem Netzwerk mit; „Alle Treffen“ zählt jedes Treffen einmal.',
    'Angebote: gezählt werden die Einträge, die es heute gibt und die laut „Beginnt am“/„Endet am“ im Jahr liefen; ohne Beginndatum gilt ein Angebot als schon laufend. Gelöschte Angebote fehlen in den Zahlen.',
    '„Aktualisiert“ heißt: „Zuletzt geprüft am“ liegt im Jahr.',
  ];
  if (!input.history) notes.push('Ohne Versionsgeschichte (git) fehlen angelegte und gelöschte Einträge sowie Beitritte und Austritte.');
  return {
    year: input.year,
    generatedAt: input.now.toISOString(),
    today: berlinDate(input.now),
    current: yearFigures(input, input.year),
    previous: yearFigures(input, input.year - 1),
    notes,
  };
}
