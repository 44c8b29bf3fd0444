/**
 * The one request reader and the last-line guard every public function uses.
 */
import { describe, expect, it, vi } from 'vitest';
import { readRequest } from '../../functions/lib/http/request.ts';
import { guarded } from '../../functions/lib/http/guard.ts';
import { formatWait } from '../../functions/lib/http/wait.ts';
import { de } from '../../src/i18n/de.ts';

const SPEC = { methods: ['POST'], kinds: ['json', 'form', 'multipart'] as const, maxBytes: 1024 };
const post = (body: BodyInit, type?: string, headers: Record<string, string> = {}) =>
  new Request('http://localhost/api/x', { method: 'POST', headers: { ...(type ? { 'content-type': type } : {}), ...headers }, body });

describe('readRequest', () => {
  it('reads forms, repeated names, JSON values and multipart text fields', async () => {
    const form = await readRequest(post('a=1&b=2&a=3', 'application/x-www-form-urlencoded'), SPEC);
    expect(form.ok && [...form.fields]).toEqual([['a', ['1', '3']], ['b', ['2']]]);
    const json = await readRequest(post('{"a":"x","n":[true,"y"],"o":{"deep":1}}', 'application/json; charset=utf-8'), SPEC);
    expect(json.ok && [...json.fields]).toEqual([['a', ['x']], ['n', ['yes', 'y']]]);
    expect(json.ok && json.object).toEqual({ a: 'x', n: [true, 'y'], o: { deep: 1 } });
    const data = new FormData();
    data.append('email', 'a@example.org');
    data.append('file', new Blob(['x']), 'x.txt');
    const multipart = await readRequest(new Request('http://localhost/api/x', { method: 'POST', body: data }), SPEC);
    expect(multipart.ok && [...multipart.fields]).toEqual([['email', ['a@example.org']]]);
  });

  it.each([
    ['a wrong method', new Request('http://localhost/api/x', { method: 'PUT', body: 'a=1' }), 405, 'request.error.method'],
    ['a missing content type', post('a=1'), 415, 'request.error.contentType'],
    ['text/plain', post('a=1', 'text/plain'), 415, 'request.error.contentType'],
    ['a body over the limit', post('a='.padEnd(2000, 'x'), 'application/x-www-form-urlencoded'), 413, 'request.error.tooLarge'],
    ['a lying Content-Length', post('a=1', 'application/x-www-form-urlencoded', { 'content-length': '99999999' }), 413, 'request.error.tooLarge'],
    ['broken JSON', post('{"a":', 'application/json'), 400, 'request.error.malformed'],
    ['a JSON array', post('[1]', 'application/json'), 400, 'request.error.notObject'],
    ['invalid UTF-8', post(new Uint8Array([0x61, 0x3d, 0xff, 0xfe]), 'application/x-www-form-urlencoded'), 400, 'request.error.malformed'],
    ['multipart without boundary', post('--x\r\n', 'multipart/form-data'), 400, 'request.error.malformed'],
    ['deeply nested JSON', post('['.repeat(500) + ']'.repeat(500), 'application/json'), 400, 'request.error.notObject'],
  ] as const)('refuses %s with a status and a German message', async (_label, request, status, key) => {
    const read = await readRequest(request, SPEC);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.refusal.status).toBe(status);
    expect(read.refusal.message).toBe(de[key].replace('{max}', '1'));
  });

  it('names what it accepts on 405 and 415', async () => {
    const method = await readRequest(new Request('http://localhost/api/x', { method: 'DELETE' }), SPEC);
    expect(!method.ok && method.refusal.headers).toEqual({ allow: 'POST' });
    const type = await readRequest(post('x', 'text/xml'), SPEC);
    expect(!type.ok && type.refusal.headers.accept).toBe('application/json, application/x-www-form-urlencoded, multipart/form-data');
  });
});

describe('guarded', () => {
  it('turns an unexpected error into a generic 500 with an incident id in the log and nothing internal in the answer', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const handler = guarded('test', async () => {
        throw new TypeError('Cannot read properties of undefined (reading "secret") at /work/functions/x.ts:12');
      });
      for (const accept of ['text/html', 'application/json']) {
        const response = await handler(new Request('http://localhost/api/x', { headers: { accept } }));
        expect(response.status).toBe(500);
        const body = await response.text();
        expect(body).not.toMatch(/TypeError|secret|\/work\/|\.ts|at \w/);
        const incident = /Vorgangsnummer ([0-9a-f]{8})/.exec(body)?.[1];
        expect(incident).toBeDefined();
        expect(String(log.mock.calls.at(-1)?.[0])).toContain(`incident ${incident}`);
      }
    } finally {
      log.mockRestore();
    }
  });
});

describe('formatWait', () => {
  it('says "1 Minute", not "1 Minuten", and follows each language\'s plural', () => {
    expect(formatWait(30_000, 'de')).toBe('1 Minute');
    expect(formatWait(125_000, 'de')).toBe('3 Minuten');
    expect(formatWait(60_000, 'en')).toBe('1 minute');
    expect(formatWait(180_000, 'ru')).toBe('3 минуты');
    expect(formatWait(5 * 3_600_000, 'de')).toBe('5 Stunden');
  });
});

describe('one way to read a request', () => {
  it('no function reads a request body except through functions/lib/http/request.ts', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts')) files.push(path);
      }
    };
    walk('functions');
    const offenders = files
      .filter((file) => file !== join('functions', 'lib', 'http', 'request.ts'))
      .filter((file) => /\b(?:request|req)\.(?:text|json|formData|arrayBuffer|blob)\(\)|\b(?:request|req)\.body\b/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
