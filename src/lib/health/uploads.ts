/**
 * Documents in public/uploads/: too large for a phone contract, or lying there without
 * any page linking them (forgotten, or a renamed copy). Every public file is published,
 * linked or not, so a stray upload is also a privacy risk.
 */
import type { ContentSet } from '../load-content.ts';
import { findLinks } from './markdown-links.ts';
import { normalisePath } from './site-paths.ts';
import type { Finding, Rule } from './types.ts';

export function referencedUploads(content: ContentSet): Set<string> {
  const used = new Set<string>();
  for (const m of content.meetings) m.data.documents?.forEach((d) => used.add(d.file));
  for (const n of content.news) n.data.attachments?.forEach((a) => used.add(a.file));
  const all = [...content.networks, ...content.organisations, ...content.offers, ...content.meetings, ...content.news, ...content.pages];
  for (const entry of all) {
    for (const link of findLinks(entry.body)) {
      const path = normalisePath(link.url.replace(/^https?:\/\/[^/]+/, ''));
      if (path.startsWith('/uploads/')) used.add(path);
    }
  }
  return used;
}

export function formatSize(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toLocaleString('de-DE', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} MB`;
}

export const uploads: Rule = ({ content, uploads: files }, options) => {
  if (!files) return [];
  const used = referencedUploads(content);
  const findings: Finding[] = [];
  for (const file of files) {
    const entry = { collection: 'uploads' as const, id: file.path, file: `public${file.path}`, title: file.path.split('/').pop() ?? file.path };
    if (file.bytes > options.uploadMaxBytes) {
      findings.push({
        rule: 'upload-too-large',
        severity: 'warning',
        entry,
        why: `Die Datei ist ${formatSize(file.bytes)} groß (Grenze ${formatSize(options.uploadMaxBytes)}); auf dem Handy dauert das Laden lange und kostet Datenvolumen.`,
        todo: 'Das PDF verkleinern (z. B. „Als PDF speichern“ statt scannen, Bilder in geringerer Auflösung) und unter demselben Namen neu hochladen.',
      });
    }
    if (!used.has(file.path)) {
      findings.push({
        rule: 'upload-unreferenced',
        severity: 'info',
        entry,
        why: 'Keine Seite verlinkt diese Datei; sie ist trotzdem öffentlich abrufbar.',
        todo: 'Wird sie gebraucht, bei einem Treffen oder einer Meldung anhängen; sonst unter „Medien“ löschen.',
      });
    }
  }
  return findings;
};
