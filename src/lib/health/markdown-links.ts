/**
 * Finds link targets in a Markdown body, with the line they are on: inline links and
 * images, reference definitions, <autolinks>, bare https:// addresses (GFM) and HTML
 * href/src. Code spans and fenced code are skipped: an address shown as an example is
 * not a link.
 */
export interface FoundLink {
  url: string;
  line: number;
}

const PATTERNS = [
  // [text](url "title") and ![alt](url); the url may be wrapped in <>.
  /!?\[[^\]]*\]\(\s*<?([^\s)>]+)>?(?:\s+["'(][^)]*["')])?\s*\)/g,
  // [id]: url
  /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+["'(].*)?$/g,
  /<(https?:\/\/[^>\s]+)>/g,
  /\b(?:href|src)\s*=\s*["']([^"']+)["']/gi,
];
const BARE_URL = /(?<![("<'=\]])\bhttps?:\/\/[^\s<>()\[\]"']+/g;

function stripCode(line: string): string {
  return line.replace(/`[^`]*`/g, (m) => ' '.repeat(m.length));
}

export function findLinks(markdown: string): FoundLink[] {
  const found: FoundLink[] = [];
  let fence: string | undefined;
  markdown.split(/\r?\n/).forEach((raw, index) => {
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(raw);
    if (fenceMatch) {
      if (!fence) fence = fenceMatch[1][0];
      else if (fenceMatch[1][0] === fence) fence = undefined;
      return;
    }
    if (fence) return;
    const line = stripCode(raw);
    const seen = new Set<string>();
    const spans: [number, number][] = [];
    for (const pattern of PATTERNS) {
      pattern.lastIndex = 0;
      for (const match of line.matchAll(pattern)) {
        const url = match[1].replace(/[.,;:!?]+$/, '');
        spans.push([match.index, match.index + match[0].length]);
        if (!seen.has(url)) found.push({ url, line: index + 1 });
        seen.add(url);
      }
    }
    for (const match of line.matchAll(BARE_URL)) {
      if (spans.some(([start, end]) => match.index >= start && match.index < end)) continue;
      const url = match[0].replace(/[.,;:!?]+$/, '');
      if (!seen.has(url)) found.push({ url, line: index + 1 });
      seen.add(url);
    }
  });
  return found;
}

/** Site-internal target as a path (`/angebote/x/`), or undefined for other sites, mail, phone, anchors. */
export function internalPath(url: string, siteOrigins: readonly string[] = []): string | undefined {
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  for (const origin of siteOrigins) {
    if (url === origin || url.startsWith(`${origin}/`)) return url.slice(origin.length) || '/';
  }
  return undefined;
}

export function isExternal(url: string, siteOrigins: readonly string[] = []): boolean {
  return /^https?:\/\//i.test(url) && internalPath(url, siteOrigins) === undefined;
}
