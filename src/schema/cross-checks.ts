/**
 * Rules that span files, which a single entry's schema cannot express: references
 * resolve, taxonomy slugs exist and are unique, uploads exist, required pages exist.
 */
import { REQUIRED_PAGES } from './page.ts';
import type { Problem } from './problems.ts';
import type { ContentSet } from './content-set.ts';

/** First path segments the site's own routes use; a content page must not shadow them. */
export const RESERVED_PAGE_IDS = new Set([
  'angebote', 'netzwerke', 'organisationen', 'termine', 'archiv', 'aktuelles', 'kontakt', 'newsletter', 'daten',
  'admin', 'api', 'oparl', 'uploads', 'dev', 'en', 'tr', 'ar', 'ru', 'uk', '404',
]);

type ExistsFn = (publicPath: string) => boolean;

/** Slugs of files that exist, valid or not; defaults to the valid entries. */
export interface PresentIds {
  networks: Set<string>;
  organisations: Set<string>;
}

export function crossCheck(content: ContentSet, uploadExists: ExistsFn, present?: PresentIds): Problem[] {
  const problems: Problem[] = [];
  const ids = {
    networks: present?.networks ?? new Set(content.networks.map((e) => e.id)),
    organisations: present?.organisations ?? new Set(content.organisations.map((e) => e.id)),
    categories: new Set(content.categories.map((t) => t.slug)),
    audiences: new Set(content.audiences.map((t) => t.slug)),
  };
  const noun = {
    networks: ['Netzwerk', 'ein vorhandenes Netzwerk'],
    organisations: ['Organisation', 'eine vorhandene Organisation'],
    categories: ['Thema', 'ein vorhandenes Thema oder legen Sie es unter „Themen“ an'],
    audiences: ['Zielgruppe', 'eine vorhandene Zielgruppe oder legen Sie sie unter „Zielgruppen“ an'],
  } as const;

  const ref = (file: string, field: string, kind: keyof typeof ids, value: string | undefined) => {
    if (value === undefined || ids[kind].has(value)) return;
    const [name, choose] = noun[kind];
    problems.push({ file, field, message: `${name} \`${value}\` gibt es nicht. Wählen Sie ${choose}.` });
  };
  const refs = (file: string, field: string, kind: keyof typeof ids, values: readonly string[] | undefined) =>
    values?.forEach((value, i) => ref(file, `${field}[${i + 1}]`, kind, value));
  const upload = (file: string, field: string, path: string) => {
    if (!uploadExists(path)) {
      problems.push({ file, field, message: `Die Datei \`${path}\` gibt es nicht unter public${path}. Laden Sie sie hoch oder korrigieren Sie den Pfad.` });
    }
  };

  for (const network of content.networks) ref(network.file, 'coordinator', 'organisations', network.data.coordinator);
  for (const org of content.organisations) refs(org.file, 'networks', 'networks', org.data.networks);
  for (const offer of content.offers) {
    ref(offer.file, 'provider', 'organisations', offer.data.provider);
    refs(offer.file, 'networks', 'networks', offer.data.networks);
    refs(offer.file, 'categories', 'categories', offer.data.categories);
    refs(offer.file, 'audiences', 'audiences', offer.data.audiences);
  }
  for (const meeting of content.meetings) {
    refs(meeting.file, 'networks', 'networks', meeting.data.networks);
    meeting.data.documents?.forEach((doc, i) => upload(meeting.file, `documents[${i + 1}].file`, doc.file));
  }
  for (const post of content.news) {
    refs(post.file, 'networks', 'networks', post.data.networks);
    ref(post.file, 'author', 'organisations', post.data.author);
    post.data.attachments?.forEach((doc, i) => upload(post.file, `attachments[${i + 1}].file`, doc.file));
  }

  for (const page of content.pages) {
    if (RESERVED_PAGE_IDS.has(page.id)) {
      problems.push({
        file: page.file,
        message: `Die Adresse /${page.id}/ gehört schon zur Website selbst. Wählen Sie einen anderen Dateinamen.`,
      });
    }
  }

  const pageIds = new Set(content.pages.map((p) => p.id));
  for (const required of REQUIRED_PAGES) {
    if (!pageIds.has(required)) {
      problems.push({
        file: `content/pages/${required}.md`,
        message: 'Diese Pflichtseite fehlt. Legen Sie sie unter „Seiten“ an: ohne sie darf die Website nicht online gehen.',
      });
    }
  }
  return problems;
}
