/**
 * Answers of the open-data functions: JSON, readable from other sites' browsers (OParl
 * requires `Access-Control-Allow-Origin: *`; netlify.toml's header rules reach static
 * files only, so the functions set it themselves), read-only.
 */
const HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Access-Control-Allow-Origin': '*',
  // The data changes with each deploy; five minutes spare the function repeated work.
  'Cache-Control': 'public, max-age=300',
  'X-Content-Type-Options': 'nosniff',
};

export function jsonAnswer(status: number, body: unknown): Response {
  return new Response(`${JSON.stringify(body)}\n`, { status, headers: HEADERS });
}

/** GET and HEAD only: the data cannot be changed through these addresses. */
export function refuseWrites(request: Request): Response | undefined {
  if (request.method === 'GET' || request.method === 'HEAD') return undefined;
  if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: { ...HEADERS, 'Access-Control-Allow-Methods': 'GET, HEAD', Allow: 'GET, HEAD, OPTIONS' } });
  return new Response(`${JSON.stringify({ error: 'Diese Schnittstelle ist nur lesbar: Bitte mit GET abfragen.' })}\n`, { status: 405, headers: { ...HEADERS, Allow: 'GET, HEAD, OPTIONS' } });
}
