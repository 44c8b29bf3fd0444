/** Responses of the static export endpoints, and the JSON text of export files. */
import { jsonBlocks } from '../json-file.ts';

/** JSON as every export file holds it: one line, ending in a newline. */
export const jsonText = (data: unknown) => `${JSON.stringify(data)}\n`;

/**
 * A static JSON endpoint's response (`jsonText` of `data`). A large one (the HSDS
 * services list is megabytes at city scale) is handed over in blocks, never made one
 * string (json-file.ts says why).
 */
export function jsonResponse(data: unknown): Response {
  const blocks = jsonBlocks(data);
  return new Response(blocks.length === 1 ? blocks[0] : new Blob(blocks), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}

export function textResponse(body: string, contentType: string): Response {
  return new Response(body, { headers: { 'Content-Type': contentType } });
}
