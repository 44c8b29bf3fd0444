/** Responses of the static export endpoints. */
export function jsonResponse(data: unknown): Response {
  return new Response(`${JSON.stringify(data)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}

export function textResponse(body: string, contentType: string): Response {
  return new Response(body, { headers: { 'Content-Type': contentType } });
}
