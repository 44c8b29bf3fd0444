/**
 * Dev only (`astro dev`, `npm start`): file uploads to functions arrive intact.
 *
 * The Netlify function emulation that @astrojs/netlify uses under astro dev
 * (@netlify/functions-dev 1.3: `lambdaEventFromWebRequest`) reads every request body as
 * UTF-8 text and then marks bodies of non-text types, multipart/form-data among them, as
 * base64; the function runtime decodes that "base64" and gets garbage, so every
 * multipart post (a partner's PDF, "Nachricht an das Netzwerk") would be refused as
 * unreadable on a laptop while it works on Netlify and under `netlify serve`.
 *
 * This middleware hands the emulation what it claims to have: the body base64-encoded
 * (ASCII, so reading it as text loses nothing), posted again to the same dev server,
 * chunked so no Content-Length of the encoded size reaches the function (its request
 * reader counts the real, decoded bytes). The mark header keeps the re-post from being
 * encoded twice. Nothing of this exists in a build.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

const MARK = 'x-quartiersnetz-dev-base64-body';
/** Far above what a function accepts (Netlify: 6 MB), so the function's own limit answers. */
const MAX_BYTES = 16 * 1024 * 1024;
const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'expect']);

export function binaryBodyMiddleware() {
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const type = String(req.headers['content-type'] ?? '').toLowerCase();
    if (req.method !== 'POST' || !type.startsWith('multipart/form-data') || req.headers[MARK]) return next();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BYTES) chunks.push(chunk);
    });
    req.on('end', async () => {
      try {
        if (size > MAX_BYTES) {
          res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8' }).end('Die Anfrage ist zu groß.');
          return;
        }
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) {
          if (value === undefined || HOP_BY_HOP.has(name)) continue;
          for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
        }
        headers.set(MARK, '1');
        const encoded = Buffer.from(Buffer.concat(chunks).toString('base64'));
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(encoded);
            controller.close();
          },
        });
        // Back to this very server under the name the browser used (links the function
        // builds from the request stay the same); anything but a loopback name falls back
        // to the socket's own address.
        const host = /^(?:localhost|127\.0\.0\.1|\[::1\]):(\d+)$/.exec(req.headers.host ?? '');
        const target = host && Number(host[1]) === req.socket.localPort ? req.headers.host! : `127.0.0.1:${req.socket.localPort}`;
        const answer = await fetch(`http://${target}${req.url ?? '/'}`, { method: 'POST', headers, body, redirect: 'manual', duplex: 'half' } as RequestInit);
        const out: Record<string, string | string[]> = {};
        answer.headers.forEach((value, name) => {
          if (!HOP_BY_HOP.has(name) && name !== 'content-encoding' && name !== 'set-cookie') out[name] = value;
        });
        const cookies = answer.headers.getSetCookie();
        if (cookies.length) out['set-cookie'] = cookies;
        res.writeHead(answer.status, out).end(Buffer.from(await answer.arrayBuffer()));
      } catch (error) {
        res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' }).end(`dev: ${String(error)}`);
      }
    });
  };
}
