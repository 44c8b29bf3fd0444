/**
 * Mail (issue 25): render time of every kind of mail in the one layout, and the cold
 * start of the functions that send mail (bundled with esbuild like Netlify does, then
 * imported by fresh Node processes; median and quickest of 15). Set QN_BENCH_BASELINE to the sources of
 * another commit to print its cold starts beside these (the layout may add at most 100 ms):
 *   mkdir /tmp/base && git archive <commit> functions src | tar -x -C /tmp/base
 *   QN_BENCH_BASELINE=/tmp/base npm run bench mail
 */
import { mailSamples } from '../lib/mail-samples.ts';
import { measureColdStarts, type ColdStart } from '../lib/cold-start.ts';

const ROUNDS = 200;
const FUNCTIONS = ['contact', 'contact-retry', 'newsletter-subscribe', 'newsletter-send', 'reminders'];

const samples = await mailSamples();
console.log(`render (median of ${ROUNDS} runs, one mail each):`);
for (const sample of samples) {
  sample.render(); // warm: the first call compiles the code paths
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    sample.render();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const mail = sample.render();
  console.log(`  ${sample.id.padEnd(30)} ${times[ROUNDS >> 1].toFixed(3)} ms   (${(Buffer.byteLength(mail.html) / 1024).toFixed(1)} KB html, ${(Buffer.byteLength(mail.text) / 1024).toFixed(1)} KB text)`);
}

const here = process.cwd();
const baselineRoot = process.env.QN_BENCH_BASELINE;
const RUNS = 15;
const cold = await measureColdStarts(baselineRoot ? [baselineRoot, here] : [here], FUNCTIONS, RUNS);
console.log(`\ncold start (bundle imported by a fresh node, ${RUNS} runs: median / quickest${baselineRoot ? `, alternating: ${baselineRoot} → this checkout` : ''}):`);
const ms = (c: ColdStart) => `${c.medianMs.toFixed(1)} / ${c.minMs.toFixed(1)} ms`;
const delta = (a: number, b: number) => `${b - a >= 0 ? '+' : ''}${(b - a).toFixed(1)}`;
for (const fn of FUNCTIONS) {
  const now = cold.find((c) => c.fn === fn && c.root === here)!;
  const base = cold.find((c) => c.fn === fn && c.root === baselineRoot);
  const line = base
    ? `${ms(base)} → ${ms(now)} (${delta(base.medianMs, now.medianMs)} / ${delta(base.minMs, now.minMs)} ms), bundle ${base.bundleKB.toFixed(0)} → ${now.bundleKB.toFixed(0)} KB`
    : `${ms(now)}, bundle ${now.bundleKB.toFixed(0)} KB`;
  console.log(`  ${fn.padEnd(22)} ${line}`);
}

// What the layout itself adds, without the noise of a whole function: its module alone.
const [layout] = await measureColdStarts([here], ['lib/mail-layout/index'], RUNS);
console.log(`  mail layout alone      ${ms(layout)}, bundle ${layout.bundleKB.toFixed(1)} KB (MJML itself is never loaded at run time)`);
