/**
 * Deterministic identifiers for the exports. HSDS wants UUIDs; ours are name-based
 * (RFC 9562 version 5: SHA-1 of a namespace and a name), so the same slug gives the same
 * id in every build, on every machine, without storing anything.
 */
import { createHash } from 'node:crypto';

function uuidBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`Not a UUID: ${uuid}`);
  return Buffer.from(hex, 'hex');
}

function formatUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const namespaceBytes = new Map<string, Buffer>();

/** UUID version 5 of `name` in `namespace`. */
export function uuidV5(name: string, namespace: string): string {
  let space = namespaceBytes.get(namespace);
  if (!space) namespaceBytes.set(namespace, (space = uuidBytes(namespace)));
  const hash = createHash('sha1').update(space).update(name, 'utf8').digest();
  const bytes = Buffer.from(hash.subarray(0, 16));
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return formatUuid(bytes);
}

/** The RFC's namespace for URLs. */
export const NAMESPACE_URL = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/**
 * Our own namespace. Deliberately not derived from the site's address: a move to another
 * domain must not change every id that directories have stored.
 */
export const QUARTIERSNETZ_NAMESPACE = uuidV5('urn:quartiersnetz:exports', NAMESPACE_URL);

// A build asks for the same ids many times (each taxonomy term once per offer, each offer
// in the list, the detail answers and the pages): SHA-1 once per name (issue 17). Looked
// up by kind, then by the keys: a slug string is hashed once by the engine and reused,
// where a name joined anew on every call (some 100,000 at 2,000 offers) had to be hashed each time.
const exportIds = new Map<string, Map<string, string>>();

/**
 * The id of one exported record: its kind plus the slugs (and positions) that identify it,
 * e.g. `exportId('service', 'job-cafe')` or `exportId('schedule', 'job-cafe', '0')`.
 */
export function exportId(kind: string, ...keys: string[]): string {
  let ofKind = exportIds.get(kind);
  if (!ofKind) exportIds.set(kind, (ofKind = new Map()));
  const key = keys.length === 1 ? keys[0] : keys.join('/');
  let id = ofKind.get(key);
  if (id === undefined) ofKind.set(key, (id = uuidV5(`${kind}:${key}`, QUARTIERSNETZ_NAMESPACE)));
  return id;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
