/**
 * The Resend fake as a process of its own, for functions served by `netlify serve`: the
 * functions run in another process, and the fake must outlive any single test file, so it
 * cannot live inside a test worker. Started by tests/helpers/netlify-serve.ts; prints one
 * JSON line `{ "url", "controlUrl" }` when it listens.
 *
 * The control server lets tests in any worker read and steer it:
 *   GET  /delivered        mails delivered (once per idempotency key), in order
 *   GET  /requests         every request in arrival order
 *   GET  /state            contacts, topics, segments, broadcasts
 *   POST /reset            forget everything, clear faults
 *   POST /fail  { n, status?, path? }              the next n requests (path: a RegExp source) fail
 *   POST /hang  { n, path?, afterDelivery? }       the next n requests never get an answer
 *   POST /policy { failRate?, hangRate?, status?, path?, afterDelivery?, seed? } | {}
 *        fails or hangs that share of requests, chosen by a seeded generator (so a run can be
 *        repeated); an empty body clears the policy.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startResendFake, type Policy } from './resend-fake.ts';
import { seededRandom } from '../../scripts/lib/seeded-random.ts';

export interface RandomPolicy {
  failRate?: number;
  hangRate?: number;
  status?: number;
  /** RegExp source the request path must match for the policy to apply. */
  path?: string;
  afterDelivery?: boolean;
  seed?: number;
}


export function randomPolicy(options: RandomPolicy): Policy {
  const random = seededRandom(options.seed ?? 1);
  const path = options.path === undefined ? undefined : new RegExp(options.path);
  return (request) => {
    if (path && !path.test(request.path)) return undefined;
    const roll = random();
    if (roll < (options.failRate ?? 0)) return { status: options.status ?? 500 };
    if (roll < (options.failRate ?? 0) + (options.hangRate ?? 0)) return { hang: true, afterDelivery: options.afterDelivery };
    return undefined;
  };
}

async function readJson(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  return text ? JSON.parse(text) : {};
}

function answer(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const fake = await startResendFake();

const control = createServer((req, res) => {
  void (async () => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const key = `${req.method} ${path}`;
    if (key === 'GET /delivered') return answer(res, 200, fake.delivered());
    if (key === 'GET /requests') return answer(res, 200, fake.requests);
    if (key === 'GET /state') {
      const { contacts, topics, segments, broadcasts } = fake.state;
      return answer(res, 200, { contacts: [...contacts.values()], topics: [...topics.values()], segments: [...segments.values()], broadcasts: [...broadcasts.values()] });
    }
    const body = await readJson(req);
    if (key === 'POST /reset') fake.reset();
    else if (key === 'POST /fail') fake.failNext(body.n ?? 1, body.status ?? 500, { path: body.path ? new RegExp(body.path) : undefined });
    else if (key === 'POST /hang') fake.hangNext(body.n ?? 1, { path: body.path ? new RegExp(body.path) : undefined, afterDelivery: body.afterDelivery });
    else if (key === 'POST /policy') fake.setPolicy(Object.keys(body).length ? randomPolicy(body) : undefined);
    else return answer(res, 404, { error: `unknown control request ${key}` });
    answer(res, 200, { ok: true });
  })().catch((error) => answer(res, 400, { error: String(error) }));
});
await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));

process.stdout.write(`${JSON.stringify({ url: fake.url, controlUrl: `http://127.0.0.1:${(control.address() as AddressInfo).port}` })}\n`);
process.on('SIGTERM', () => process.exit(0));
