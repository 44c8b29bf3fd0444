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

  const detailBytes = details.reduce((sum, d) => sum + bytesOf(d), 0);
  const oparlBytes = [...oparl.objects.values(), ...oparl.pages.values()].reduce((sum, o) => sum + bytesOf(o), 0);
  console.log(
    [
      `${label}: ${offers.length} offers, ${content.organisations.length} organisations, ${content.meetings.length} meetings`,
      `  file times (git log or mtime)  ${timesMs.toFixed(0).padStart(5)} ms`,
      `  HSDS mapping                   ${hsdsMs}   services.json ${kb(bytesOf(list))}, ${details.length} service files ${kb(detailBytes)}, organisations ${kb(organizations.reduce((s, o) => s + bytesOf(o), 0))}`,
      `  OParl mapping                  ${oparlMs.toFixed(0).padStart(5)} ms   ${oparl.objects.size} objects + ${oparl.pages.size} list pages ${kb(oparlBytes)}`,
      `  iCalendar (all meetings)       ${icalMs.toFixed(0).padStart(5)} ms   termine.ics ${kb(Buffer.byteLength(calendar))}`,
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
