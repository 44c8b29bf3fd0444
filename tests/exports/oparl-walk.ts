/**
 * Walks a served OParl 1.1 API the way an importer does (Meine Stadt Transparent's
 * importer, liboparl): from `/oparl/` to the System, its Bodies, every list a Body names
 * across all pages (`links.next`), every object at its own `id`, and every link between
 * objects, checking that each resolves to the type its field promises. Every object is
 * validated against the OParl 1.1 schemas (embedded ones by their `type`), every
 * `downloadUrl` must come as an attachment and no `accessUrl` may.
 */
import { answerProblems, localFetcher } from './hsds-walk.ts';
import { oparlObjects, oparlValidators } from './standards.ts';

type Json = Record<string, any>;
const PREFIX = 'https://schema.oparl.org/1.1/';

/** The type a link in each field points to (OParl 1.1, per object). Lists hold objects of that type. */
const LINK_TYPES: Record<string, string> = {
  system: 'System',
  body: 'Body',
  bodies: 'Body',
  organization: 'Organization',
  person: 'Person',
  meeting: 'Meeting',
  meetings: 'Meeting',
  paper: 'Paper',
  agendaItem: 'AgendaItem',
  file: 'File',
  invitation: 'File',
  resultsProtocol: 'File',
  verbatimProtocol: 'File',
  auxiliaryFile: 'File',
  locationList: 'Location',
  location: 'Location',
  legislativeTerm: 'LegislativeTerm',
  legislativeTermList: 'LegislativeTerm',
  membership: 'Membership',
};

export interface OparlWalk {
  problems: string[];
  /** Every object seen at its own URL, by id. */
  objects: Map<string, Json>;
  /** Every list URL a Body names (first pages), by field. */
  bodyLists: Record<string, string>;
  downloads: number;
  requests: number;
}

export async function walkOparl(base: string): Promise<OparlWalk> {
  const problems: string[] = [];
  const validators = oparlValidators();
  const entry = await fetch(`${base}/oparl/`);
  const system = (await entry.json()) as Json;
  problems.push(...answerProblems({ status: entry.status, headers: entry.headers, body: system }, '/oparl/'));
  if (system.type !== `${PREFIX}System`) problems.push(`/oparl/: type ${system.type}`);
  const origin = new URL(String(system.id)).origin;
  const { get, requests } = localFetcher(base, origin);

  const objects = new Map<string, Json>();
  const lists = new Map<string, string>(); // first-page URL → item type
  const queue: { url: string; type: string; from: string }[] = [];
  const validate = (value: unknown, where: string) => {
    for (const { path, object } of oparlObjects(value)) {
      const type = String(object.type).slice(PREFIX.length);
      const check = validators.get(type);
      if (!check) problems.push(`${where}${path}: unknown type ${object.type}`);
      else if (!check(object)) problems.push(`${where}${path} (${type}): ${JSON.stringify(check.errors?.slice(0, 3))}`);
    }
  };

  /** Links of an object (and of objects embedded in it) to the queue, by their field. */
  const follow = (object: Json, where: string) => {
    for (const [key, value] of Object.entries(object)) {
      const type = LINK_TYPES[key];
      if (!type) continue;
      for (const item of [value].flat()) {
        if (typeof item === 'string') queue.push({ url: item, type, from: `${where}.${key}` });
        else if (item && typeof item === 'object') {
          // Embedded: it must carry its type and be the object served at its id.
          if (item.type !== `${PREFIX}${type}`) problems.push(`${where}.${key}: embedded ${item.type}, expected ${type}`);
          queue.push({ url: String(item.id), type, from: `${where}.${key} (embedded)` });
          follow(item, `${where}.${key}`);
        }
      }
    }
  };

  objects.set(String(system.id), system);
  validate(system, 'System');
  follow(system, 'System');
  const bodyLists: Record<string, string> = {};
  const seen = new Set<string>();

  while (queue.length) {
    const { url, type, from } = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const answer = await get(url);
    problems.push(...answerProblems(answer, url));
    const body = answer.body;
    if (Array.isArray(body.data)) {
      // A list: follow it page by page, as importers do.
      lists.set(url, type);
      let page: Json = body;
      let pageUrl = url;
      const pageSeen = new Set([url]);
      for (;;) {
        validate(page, pageUrl);
        for (const item of page.data) {
          if (item.type !== `${PREFIX}${type}`) problems.push(`${pageUrl} (from ${from}): item of type ${item.type}, expected ${type}`);
          queue.push({ url: String(item.id), type, from: pageUrl });
        }
        const next = page.links?.next;
        if (!next) break;
        if (pageSeen.has(next)) {
          problems.push(`${pageUrl}: links.next loops`);
          break;
        }
        pageSeen.add(next);
        const nextAnswer = await get(next);
        problems.push(...answerProblems(nextAnswer, next));
        page = nextAnswer.body;
        pageUrl = next;
      }
      continue;
    }
    if (body.type !== `${PREFIX}${type}`) problems.push(`${url} (from ${from}): type ${body.type}, expected ${type}`);
    if (body.id !== url) problems.push(`${url}: id is ${body.id}`);
    objects.set(url, body);
    validate(body, url);
    follow(body, url);
    if (type === 'Body') for (const [key, value] of Object.entries(body)) if (typeof value === 'string' && LINK_TYPES[key] && key !== 'system') bodyLists[key] = value;
  }

  // Files: the download is an attachment, the access URL opens in the browser.
  let downloads = 0;
  for (const file of [...objects.values()].filter((o) => o.type === `${PREFIX}File`)) {
    if (file.downloadUrl) {
      downloads++;
      if (file.downloadUrl === file.accessUrl) problems.push(`${file.id}: downloadUrl equals accessUrl`);
      const download = await get(String(file.downloadUrl));
      if (download.status !== 200) problems.push(`${file.downloadUrl}: status ${download.status}`);
      if (!/^attachment\b/.test(download.headers.get('content-disposition') ?? '')) problems.push(`${file.downloadUrl}: Content-Disposition ${download.headers.get('content-disposition')}`);
      if (file.size !== undefined && Number(download.headers.get('content-length') ?? file.size) !== file.size) problems.push(`${file.downloadUrl}: size differs from the File's size`);
    }
    const access = await get(String(file.accessUrl).replace(/#.*$/, ''));
    if (access.status !== 200) problems.push(`${file.accessUrl}: status ${access.status}`);
    if (/attachment/.test(access.headers.get('content-disposition') ?? '')) problems.push(`${file.accessUrl}: accessUrl served as attachment`);
  }
  return { problems, objects, bodyLists, downloads, requests: requests() + 1 };
}
