/**
 * A local fake of DeepL's HTTP API for tests and the bench: point deepl-node at it with
 * `serverUrl` (DEEPL_SERVER_URL). Implements what the translate run uses:
 *   POST /v2/translate  form-encoded (text repeated, source_lang, target_lang,
 *                       tag_handling, ignore_tags, …) → { translations: [{ detected_source_language, text }] }
 *   GET  /v2/usage      → { character_count, character_limit }
 * "Translating" marks every text node with the target language (`«TR»Kurs`, `«EN-GB»…`) and leaves
 * tags and the content of ignored tags alone, the way DeepL's XML handling does, so a
 * test sees what was translated and what survived. Characters are counted like DeepL
 * bills them (every character of every text sent); 456 once the account limit is hit.
 * Failures on demand: `failNext(429)` answers the next translate request with that status.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TranslateRequest {
  texts: string[];
  targetLang: string;
  sourceLang?: string;
  tagHandling?: string;
  ignoreTags: string[];
  /** The status the fake answered with. */
  status: number;
}

export interface DeepLFake {
  url: string;
  apiKey: string;
  requests: TranslateRequest[];
  /** Characters billed so far (successful requests only). */
  characterCount: number;
  characterLimit: number;
  /** The next translate request(s) get this status instead of an answer, in order. */
  failNext(...statuses: number[]): void;
  reset(): void;
  close(): Promise<void>;
}

const TAG = /(<[^>]+>)/;

/** Marks text nodes outside ignored tags; tags and ignored content stay as they came. */
export function fakeTranslate(text: string, target: string, ignoreTags: string[], xml: boolean): string {
  const mark = `«${target.toUpperCase()}»`;
  if (!xml) return mark + text;
  let ignoring = 0;
  return text
    .split(TAG)
    .map((part) => {
      const tag = /^<(\/?)([\w-]+)[^>]*?(\/?)>$/.exec(part);
      if (tag) {
        if (ignoreTags.includes(tag[2]) && !tag[3]) ignoring += tag[1] ? -1 : 1;
        return part;
      }
      // Punctuation between tags stays as it is (DeepL moves it, but never "translates" it).
      return ignoring > 0 || !/\p{L}/u.test(part) ? part : part.replace(/^(\s*)/, `$1${mark}`);
    })
    .join('');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startDeepLFake(options: { apiKey?: string; characterCount?: number; characterLimit?: number } = {}): Promise<DeepLFake> {
  const apiKey = options.apiKey ?? 'fake-key:fx';
  const failures: number[] = [];
  const fake: DeepLFake = {
    url: '',
    apiKey,
    requests: [],
    characterCount: options.characterCount ?? 0,
    characterLimit: options.characterLimit ?? 500_000,
    failNext: (...statuses) => void failures.push(...statuses),
    reset() {
      fake.requests.length = 0;
      failures.length = 0;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    if (req.headers.authorization !== `DeepL-Auth-Key ${apiKey}`) return json(res, 403, { message: 'Wrong auth key' });
    if (req.method === 'GET' && path === '/v2/usage') return json(res, 200, { character_count: fake.characterCount, character_limit: fake.characterLimit });
    if (req.method === 'POST' && path === '/v2/translate') {
      if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) return json(res, 415, { message: 'Expected a form-encoded body' });
      const form = new URLSearchParams(await readBody(req));
      const request: TranslateRequest = {
        texts: form.getAll('text'),
        targetLang: form.get('target_lang') ?? '',
        sourceLang: form.get('source_lang') ?? undefined,
        tagHandling: form.get('tag_handling') ?? undefined,
        ignoreTags: (form.get('ignore_tags') ?? '').split(',').filter(Boolean),
        status: 200,
      };
      fake.requests.push(request);
      const failure = failures.shift();
      if (failure) {
        request.status = failure;
        return json(res, failure, { message: `Fake failure ${failure}` });
      }
      if (request.texts.length === 0 || !request.targetLang) return (request.status = 400), json(res, 400, { message: 'Parameter text or target_lang missing' });
      const chars = request.texts.reduce((n, t) => n + t.length, 0);
      if (fake.characterCount + chars > fake.characterLimit) return (request.status = 456), json(res, 456, { message: 'Quota exceeded' });
      fake.characterCount += chars;
      const xml = request.tagHandling === 'xml' || request.tagHandling === 'html';
      return json(res, 200, {
        translations: request.texts.map((text) => ({ detected_source_language: request.sourceLang ?? 'DE', text: fakeTranslate(text, request.targetLang, request.ignoreTags, xml) })),
      });
    }
    json(res, 404, { message: 'Not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
