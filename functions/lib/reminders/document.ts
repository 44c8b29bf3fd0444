/**
 * A tiny document model for the reminder mails: written once, rendered as plain text
 * and as simple HTML, so both parts of a mail always say the same.
 */
import { escapeHtml } from '../../../src/lib/escape-html.ts';

// Re-exported for the modules that import it from here.
export { escapeHtml };

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
  closing: string[];
}

export function renderText(doc: MailDocument): string {
  const out = [doc.greeting, '', ...doc.intro.flatMap((p) => [p, ''])];
  for (const section of doc.sections) {
    out.push(section.heading, '='.repeat(Math.min(section.heading.length, 60)));
    if (section.intro) out.push(section.intro);
    if (section.items.length === 0 && section.empty) out.push(section.empty);
    section.items.forEach((item, i) => {
      out.push(`${i + 1}. ${item.title}`);
      for (const line of item.lines ?? []) out.push(`   ${line}`);
      for (const link of item.links ?? []) out.push(`   ${link.label}: ${link.url}`);
    });
    out.push('');
  }
  out.push(...doc.closing);
  return out.join('\n');
}

export function renderHtml(doc: MailDocument): string {
  const e = escapeHtml;
  const sections = doc.sections
    .map((s) => {
      const items = s.items
        .map(
          (item) =>
            `<li style="margin-bottom:.75rem"><strong>${e(item.title)}</strong>${(item.lines ?? []).map((l) => `<br>${e(l)}`).join('')}${
              item.links?.length ? `<br>${item.links.map((l) => `<a href="${e(l.url)}">${e(l.label)}</a>`).join(' · ')}` : ''
            }</li>`,
        )
        .join('\n');
      return `<h2 style="font-size:1.1rem;margin-top:1.5rem">${e(s.heading)}</h2>${s.intro ? `<p>${e(s.intro)}</p>` : ''}${
        s.items.length ? `<ol>${items}</ol>` : s.empty ? `<p>${e(s.empty)}</p>` : ''
      }`;
    })
    .join('\n');
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>${e(doc.subject)}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;max-width:42rem">
<p>${e(doc.greeting)}</p>
${doc.intro.map((p) => `<p>${e(p)}</p>`).join('\n')}
${sections}
<p style="margin-top:1.5rem">${doc.closing.map(e).join('<br>')}</p>
</body></html>`;
}
