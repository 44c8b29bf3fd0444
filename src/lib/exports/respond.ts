/** Responses of the static export endpoints, and the JSON text of export files. */

/** JSON as every export file holds it: one line, ending in a newline. */
export const jsonText = (data: unknown) => `${JSON.stringify(data)}\n`;

export function jsonResponse(data: unknown): Response {
  return new Response(jsonText(data), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}

export function textResponse(body: string, contentType: string): Response {
  return new Response(body, { headers: { 'Content-Type': contentType } });
}
