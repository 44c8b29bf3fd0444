/**
 * `npm run bench`: runs every `*.bench.ts` in this folder in turn, each in its own Node
 * process so one bench's warm caches do not flatter the next. Figures, not pass/fail.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only || f.includes(only))
  .sort();

console.log(`Quartiersnetz benchmarks on ${process.platform}/${process.arch}, Node ${process.version}, ${new Date().toISOString()}\n`);
let failed = 0;
for (const bench of benches) {
  console.log(`=== ${bench.replace('.bench.ts', '')} ===`);
  const result = spawnSync(process.execPath, [join(here, bench)], { stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  if (result.status !== 0) failed++;
  console.log('');
}
process.exitCode = failed ? 1 : 0;
