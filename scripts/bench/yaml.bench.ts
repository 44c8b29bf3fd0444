/**
 * `npm run bench yaml` (issue 17): reading the front matter of the sample content plus
 * 2,000 generated offers, by the `yaml` package and by the content gate's plain reader
 * (src/lib/plain-yaml.ts), fastest of five rounds each; the first (cold) round too, as a
 * build reads each file once. Also how many texts the plain reader took (the rest go to
 * yaml) and whether every value it gave equals yaml's.
 */
import { isDeepStrictEqual } from 'node:util';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parsePlainYaml } from '../../src/lib/plain-yaml.ts';
import { MARKDOWN_COLLECTIONS } from '../../src/schema/index.ts';
import { contentRefs, generateOffers } from '../lib/generate-offers.ts';

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/;
const root = process.cwd();
const texts: string[] = [];
for (const { folder } of Object.values(MARKDOWN_COLLECTIONS)) {
  const dir = join(root, folder);
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.md'))) {
    const match = FRONT_MATTER.exec(readFileSync(join(dir, name), 'utf8'));
    if (match) texts.push(match[1]);
  }
}
for (const offer of generateOffers(2000, contentRefs(root))) texts.push(FRONT_MATTER.exec(offer.text)![1]);

function rounds(read: (text: string) => unknown): { cold: number; fastest: number } {
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    const started = performance.now();
    for (const text of texts) read(text);
    times.push(performance.now() - started);
  }
  return { cold: times[0], fastest: Math.min(...times) };
}

const plain = rounds(parsePlainYaml);
const yaml = rounds(parse);
const taken = texts.filter((text) => parsePlainYaml(text) !== undefined);
const equal = taken.filter((text) => isDeepStrictEqual(parsePlainYaml(text), parse(text))).length;
const megabytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) / 1e6;
console.log(`${texts.length} front matters (${megabytes.toFixed(2)} MB), five rounds each`);
console.log(`yaml package:              first round ${yaml.cold.toFixed(0)} ms, fastest ${yaml.fastest.toFixed(0)} ms`);
console.log(`src/lib/plain-yaml.ts:     first round ${plain.cold.toFixed(0)} ms, fastest ${plain.fastest.toFixed(0)} ms (${(yaml.fastest / plain.fastest).toFixed(1)}× faster)`);
console.log(`read by the plain reader: ${taken.length} of ${texts.length}; equal to yaml's value: ${equal} of ${taken.length}`);
if (equal !== taken.length) process.exitCode = 1;
