/**
 * Hostile requests for the public function endpoints, as plain descriptions a test can
 * send with fetch to any server: malformed and broken multipart, wrong methods and
 * content types, huge and deeply nested bodies, control characters and look-alikes in
 * every field, wrong value types, forged and mangled tokens.
 */
export interface HostileRequest {
  label: string;
  method: string;
  /** Path with query, e.g. /api/newsletter/confirm?token=… */
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array | string;
  /** Sent as a stream of this many bytes without Content-Length instead of `body`. */
  streamBytes?: number;
}

const encoder = new TextEncoder();
const CONTROL = ['\u0000', '\r\n', '\n', '\u202e', '\u200b', '\ufeff', '\u0085', '\u2028', '\u001b[31m', '\ud800'];
const LOOK_ALIKES = ['ａｄｍｉｎ＠example.org', 'ﬁsh@example.org', 'a@exаmple.org', '𝐚@example.org'];
const ODD_VALUES: unknown[] = ['', ' ', null, true, false, 0, -1, 1e308, [], ['a', 'b'], {}, { $gt: '' }, 'x'.repeat(5_000), '<script>alert(1)</script>', "' OR 1=1 --", '../../etc/passwd', '%00', '${7*7}', '{{7*7}}'];

function multipart(boundary: string, parts: [string, string][], tail = `--${boundary}--\r\n`): string {
  return parts.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join('') + tail;
}

/** Requests that are broken whatever the endpoint: methods, types, sizes, encodings. */
export function genericHostile(path: string, methods: string[], fields: Record<string, string>): HostileRequest[] {
  const list: HostileRequest[] = [];
  const add = (label: string, method: string, headers: Record<string, string>, body?: Uint8Array | string, at = path) => list.push({ label, method, path: at, headers, body });
  const json = (label: string, body: string) => add(label, 'POST', { 'content-type': 'application/json', accept: 'application/json' }, body);
  const form = (label: string, body: string, accept = 'text/html') => add(label, 'POST', { 'content-type': 'application/x-www-form-urlencoded', accept }, body);

  for (const method of ['GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].filter((m) => !methods.includes(m))) add(`method ${method}`, method, { accept: 'application/json' }, method === 'GET' ? undefined : 'a=1');
  for (const type of [undefined, 'text/plain', 'application/xml', 'text/html', 'application/octet-stream', 'application/x-www-form-urlencodedx', 'image/png', 'application/graphql']) {
    add(`content type ${type ?? '(none)'}`, 'POST', { ...(type ? { 'content-type': type } : {}), accept: 'application/json' }, new URLSearchParams(fields).toString());
  }
  for (const body of ['', '{', '{"a":', '{"a":1,}', "{'a':1}", 'null', '[]', '"text"', '123', 'true', 'NaN', '{"a":1}{"b":2}', '\u0000', 'a=1&b=2', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}']) {
    json(`JSON body ${JSON.stringify(body).slice(0, 30)}`, body);
  }
  json('deeply nested array (4,000 levels)', '['.repeat(4_000) + ']'.repeat(4_000));
  json('deeply nested object (2,000 levels)', '{"a":'.repeat(2_000) + '1' + '}'.repeat(2_000));
  json('nested object in every field', JSON.stringify(Object.fromEntries(Object.keys(fields).map((k) => [k, { a: { b: { c: [1, 2, { d: 'x' }] } } }]))));
  add('invalid UTF-8 (JSON)', 'POST', { 'content-type': 'application/json', accept: 'application/json' }, new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
  add('invalid UTF-8 (form)', 'POST', { 'content-type': 'application/x-www-form-urlencoded' }, new Uint8Array([0x61, 0x3d, 0xc3, 0x28]));
  form('form with %00 and broken escapes', 'a=%00&b=%&c=%zz&email=%E0%A4%A');
  for (const size of [17 * 1024, 40 * 1024, 200 * 1024, 1024 * 1024, 3 * 1024 * 1024]) {
    form(`form body of ${size} bytes`, new URLSearchParams({ ...fields, padding: 'x'.repeat(size) }).toString());
    json(`JSON body of ${size} bytes`, JSON.stringify({ ...fields, padding: 'x'.repeat(size) }));
  }
  list.push({ label: 'streamed 2 MB without Content-Length', method: 'POST', path, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, streamBytes: 2 * 1024 * 1024 });

  const boundary = 'qnBoundary7MA4YWxk';
  const parts = Object.entries(fields);
  const mp = (label: string, type: string, body: string) => add(`multipart: ${label}`, 'POST', { 'content-type': type, accept: 'application/json' }, body);
  mp('no boundary parameter', 'multipart/form-data', multipart(boundary, parts));
  mp('wrong boundary', 'multipart/form-data; boundary=other', multipart(boundary, parts));
  mp('empty boundary', 'multipart/form-data; boundary=', multipart(boundary, parts));
  mp('no closing delimiter', `multipart/form-data; boundary=${boundary}`, multipart(boundary, parts, ''));
  mp('truncated in a header', `multipart/form-data; boundary=${boundary}`, `--${boundary}\r\nContent-Disposition: form-da`);
  mp('truncated in a value', `multipart/form-data; boundary=${boundary}`, `--${boundary}\r\nContent-Disposition: form-data; name="email"\r\n\r\nabc`);
  mp('part without name', `multipart/form-data; boundary=${boundary}`, `--${boundary}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--${boundary}--\r\n`);
  mp('part without headers', `multipart/form-data; boundary=${boundary}`, `--${boundary}\r\n\r\nx\r\n--${boundary}--\r\n`);
  mp('garbage', `multipart/form-data; boundary=${boundary}`, '\u0000\u0001\u0002 not multipart at all');
  mp('boundary of 200 characters', `multipart/form-data; boundary=${'b'.repeat(200)}`, multipart('b'.repeat(200), parts));
  mp('file parts', `multipart/form-data; boundary=${boundary}`, `--${boundary}\r\nContent-Disposition: form-data; name="email"; filename="x.exe"\r\nContent-Type: application/octet-stream\r\n\r\nMZ\u0000\u0000\r\n--${boundary}--\r\n`);
  mp('a 40 KB part', `multipart/form-data; boundary=${boundary}`, multipart(boundary, [...parts, ['padding', 'x'.repeat(40 * 1024)]]));
  mp('500 parts', `multipart/form-data; boundary=${boundary}`, multipart(boundary, Array.from({ length: 500 }, (_, i) => [`f${i}`, 'x'] as [string, string])));
  mp('LF line ends only', `multipart/form-data; boundary=${boundary}`, multipart(boundary, parts).replace(/\r\n/g, '\n'));
  return list;
}

/** Every field of a form, one at a time, set to control characters, look-alikes and odd values (JSON and form). */
export function fieldHostile(path: string, fields: Record<string, string>): HostileRequest[] {
  const list: HostileRequest[] = [];
  for (const name of Object.keys(fields)) {
    for (const bad of CONTROL) {
      const value = name === 'email' ? `a${bad}b@example.org` : `${fields[name]}${bad}`;
      list.push({ label: `${name} with ${JSON.stringify(bad)} (form)`, method: 'POST', path, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, body: new URLSearchParams({ ...fields, [name]: value }).toString() });
    }
    for (const bad of LOOK_ALIKES) {
      list.push({ label: `${name} = ${bad}`, method: 'POST', path, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: new URLSearchParams({ ...fields, [name]: bad }).toString() });
    }
    for (const odd of ODD_VALUES) {
      list.push({ label: `${name} = ${JSON.stringify(odd)?.slice(0, 30)} (JSON)`, method: 'POST', path, headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ ...fields, [name]: odd }) });
    }
    list.push({ label: `${name} twice`, method: 'POST', path, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: `${new URLSearchParams(fields).toString()}&${name}=zweimal` });
    const rest = { ...fields };
    delete rest[name];
    list.push({ label: `${name} missing`, method: 'POST', path, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: new URLSearchParams(rest).toString() });
  }
  return list;
}

/** Forged, mangled and oversized tokens, in the query (GET) and in the body (POST). */
export function tokenHostile(path: string, validToken: string): HostileRequest[] {
  const tokens = [
    '', 'x', 'null', 'undefined', '[object Object]', 'a'.repeat(2_000), 'a'.repeat(8_000),
    validToken.slice(0, -1), validToken.slice(1), `${validToken}x`, validToken.split('').reverse().join(''),
    validToken.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), validToken.replace('.', '..'), validToken.replace('.', ''),
    validToken.toUpperCase(), validToken.toLowerCase(), `${validToken}.${validToken}`, validToken.replace(/-/g, '+').replace(/_/g, '/'),
    Buffer.from('{"email":"a@example.org","networks":[],"expires":0}').toString('base64url') + '.AAAA',
    'eyJhbGciOiJub25lIn0.eyJlbWFpbCI6ImFAZXhhbXBsZS5vcmcifQ.', '..', '.', '%00', '\u0000', '\u202e', '../../../etc/passwd', '<script>alert(1)</script>',
    ...CONTROL.map((c) => `${validToken.slice(0, 10)}${c}${validToken.slice(10)}`),
  ];
  const list: HostileRequest[] = [];
  for (const token of tokens) {
    // A lone surrogate cannot be percent-encoded as UTF-8: send its raw bytes, as an attacker would.
    const query = token.isWellFormed() ? encodeURIComponent(token) : encodeURIComponent(token.toWellFormed()).replace('%EF%BF%BD', '%ED%A0%80');
    list.push({ label: `GET token ${JSON.stringify(token).slice(0, 30)}`, method: 'GET', path: `${path}?token=${query}`, headers: { accept: 'text/html' } });
    list.push({ label: `POST token ${JSON.stringify(token).slice(0, 30)}`, method: 'POST', path, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, body: new URLSearchParams({ token, scope: 'all' }).toString() });
    list.push({ label: `POST JSON token ${JSON.stringify(token).slice(0, 30)}`, method: 'POST', path, headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ token: [token, token] }) });
  }
  list.push({ label: 'GET without token', method: 'GET', path, headers: {} });
  list.push({ label: 'GET with token twice', method: 'GET', path: `${path}?token=a&token=${encodeURIComponent(validToken)}`, headers: {} });
  list.push({ label: 'one-click without token', method: 'POST', path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
  return list;
}

export function bodyOf(request: HostileRequest): BodyInit | undefined {
  if (request.streamBytes !== undefined) {
    let sent = 0;
    const total = request.streamBytes;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= total) return controller.close();
        const chunk = encoder.encode('a'.repeat(Math.min(16_384, total - sent)));
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
  }
  if (request.body === undefined) return undefined;
  return (typeof request.body === 'string' ? encoder.encode(request.body) : request.body) as Uint8Array<ArrayBuffer>;
}
