/**
 * The segments (numeric, alphanumeric, byte runs) the `qrcode` package would choose for a
 * text, found without its general shortest-path search (issue 17: the search was a third
 * of each printed QR code's cost, one code per offer page and language).
 *
 * The package splits the text into runs of one character class, offers each run in its
 * own mode and the wider ones, weighs the switches in a graph (Segments.fromString) and
 * walks it with `dijkstrajs`, whose queue sorts itself on every insertion. Here the same
 * graph, with the same weights, is walked by the same algorithm over a binary heap that
 * pops in the same order (lowest cost, then first inserted: the package's stable sort and
 * `shift`), so every tie is broken as the package breaks it and the segments are the
 * same (tests/build/qr-mask.test.ts compares whole codes on thousands of texts).
 * `QRCode.create` then takes them as its segment list, exactly as it takes its own.
 */
import Mode, { type QrMode } from 'qrcode/lib/core/mode.js';
import Segments from 'qrcode/lib/core/segments.js';
import Version from 'qrcode/lib/core/version.js';
import ECLevel from 'qrcode/lib/core/error-correction-level.js';
import Utils from 'qrcode/lib/core/utils.js';

export type SegmentMode = 'numeric' | 'alphanumeric' | 'byte';

export interface QrSegment {
  data: string;
  mode: SegmentMode;
}

interface GraphNode {
  mode: SegmentMode;
  data: string;
  length: number;
  /** The package's `table[key].lastCount`, which its graph building updates as it goes. */
  lastCount: number;
}

const MODES: Record<SegmentMode, QrMode> = { numeric: Mode.NUMERIC, alphanumeric: Mode.ALPHANUMERIC, byte: Mode.BYTE };

/** Data bits of `length` characters (bytes for byte mode), as the package's *Data.getBitsLength. */
function bitsLength(mode: SegmentMode, length: number): number {
  if (mode === 'numeric') return 10 * Math.floor(length / 3) + (length % 3 ? (length % 3) * 3 + 1 : 0);
  if (mode === 'alphanumeric') return 11 * Math.floor(length / 2) + 6 * (length % 2);
  return length * 8;
}

/** The package's classes (lib/core/regex.js without Kanji): digits, the other alphanumeric characters, everything else. */
function classOf(code: number): SegmentMode {
  if (code >= 48 && code <= 57) return 'numeric';
  if ((code >= 65 && code <= 90) || code === 32 || code === 36 || code === 37 || code === 42 || code === 43 || code === 45 || code === 46 || code === 47 || code === 58) return 'alphanumeric';
  return 'byte';
}

/** UTF-8 length of a run without surrogates (those are left to the package). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
  }
  return bytes;
}

/** Maximal runs of one class, in order: what the package's three regular expressions find. */
function runs(text: string): { mode: SegmentMode; data: string }[] {
  const found: { mode: SegmentMode; data: string }[] = [];
  let start = 0;
  let mode = classOf(text.charCodeAt(0));
  for (let i = 1; i <= text.length; i++) {
    const next = i < text.length ? classOf(text.charCodeAt(i)) : undefined;
    if (next === mode) continue;
    found.push({ mode, data: text.slice(start, i) });
    start = i;
    if (next) mode = next;
  }
  return found;
}

/** A binary heap of node indexes by cost, ties by insertion: the order `dijkstrajs` pops in. */
class Queue {
  private nodes: number[] = [];
  private costs: number[] = [];
  private order: number[] = [];
  private inserted = 0;

  get size(): number {
    return this.nodes.length;
  }

  private before(a: number, b: number): boolean {
    return this.costs[a] < this.costs[b] || (this.costs[a] === this.costs[b] && this.order[a] < this.order[b]);
  }

  private swap(a: number, b: number): void {
    [this.nodes[a], this.nodes[b]] = [this.nodes[b], this.nodes[a]];
    [this.costs[a], this.costs[b]] = [this.costs[b], this.costs[a]];
    [this.order[a], this.order[b]] = [this.order[b], this.order[a]];
  }

  push(node: number, cost: number): void {
    let at = this.nodes.length;
    this.nodes.push(node);
    this.costs.push(cost);
    this.order.push(this.inserted++);
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.before(at, parent)) break;
      this.swap(at, parent);
      at = parent;
    }
  }

  pop(): { node: number; cost: number } {
    const top = { node: this.nodes[0], cost: this.costs[0] };
    const last = this.nodes.length - 1;
    this.swap(0, last);
    this.nodes.pop();
    this.costs.pop();
    this.order.pop();
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let first = at;
      if (left < last && this.before(left, first)) first = left;
      if (right < last && this.before(right, first)) first = right;
      if (first === at) break;
      this.swap(at, first);
      at = first;
    }
    return top;
  }
}

/**
 * The segments `QRCode.create(text, { errorCorrectionLevel: 'M' })` would encode, or
 * undefined where this does not follow the package (an empty text, UTF-16 surrogates,
 * Kanji mode switched on): there the package's own search has to run.
 */
export function optimalSegments(text: string): QrSegment[] | undefined {
  if (text === '' || /[\uD800-\uDFFF]/.test(text) || Utils.isKanjiModeEnabled()) return undefined;
  // createSymbol: the graph's switch costs use the version the unoptimised split needs.
  const version = Version.getBestVersionForData(Segments.rawSplit(text), ECLevel.M) || 40;

  // buildNodes: each run in its own mode and in the wider ones.
  const groups: GraphNode[][] = runs(text).map(({ mode, data }) => {
    const node = (as: SegmentMode, length = data.length): GraphNode => ({ mode: as, data, length, lastCount: 0 });
    if (mode === 'numeric') return [node('numeric'), node('alphanumeric'), node('byte')];
    if (mode === 'alphanumeric') return [node('alphanumeric'), node('byte')];
    return [node('byte', utf8Length(data))];
  });

  // buildGraph: node 0 is the start, then every group's nodes in order, then the end. The
  // edges of a node go to the next group's nodes in the order they were added, which is
  // the order `for…in` visits the package's keys ('' + group + index) too.
  const nodes: (GraphNode | undefined)[] = [undefined];
  const edges: { to: number; weight: number }[][] = [[]];
  let previous = [0];
  for (const group of groups) {
    const current: number[] = [];
    for (const node of group) {
      const id = nodes.length;
      nodes.push(node);
      edges.push([]);
      current.push(id);
      for (const from of previous) {
        const before = nodes[from];
        let weight: number;
        if (before && before.mode === node.mode) {
          weight = bitsLength(node.mode, before.lastCount + node.length) - bitsLength(node.mode, before.lastCount);
          before.lastCount += node.length;
        } else {
          if (before) before.lastCount = node.length;
          weight = bitsLength(node.mode, node.length) + 4 + Mode.getCharCountIndicator(MODES[node.mode], version);
        }
        edges[from].push({ to: id, weight });
      }
    }
    previous = current;
  }
  const end = nodes.length;
  edges.push([]);
  for (const from of previous) edges[from].push({ to: end, weight: 0 });

  // dijkstrajs.single_source_shortest_paths: every queued entry is taken, and a node's
  // predecessor changes only for a strictly lower cost.
  const costs: (number | undefined)[] = [0];
  const predecessors: (number | undefined)[] = [];
  const queue = new Queue();
  queue.push(0, 0);
  while (queue.size) {
    const { node: from, cost } = queue.pop();
    for (const { to, weight } of edges[from]) {
      const through = cost + weight;
      const known = costs[to];
      if (known === undefined || known > through) {
        costs[to] = through;
        queue.push(to, through);
        predecessors[to] = from;
      }
    }
  }

  // The path back from the end, then mergeSegments: neighbours in one mode become one segment.
  const path: GraphNode[] = [];
  for (let at = predecessors[end]; at !== undefined && at !== 0; at = predecessors[at]) path.push(nodes[at]!);
  path.reverse();
  const segments: QrSegment[] = [];
  for (const node of path) {
    const last = segments.at(-1);
    if (last && last.mode === node.mode) last.data += node.data;
    else segments.push({ data: node.data, mode: node.mode });
  }
  return segments;
}
