/**
 * Writes `JSON.stringify(value)` to a file without making it one string first.
 *
 * generated/opendata.json is megabytes at city scale (7 MB at 2,000 offers). One
 * JSON.stringify builds that text as one string, which in a build's large heap cost
 * three times what the same text costs in pieces: 160–230 ms against 50–80 ms (issue 17,
 * measured in and outside the build). Here the outer arrays and objects are walked and
 * each of their items is stringified on its own; the pieces go to the file in blocks.
 * The text is the same, byte for byte (tests/lib/json-file.test.ts).
 */
import { closeSync, openSync, writeSync } from 'node:fs';

/** How many levels of arrays and plain objects are walked; below that, JSON.stringify takes the whole item. */
const WALKED_LEVELS = 3;
/** Characters collected before a write. */
const BLOCK = 1 << 16;

/** An array or an object JSON.stringify would write member by member (no toJSON, no class). */
function isWalkable(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The JSON text of `value` in pieces, handed to `emit` in order. */
export function jsonPieces(value: unknown, emit: (piece: string) => void, levels = WALKED_LEVELS): void {
  if (levels === 0 || !isWalkable(value)) {
    // At the top, undefined (or a function) has no JSON text at all: JSON.stringify gives undefined.
    const text = JSON.stringify(value);
    if (text !== undefined) emit(text);
    return;
  }
  if (Array.isArray(value)) {
    emit('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) emit(',');
      const item: unknown = value[i];
      // In an array, what has no JSON text is written as null.
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') emit('null');
      else jsonPieces(item, emit, levels - 1);
    }
    emit(']');
    return;
  }
  emit('{');
  let first = true;
  for (const key of Object.keys(value)) {
    const item: unknown = (value as Record<string, unknown>)[key];
    // In an object, members without JSON text are left out.
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    emit(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    jsonPieces(item, emit, levels - 1);
  }
  emit('}');
}

/** `JSON.stringify(value)` and a newline, as blocks of about BLOCK characters. */
export function jsonBlocks(value: unknown): string[] {
  const blocks: string[] = [];
  let block: string[] = [];
  let size = 0;
  jsonPieces(value, (piece) => {
    block.push(piece);
    size += piece.length;
    if (size >= BLOCK) {
      blocks.push(block.join(''));
      block = [];
      size = 0;
    }
  });
  block.push('\n');
  blocks.push(block.join(''));
  return blocks;
}

/** Writes `JSON.stringify(value)` and a newline to `path` (created or replaced). */
export function writeJsonFile(path: string, value: unknown): void {
  const fd = openSync(path, 'w');
  try {
    for (const block of jsonBlocks(value)) writeSync(fd, block);
  } finally {
    closeSync(fd);
  }
}
