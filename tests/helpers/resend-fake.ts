/**
 * A local fake of Resend's HTTP API for tests: point the SDK at it with RESEND_BASE_URL
 * (plus any RESEND_API_KEY). It records every request, honours Idempotency-Key on
 * /emails and /emails/batch like Resend (same key → same id, nothing delivered twice),
 * and fails on demand: a status (500, 429, …), or a hang that never answers — optionally
 * after delivering, which is the nasty case of a lost response.
 *
 * Endpoints (stack notes): POST /emails, POST /emails/batch, POST /contacts,
 * GET|PATCH|DELETE /contacts/{id|email}, GET|PATCH /contacts/{id|email}/topics,
 * POST|GET /segments, POST|GET /topics, POST|GET /broadcasts, GET /broadcasts/{id},
 * POST /broadcasts/{id}/send. Errors are non-2xx `{ statusCode, name, message }`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  /** Lower-case header names, e.g. `idempotency-key`, `authorization`. */
  headers: Record<string, string>;
  /** Parsed JSON body (undefined when there was none or it was not JSON). */
  body: any;
  /** What the fake did: the status sent, or 'hang'. */
  outcome?: number | 'hang';
  /** Set when the fake delivered and then never answered (a lost response). */
  deliveredBeforeHang?: boolean;
}

export interface DeliveredEmail {
  id: string;
  from: string;
  to: string[];
  reply_to?: string | string[];
  subject: string;
  text?: string;
  html?: string;
  headers?: Record<string, string>;
  idempotencyKey?: string;
  /** Set when the mail went out as part of a broadcast. */
  broadcastId?: string;
}

/** What to do with one request: answer normally, answer with a status, or hang. */
export type Fault = { status: number; name?: string; message?: string } | { hang: true; /** deliver first, then never answer */ afterDelivery?: boolean };
export type Policy = (request: RecordedRequest) => Fault | undefined;

export interface Contact {
  id: string;
  email: string;
  first_name?: string;
  last_name?: string;
  unsubscribed: boolean;
  properties?: Record<string, unknown>;
  segments: string[];
  /** topic id → explicit choice */
  topics: Record<string, 'opt_in' | 'opt_out'>;
  created_at: string;
}

export interface Topic {
  id: string;
  name: string;
  description?: string;
  default_subscription: 'opt_in' | 'opt_out';
  created_at: string;
}

export interface Broadcast {
  id: string;
  name?: string;
  segment_id?: string;
  topic_id?: string;
  from: string;
  subject: string;
  html?: string;
  text?: string;
  reply_to?: string | string[];
  preview_text?: string;
  status: 'draft' | 'queued' | 'sent';
  created_at: string;
  sent_at?: string;
}

export interface ResendFake {
  url: string;
  /** Every request in arrival order. */
  requests: RecordedRequest[];
  /** Emails actually delivered (once per idempotency key), in order. */
  delivered(): DeliveredEmail[];
  /** The next n requests (matching `path` if given) answer with `status`. */
  failNext(n: number, status?: number, options?: { path?: string | RegExp }): void;
  /** The next n requests (matching `path` if given) never get an answer. */
  hangNext(n: number, options?: { path?: string | RegExp; afterDelivery?: boolean }): void;
  /** Decides per request (after queued failNext/hangNext). `undefined` clears it. */
  setPolicy(policy: Policy | undefined): void;
  state: {
    contacts: Map<string, Contact>;
    topics: Map<string, Topic>;
    segments: Map<string, { id: string; name: string }>;
    broadcasts: Map<string, Broadcast>;
    /** Sending domains by name (GET /domains), e.g. `{ name: 'example.org', status: 'verified' }`. */
    domains: Map<string, { id: string; name: string; status: string }>;
  };
  /** Forgets requests, deliveries, faults and state. */
  reset(): void;
  close(): Promise<void>;
}

interface QueuedFault {
  remaining: number;
  path?: string | RegExp;
  fault: Fault;
}

const ERROR_NAMES: Record<number, string> = {
  400: 'validation_error',
  401: 'missing_api_key',
  404: 'not_found',
  409: 'invalid_idempotent_request',
  413: 'validation_error',
  422: 'validation_error',
  429: 'rate_limit_exceeded',
  500: 'application_error',
  502: 'application_error',
  503: 'application_error',
};

function matches(path: string, pattern: string | RegExp | undefined): boolean {
  if (pattern === undefined) return true;
  return typeof pattern === 'string' ? path === pattern : pattern.test(path);
}

const now = () => new Date().toISOString();

export async function startResendFake(): Promise<ResendFake> {
  const requests: RecordedRequest[] = [];
  let deliveries: DeliveredEmail[] = [];
  let idempotency = new Map<string, { fingerprint: string; answer: unknown }>();
  let queue: QueuedFault[] = [];
  let policy: Policy | undefined;
  const state: ResendFake['state'] = { contacts: new Map(), topics: new Map(), segments: new Map(), broadcasts: new Map(), domains: new Map() };
  const hanging = new Set<ServerResponse>();

  function send(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  function error(res: ServerResponse, status: number, message: string, name = ERROR_NAMES[status] ?? 'application_error') {
    send(res, status, { statusCode: status, name, message });
  }

  function pickFault(request: RecordedRequest): Fault | undefined {
    const queued = queue.find((q) => q.remaining > 0 && matches(request.path, q.path));
    if (queued) {
      queued.remaining--;
      queue = queue.filter((q) => q.remaining > 0);
      return queued.fault;
    }
    return policy?.(request);
  }

  function findContact(idOrEmail: string): Contact | undefined {
    const key = decodeURIComponent(idOrEmail);
    return state.contacts.get(key) ?? [...state.contacts.values()].find((c) => c.email.toLowerCase() === key.toLowerCase());
  }

  function validateEmail(body: any): string | undefined {
    if (!body || typeof body !== 'object') return 'The request body is missing or invalid.';
    if (typeof body.from !== 'string' || !body.from) return 'Missing `from` field.';
    const to = Array.isArray(body.to) ? body.to : [body.to];
    if (!to.length || to.some((t: unknown) => typeof t !== 'string' || !t.includes('@'))) return 'Invalid `to` field.';
    if (to.length > 50) return 'Too many recipients: at most 50.';
    if (typeof body.subject !== 'string' || !body.subject) return 'Missing `subject` field.';
    if (typeof body.html !== 'string' && typeof body.text !== 'string') return 'Missing `html` or `text` field.';
    for (const value of [body.from, body.subject, ...to]) if (/[\r\n]/.test(value)) return 'Header fields must not contain line breaks.';
    return undefined;
  }

  function deliver(body: any, key?: string, broadcastId?: string): DeliveredEmail {
    const mail: DeliveredEmail = {
      id: randomUUID(),
      from: body.from,
      to: Array.isArray(body.to) ? body.to : [body.to],
      reply_to: body.reply_to,
      subject: body.subject,
      text: body.text,
      html: body.html,
      headers: body.headers,
      idempotencyKey: key,
      broadcastId,
    };
    deliveries.push(mail);
    return mail;
  }

  /** Runs `produce` at most once per idempotency key; returns [status, body]. */
  function idempotent(key: string | undefined, scope: string, body: unknown, produce: () => [number, unknown]): [number, unknown] {
    if (!key) return produce();
    const fingerprint = JSON.stringify(body);
    const seen = idempotency.get(`${scope}:${key}`);
    if (seen) {
      if (seen.fingerprint !== fingerprint) return [409, { statusCode: 409, name: 'invalid_idempotent_request', message: 'Same idempotency key used with a different request payload.' }];
      return [200, seen.answer];
    }
    const [status, answer] = produce();
    if (status < 300) idempotency.set(`${scope}:${key}`, { fingerprint, answer });
    return [status, answer];
  }

  function topicReceives(contact: Contact, topicId: string | undefined): boolean {
    if (!topicId) return true;
    const choice = contact.topics[topicId];
    if (choice) return choice === 'opt_in';
    return state.topics.get(topicId)?.default_subscription === 'opt_in';
  }

  /** The actual API: returns [status, body]. */
  function route(method: string, path: string, body: any, key: string | undefined): [number, unknown] {
    const parts = path.split('/').filter(Boolean);
    const err = (status: number, message: string, name?: string): [number, unknown] => [status, { statusCode: status, name: name ?? ERROR_NAMES[status] ?? 'application_error', message }];

    if (method === 'GET' && path === '/domains') return [200, { object: 'list', data: [...state.domains.values()] }];
    if (method === 'POST' && path === '/emails') {
      return idempotent(key, 'emails', body, () => {
        const problem = validateEmail(body);
        if (problem) return err(422, problem);
        return [200, { id: deliver(body, key).id }];
      });
    }
    if (method === 'POST' && path === '/emails/batch') {
      return idempotent(key, 'batch', body, () => {
        if (!Array.isArray(body) || body.length === 0 || body.length > 100) return err(422, 'A batch holds 1 to 100 emails.');
        for (const item of body) {
          const problem = validateEmail(item);
          if (problem) return err(422, problem);
          if (item.attachments) return err(422, 'Attachments are not supported in batch sending.');
        }
        return [200, { data: body.map((item: unknown) => ({ id: deliver(item, key).id })) }];
      });
    }

    if (parts[0] === 'contacts') {
      if (method === 'POST' && parts.length === 1) {
        if (typeof body?.email !== 'string' || !body.email.includes('@')) return err(422, 'Invalid `email` field.');
        if (findContact(body.email)) return err(409, 'Contact already exists.', 'invalid_parameter');
        const contact: Contact = {
          id: randomUUID(),
          email: body.email,
          first_name: body.first_name,
          last_name: body.last_name,
          unsubscribed: body.unsubscribed === true,
          properties: body.properties,
          segments: (body.segments ?? []).map((s: any) => (typeof s === 'string' ? s : s.id)),
          topics: Object.fromEntries((body.topics ?? []).map((t: any) => [t.id, t.subscription])),
          created_at: now(),
        };
        state.contacts.set(contact.id, contact);
        return [201, { object: 'contact', id: contact.id }];
      }
      if (method === 'GET' && parts.length === 1) {
        return [200, { object: 'list', has_more: false, data: [...state.contacts.values()] }];
      }
      const contact = parts[1] ? findContact(parts[1]) : undefined;
      if (!contact) return err(404, 'Contact not found.');
      if (parts.length === 2) {
        if (method === 'GET') return [200, { object: 'contact', ...contact, topics: undefined }];
        if (method === 'PATCH') {
          for (const field of ['first_name', 'last_name', 'properties'] as const) if (body?.[field] !== undefined) (contact as any)[field] = body[field];
          if (typeof body?.unsubscribed === 'boolean') contact.unsubscribed = body.unsubscribed;
          return [200, { object: 'contact', id: contact.id }];
        }
        if (method === 'DELETE') {
          state.contacts.delete(contact.id);
          return [200, { object: 'contact', contact: contact.id, deleted: true }];
        }
      }
      if (parts.length === 3 && parts[2] === 'topics') {
        if (method === 'GET') {
          const data = [...state.topics.values()].map((t) => ({ id: t.id, name: t.name, description: t.description, subscription: topicReceives(contact, t.id) ? 'opt_in' : 'opt_out' }));
          return [200, { object: 'list', has_more: false, data }];
        }
        if (method === 'PATCH') {
          if (!Array.isArray(body)) return err(422, 'Expected an array of `{ id, subscription }`.');
          for (const item of body) {
            if (!state.topics.has(item?.id)) return err(404, `Topic ${item?.id} not found.`);
            if (item.subscription !== 'opt_in' && item.subscription !== 'opt_out') return err(422, 'Invalid `subscription` field.');
          }
          for (const item of body) contact.topics[item.id] = item.subscription;
          return [200, { id: contact.id }];
        }
      }
    }

    if (parts[0] === 'segments' && parts.length === 1) {
      if (method === 'POST') {
        if (typeof body?.name !== 'string' || !body.name) return err(422, 'Missing `name` field.');
        const segment = { id: randomUUID(), name: body.name };
        state.segments.set(segment.id, segment);
        return [201, { object: 'segment', ...segment }];
      }
      if (method === 'GET') return [200, { object: 'list', has_more: false, data: [...state.segments.values()] }];
    }

    if (parts[0] === 'topics') {
      if (method === 'POST' && parts.length === 1) {
        if (typeof body?.name !== 'string' || !body.name) return err(422, 'Missing `name` field.');
        if (body.default_subscription !== 'opt_in' && body.default_subscription !== 'opt_out') return err(422, 'Invalid `default_subscription` field.');
        const topic: Topic = { id: randomUUID(), name: body.name, description: body.description, default_subscription: body.default_subscription, created_at: now() };
        state.topics.set(topic.id, topic);
        return [201, { object: 'topic', id: topic.id }];
      }
      if (method === 'GET' && parts.length === 1) return [200, { object: 'list', has_more: false, data: [...state.topics.values()] }];
      if (method === 'GET' && parts.length === 2) {
        const topic = state.topics.get(parts[1]);
        return topic ? [200, { object: 'topic', ...topic }] : err(404, 'Topic not found.');
      }
    }

    if (parts[0] === 'broadcasts') {
      if (method === 'POST' && parts.length === 1) {
        if (typeof body?.from !== 'string' || typeof body?.subject !== 'string') return err(422, 'Missing `from` or `subject` field.');
        if (body.segment_id && !state.segments.has(body.segment_id)) return err(404, 'Segment not found.');
        if (body.topic_id && !state.topics.has(body.topic_id)) return err(404, 'Topic not found.');
        const broadcast: Broadcast = { id: randomUUID(), status: 'draft', created_at: now(), ...body, send: undefined, scheduled_at: undefined } as Broadcast;
        state.broadcasts.set(broadcast.id, broadcast);
        if (body.send === true) sendBroadcast(broadcast);
        return [201, { id: broadcast.id }];
      }
      if (method === 'GET' && parts.length === 1) return [200, { object: 'list', has_more: false, data: [...state.broadcasts.values()].map(({ html, text, ...rest }) => rest) }];
      const broadcast = parts[1] ? state.broadcasts.get(parts[1]) : undefined;
      if (!broadcast) return err(404, 'Broadcast not found.');
      if (method === 'GET' && parts.length === 2) return [200, { object: 'broadcast', ...broadcast }];
      if (method === 'POST' && parts.length === 3 && parts[2] === 'send') {
        if (broadcast.status !== 'draft') return err(422, 'Broadcast has already been sent.');
        sendBroadcast(broadcast);
        return [200, { id: broadcast.id }];
      }
    }

    return err(404, `The fake knows no ${method} ${path}.`);
  }

  function sendBroadcast(broadcast: Broadcast) {
    for (const contact of state.contacts.values()) {
      if (contact.unsubscribed) continue;
      if (broadcast.segment_id && !contact.segments.includes(broadcast.segment_id)) continue;
      if (!topicReceives(contact, broadcast.topic_id)) continue;
      deliver({ ...broadcast, to: [contact.email] }, undefined, broadcast.id);
    }
    broadcast.status = 'sent';
    broadcast.sent_at = now();
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    let malformed = false;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        malformed = true;
      }
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    const url = new URL(req.url ?? '/', 'http://fake');
    const request: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, headers, body };
    requests.push(request);

    const fault = pickFault(request);
    if (fault && 'hang' in fault) {
      request.outcome = 'hang';
      if (fault.afterDelivery) {
        const [status] = route(request.method, request.path, body, headers['idempotency-key']);
        request.deliveredBeforeHang = status < 300;
      }
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (fault) {
      request.outcome = fault.status;
      error(res, fault.status, fault.message ?? `Simulated failure ${fault.status}.`, fault.name);
      return;
    }
    if (!headers.authorization?.startsWith('Bearer ')) {
      request.outcome = 401;
      error(res, 401, 'Missing API key in the authorization header.');
      return;
    }
    if (malformed) {
      request.outcome = 400;
      error(res, 400, 'The request body is not valid JSON.');
      return;
    }
    // Resend's sending-only keys are refused everywhere but /emails (keys named re_sendonly_… here).
    if (headers.authorization.startsWith('Bearer re_sendonly_') && !request.path.startsWith('/emails')) {
      request.outcome = 401;
      error(res, 401, 'This API key is restricted to only send emails.', 'restricted_api_key');
      return;
    }
    const [status, answer] = route(request.method, request.path, body, headers['idempotency-key']);
    request.outcome = status;
    send(res, status, answer);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) error(res, 500, String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    delivered: () => [...deliveries],
    failNext(n, status = 500, options = {}) {
      queue.push({ remaining: n, path: options.path, fault: { status } });
    },
    hangNext(n, options = {}) {
      queue.push({ remaining: n, path: options.path, fault: { hang: true, afterDelivery: options.afterDelivery } });
    },
    setPolicy(next) {
      policy = next;
    },
    state,
    reset() {
      requests.length = 0;
      deliveries = [];
      idempotency = new Map();
      queue = [];
      policy = undefined;
      for (const map of Object.values(state)) map.clear();
    },
    close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
