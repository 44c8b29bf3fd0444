/**
 * The one atomic local Blobs store for tests: for code that relies on compare-and-set
 * (functions/lib/blobs/cas.ts, e.g. the newsletter send's progress record). Claims and
 * limits (blobs/events.ts) need no such help and are tested on the plain local server.
 *
 * The local BlobsServer of @netlify/blobs 10 checks `onlyIfNew`/`onlyIfMatch` and then
 * writes with several awaits in between, so concurrent requests interleave: measured
 * here, 50 concurrent `set(key, v, { onlyIfNew: true })` on one key reported up to 50
 * winners. It also returns no ETag on reads. Netlify's service does both properly, and
 * "exactly once" cannot be tested against a store that does neither.
 *
 * This puts a small proxy in front of the BlobsServer that runs one request at a time
 * and owns the conditions: ETags (a fresh value per write, sent on reads and writes),
 * `If-None-Match: *` (only if new) and `If-Match` (only if unchanged). Everything else
 * is the real BlobsServer.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { startBlobs, type LocalBlobs } from './blobs.ts';

export interface AtomicBlobs extends LocalBlobs {
  /** Requests served (reads and writes), for sanity checks. */
  requests(): number;
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startAtomicBlobs(): Promise<AtomicBlobs> {
  const upstream = await startBlobs();
  const context = JSON.parse(Buffer.from(process.env.NETLIFY_BLOBS_CONTEXT as string, 'base64').toString('utf8'));
  const etags = new Map<string, string>();
  let queue: Promise<unknown> = Promise.resolve();
  let served = 0;

  const server = createServer((req, res) => {
    const run = queue.then(async () => {
      served++;
      const url = new URL(req.url ?? '/', 'http://proxy');
      const path = url.pathname;
      const method = req.method ?? 'GET';
      const payload = method === 'GET' || method === 'HEAD' ? undefined : await body(req);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined || ['host', 'if-match', 'if-none-match', 'content-length', 'connection'].includes(name)) continue;
        headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      if (method === 'PUT') {
        const current = etags.get(path);
        const ifNoneMatch = req.headers['if-none-match'];
        const ifMatch = req.headers['if-match'];
        if ((ifNoneMatch === '*' && current) || (ifMatch && ifMatch !== current)) {
          res.writeHead(412).end();
          return;
        }
      }
      const answer = await fetch(`${upstream.url}${url.pathname}${url.search}`, { method, headers, body: payload ? new Uint8Array(payload) : undefined });
      const data = Buffer.from(await answer.arrayBuffer());
      const out: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (!['content-length', 'transfer-encoding', 'connection', 'etag'].includes(name)) out[name] = value;
      });
      if (answer.ok && method === 'PUT') {
        const etag = `"${randomUUID()}"`;
        etags.set(path, etag);
        out.etag = etag;
      } else if (answer.ok && method === 'DELETE') {
        for (const key of [...etags.keys()]) if (key === path || key.startsWith(`${path}/`)) etags.delete(key);
      } else if (answer.ok && etags.has(path)) {
        out.etag = etags.get(path) as string;
      }
      res.writeHead(answer.status, out).end(data);
    });
    queue = run.catch((error) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.NETLIFY_BLOBS_CONTEXT = Buffer.from(JSON.stringify({ ...context, edgeURL: url, uncachedEdgeURL: url })).toString('base64');
  return {
    url,
    directory: upstream.directory,
    requests: () => served,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await upstream.stop();
    },
  };
}
