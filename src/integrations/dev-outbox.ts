/**
 * /dev/outbox/ under `astro dev`: lists the mails the local transport wrote to .outbox/
 * (newest first), shows one with its headers and text, and hands out the raw .eml for a
 * mail program. A developer tool: it is mounted only by the dev server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import PostalMime from 'postal-mime';
import { listOutbox, outboxDir } from '../../functions/lib/outbox.ts';

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const page = (title: string, body: string) => `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #ccc;vertical-align:top}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}
pre{white-space:pre-wrap;background:#f4f4f4;padding:1rem}iframe{width:100%;height:24rem;border:1px solid #ccc}
</style></head><body>${body}</body></html>`;

const address = (value: { name?: string; address?: string } | { name?: string; address?: string }[] | undefined) =>
  (Array.isArray(value) ? value : value ? [value] : []).map((a) => (a.name ? `${a.name} <${a.address}>` : (a.address ?? ''))).join(', ');

async function listing(): Promise<string> {
  const entries = listOutbox();
  if (entries.length === 0) {
    return page('Postausgang', `<h1>Postausgang</h1><p>Noch keine Mails in <code>${escape(outboxDir())}</code>. Ohne <code>RESEND_API_KEY</code> landet hier alles, was die Website verschicken würde.</p>`);
  }
  const rows = await Promise.all(
    entries.map(async (entry) => {
      const mail = await PostalMime.parse(readFileSync(entry.file));
      const name = encodeURIComponent(entry.name);
      return `<tr><td>${escape(entry.modified.toLocaleString('de-DE', { timeZone: 'Europe/Berlin' }))}</td><td>${escape(address(mail.to))}</td><td><a href="./${name}?ansicht">${escape(mail.subject ?? '(ohne Betreff)')}</a></td><td><a href="./${name}" download>.eml</a></td></tr>`;
    }),
  );
  return page(
    'Postausgang',
    `<h1>Postausgang</h1><p>${entries.length} Mails in <code>${escape(outboxDir())}</code>, neueste zuerst.</p>
<table><thead><tr><th>Zeit</th><th>An</th><th>Betreff</th><th>Datei</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
  );
}

async function preview(file: string, name: string): Promise<string> {
  const mail = await PostalMime.parse(readFileSync(file));
  const headers = mail.headers.map((h) => `<dt>${escape(h.key)}</dt><dd>${escape(h.value)}</dd>`).join('');
  return page(
    mail.subject ?? name,
    `<p><a href="./">Zurück zum Postausgang</a> · <a href="./${encodeURIComponent(name)}" download>.eml herunterladen</a></p>
<h1>${escape(mail.subject ?? '(ohne Betreff)')}</h1><dl>${headers}</dl>
<h2>Text</h2><pre>${escape(mail.text ?? '')}</pre>
<h2>HTML</h2><iframe sandbox title="HTML-Teil der Mail" srcdoc="${escape(mail.html ?? '')}"></iframe>`,
  );
}

export function devOutboxMiddleware() {
  return (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    (async () => {
      const original = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? '';
      if (original.split('?')[0] === '/dev/outbox') {
        res.writeHead(301, { location: '/dev/outbox/' });
        return res.end();
      }
      if (url.pathname === '' || url.pathname === '/') return send(200, 'text/html; charset=utf-8', await listing());
      const name = basename(decodeURIComponent(url.pathname));
      const entry = listOutbox().find((e) => e.name === name);
      if (!entry) return send(404, 'text/plain; charset=utf-8', 'Diese Mail gibt es nicht (mehr).');
      if (url.searchParams.has('ansicht')) return send(200, 'text/html; charset=utf-8', await preview(entry.file, name));
      return send(200, 'message/rfc822', readFileSync(entry.file));
    })().catch(next);
  };
}
