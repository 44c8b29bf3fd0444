/**
 * Health report and link check figures: time to compute the report for the sample
 * content and with 2,000 generated offers, and link-check throughput against local
 * servers that answer after a fixed delay (how many links one 26 s run can check).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gatherHealthInput } from '../../src/lib/health/gather.ts';
import { loadContent } from '../../src/lib/load-content.ts';
import { computeHealth } from '../../src/lib/health/index.ts';
import { checkLinks } from '../../functions/lib/links/check.ts';
import { makeScaledProject, removeProject } from '../lib/generate-offers.ts';

const now = new Date('2026-11-21T10:00:00+01:00');

for (const [label, extra] of [['sample content', 0], ['+2,000 generated offers', 2000]] as const) {
  const root = makeScaledProject(process.cwd(), extra);
  try {
    const runs: number[] = [];
    let findings = 0;
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      // A fresh load each run: loadContentOnce would measure the cache from the second run on.
      const report = computeHealth(gatherHealthInput(root, now, { loaded: loadContent(root) }));
      runs.push(performance.now() - started);
      findings = report.findings.length;
    }
    console.log(`${label.padEnd(26)} health report ${Math.min(...runs).toFixed(0).padStart(5)} ms (load + rules), ${findings} findings`);
  } finally {
    removeProject(root);
  }
}

// Ten "hosts" on loopback addresses, each answering after DELAY ms.
const DELAY = 100;
const HOSTS = 10;
const servers: Server[] = [];
const urls: string[] = [];
for (let h = 1; h <= HOSTS; h++) {
  const server = createServer((req, res) => setTimeout(() => res.end(), DELAY));
  await new Promise<void>((resolve) => server.listen(0, `127.0.0.${h}`, resolve));
  servers.push(server);
  const port = (server.address() as AddressInfo).port;
  for (let i = 0; i < 20; i++) urls.push(`http://127.0.0.${h}:${port}/seite-${i}`);
}
for (const concurrency of [1, 4]) {
  const started = performance.now();
  // Loopback servers stand in for the web here; production contacts public addresses only.
  const report = await checkLinks(urls, { concurrency, timeoutMs: 2_000, allowAddress: (ip) => ip.startsWith('127.') });
  const seconds = (performance.now() - started) / 1000;
  const perSecond = report.results.length / seconds;
  console.log(
    `link check: ${report.results.length} links on ${HOSTS} hosts, ${DELAY} ms per answer, ${concurrency} host(s) at a time: ${seconds.toFixed(1)} s (${perSecond.toFixed(1)} links/s, about ${Math.floor(perSecond * 26)} links per 26 s run)`,
  );
}
await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
