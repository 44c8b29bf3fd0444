/**
 * A tiny document model for the reminder mails: written once, rendered as plain text and
 * HTML from the same blocks in the one mail layout (../mail-layout).
 */
import type { SiteFacts } from '../generated.ts';
import { letterBlocks, renderLayout, type Block, type RenderedParts } from '../mail-layout/index.ts';

export interface DocItem {
  title: string;
  lines?: string[];
  links?: { label: string; url: string }[];
}

export interface DocSection {
  heading: string;
  intro?: string;
  items: DocItem[];
  /** Shown when there are no items. */
  empty?: string;
}

export interface MailDocument {
  subject: string;
  greeting: string;
  intro: string[];
  sections: DocSection[];
  /** Lines; an empty string starts a new paragraph. */
  closing: string[];
}

function sectionBlocks(section: DocSection): Block[] {
  return [
    { kind: 'heading', text: section.heading },
    ...(section.intro ? [{ kind: 'paragraph', text: section.intro } as const] : []),
    ...(section.items.length ? [{ kind: 'entries', items: section.items } as const] : section.empty ? [{ kind: 'paragraph', text: section.empty } as const] : []),
  ];
}

export function renderDocument(doc: MailDocument, site: SiteFacts): RenderedParts {
  return renderLayout({
    site,
    title: doc.subject,
    preheader: doc.intro[0] ?? doc.subject,
    main: [{ kind: 'paragraph', text: doc.greeting }, ...doc.intro.map((text): Block => ({ kind: 'paragraph', text })), ...doc.sections.flatMap(sectionBlocks), ...letterBlocks(doc.closing)],
    footer: [{ kind: 'paragraph', text: `${site.office.name} · ${site.office.email}`, small: true }],
  });
}
