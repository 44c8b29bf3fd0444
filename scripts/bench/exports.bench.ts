/**
 * Open-data exports: how long the mapping takes and how large the files get, for the
 * sample content and with 2,000 generated offers (no Astro build: the mapping modules
 * are plain functions over the loaded content).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { loadContent } from '../../src/lib/load-content.ts';
import { isOfferPublished, todayIn } from '../../src/lib/publication.ts';
import { now } from '../../src/lib/clock.ts';
import { HsdsExport } from '../../src/lib/exports/hsds.ts';
import { buildOparl } from '../../src/lib/exports/oparl.ts';
import { buildCalendar } from '../../src/lib/exports/ical.ts';
import { createTimesOf } from '../../src/lib/exports/timestamps.ts';
import { buildOpenData } from '../../src/lib/exports/open-data.ts';
import { queryHsdsList } from '../../src/lib/exports/hsds-api.ts';
import { queryOparlList } from '../../src/lib/exports/oparl-api.ts';
import { makeScaledProject, removeProject } from '../lib/generate-offers.ts';

const site = new URL('https://quartiersnetz-kinderhaus.example.org/');
const instant = now();
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0).padStart(6)} KB`;
const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

function measure(root: string, label: string) {
  const { content } = loadContent(root);
  const offers = content.offers.filter((o) => isOfferPublished(o.data, todayIn(instant)));
  let started = performance.now();
  const timesOf = createTimesOf(root, ['content', 'public/uploads'], instant);
  for (const o of content.offers) timesOf(`content/offers/${o.id}.md`);
  const timesMs = performance.now() - started;

  // The machine is shared and the first run pays for JIT warm-up: report first and best of three.
  const runs: number[] = [];
  let hsds!: HsdsExport;
  let list!: ReturnType<HsdsExport['services']>;
  let details: ReturnType<HsdsExport['service']>[] = [];
  let organizations: ReturnType<HsdsExport['organization']>[] = [];
  for (let run = 0; run < 3; run++) {
    started = performance.now();
    hsds = new HsdsExport({ site, instant, settings: content.settings!, categories: content.categories, audiences: content.audiences, organisations: content.organisations, offers, timesOf });
    list = hsds.services();
    details = offers.map((o) => hsds.service(o));
    organizations = content.organisations.map((o) => hsds.organization(o));
    runs.push(performance.now() - started);
  }
  const hsdsMs = `${runs[0].toFixed(0).padStart(5)} ms first, ${Math.min(...runs).toFixed(0).padStart(4)} ms best`;

  started = performance.now();
  const oparl = buildOparl({
    site,
    instant,
    settings: content.settings!,
    networks: content.networks,
    meetings: content.meetings,
    timesOf,
    fileSize: (path) => {
      try {
        return statSync(join(root, 'public', path)).size;
      } catch {
        return undefined;
      }
    },
  });
  const oparlMs = performance.now() - started;

  started = performance.now();
  const calendar = buildCalendar({ site, name: 'Treffen', meetings: content.meetings, networkNames: new Map(), timesOf: (m) => timesOf(`content/meetings/${m.id}.md`) });
  const icalMs = performance.now() - started;

  // What the build hands to the open-data functions, and what one query costs them.
  started = performance.now();
  const openData = buildOpenData(root, content, site, instant)!;
  const handoverMs = performance.now() - started;
  const best = (task: () => unknown) => {
    const times = Array.from({ length: 5 }, () => {
      const t = performance.now();
      task();
      return performance.now() - t;
    });
    return `${Math.min(...times).toFixed(1).padStart(6)} ms`;
  };
  const hsdsQuery = (query: string) => best(() => queryHsdsList(openData.hsds, 'services', new URLSearchParams(query)));

  const detailBytes = details.reduce((sum, d) => sum + bytesOf(d), 0);
  const oparlBytes = [...oparl.objects.values(), ...oparl.pages.values()].reduce((sum, o) => sum + bytesOf(o), 0);
  console.log(
    [
      `${label}: ${offers.length} offers, ${content.organisations.length} organisations, ${content.meetings.length} meetings`,
      `  file times (git log or mtime)  ${timesMs.toFixed(0).padStart(5)} ms`,
      `  HSDS mapping                   ${hsdsMs}   services.json ${kb(bytesOf(list))}, ${details.length} service files ${kb(detailBytes)}, organisations ${kb(organizations.reduce((s, o) => s + bytesOf(o), 0))}`,
      `  OParl mapping                  ${oparlMs.toFixed(0).padStart(5)} ms   ${oparl.objects.size} objects + ${oparl.pages.size} list pages ${kb(oparlBytes)}`,
      `  iCalendar (all meetings)       ${icalMs.toFixed(0).padStart(5)} ms   termine.ics ${kb(Buffer.byteLength(calendar))}`,
      `  function data (opendata.json)  ${handoverMs.toFixed(0).padStart(5)} ms   ${kb(bytesOf(openData))} (compact JSON)`,
      `  HSDS list query (best of 5)    page 2 ${hsdsQuery('page=2&per_page=50')}, search ${hsdsQuery('search=deutsch kurs')}, modified_after ${hsdsQuery('modified_after=2026-01-01T00:00:00Z')}, taxonomy_term_id ${hsdsQuery(`taxonomy_term_id=${openData.hsds.taxonomy_terms[0]?.item.id}`)}`,
      `  OParl filtered list (best of 5) ${best(() => queryOparlList(openData.oparl, 'meetings', 1, new URLSearchParams('modified_since=2026-01-01T00:00:00Z')))}`,
    ].join('\n'),
  );
}

measure(process.cwd(), 'sample content');
const scaled = makeScaledProject(process.cwd(), 2000);
try {
  measure(scaled, '+2,000 generated offers');
} finally {
  removeProject(scaled);
}
