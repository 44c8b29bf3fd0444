/**
 * Serves the built site (dist/) on a free loopback port, like Netlify's CDN does:
 * `/x/` → `/x/index.html`, unknown paths → 404.html with status 404. Handlers for
 * function paths can be mounted (`routes`), called with a web `Request` like on Netlify.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createGzip } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.pdf': 'application/pdf',
  '.xml': 'application/xml; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** Types Netlify's CDN sends compressed (text, scripts, data, SVG); images and PDFs stay as they are. */
const COMPRESSIBLE = /^(text\/|application\/(json|xml|manifest\+json)|image\/svg\+xml)/;

export type Handler = (request: Request, context: Record<string, unknown>) => Response | Promise<Response>;

export interface SiteServer {
  url: string;
  close(): Promise<void>;
}

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(key, v));
    else if (value !== undefined) headers.set(key, value);
  }
  const body = chunks.length && req.method !== 'GET' && req.method !== 'HEAD' ? Buffer.concat(chunks) : undefined;
  return new Request(new URL(req.url ?? '/', origin), { method: req.method, headers, body });
}

export interface ServeOptions {
  root?: string;
  routes?: Record<string, Handler>;
  headers?: (path: string) => Record<string, string>;
  /**
   * Compress text files for clients that accept gzip, as Netlify's CDN does (it prefers
   * Brotli, which is smaller still, so gzip errs on the heavy side). The audit needs it:
   * Lighthouse judges what a phone downloads, and an uncompressed page is not what a
   * resident's phone gets. Off by default, so tests see files byte for byte.
   */
  compress?: boolean;
}

export async function serveSite(options: ServeOptions = {}): Promise<SiteServer> {
  const root = options.root ?? 'dist';
  let origin = '';
  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', origin);
      const handler = options.routes?.[url.pathname];
      if (handler) {
        const response = await handler(await toRequest(req, origin), { ip: req.socket.remoteAddress ?? '127.0.0.1', geo: {}, site: { url: origin } });
        res.statusCode = response.status;
        response.headers.forEach((value, key) => res.setHeader(key, value));
        res.end(Buffer.from(await response.arrayBuffer()));
        return;
      }
      let path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
      let file = join(root, path);
      if (existsSync(file) && statSync(file).isDirectory()) {
        if (!path.endsWith('/')) {
          res.writeHead(301, { location: `${url.pathname}/` }).end();
          return;
        }
        file = join(file, 'index.html');
      }
      let status = 200;
      if (!existsSync(file)) {
        status = 404;
        file = join(root, '404.html');
        path = '/404.html';
      }
      const extra = options.headers?.(url.pathname) ?? {};
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      const gzip = options.compress === true && COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      res.writeHead(status, { 'content-type': type, ...(gzip ? { 'content-encoding': 'gzip', vary: 'Accept-Encoding' } : {}), ...extra });
      // A file that vanishes mid-request (dist/ being rebuilt) ends this response, not the test run.
      const stream = createReadStream(file).on('error', () => res.destroy());
      (gzip ? stream.pipe(createGzip()) : stream).pipe(res);
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
