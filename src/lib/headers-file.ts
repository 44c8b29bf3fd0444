/**
 * Netlify's `_headers` format: a path pattern on its own line, indented `Name: value`
 * lines below it. Used to write the file at build time and, in tests and the audit, to
 * serve dist/ with exactly the headers Netlify would send.
 *
 * Netlify applies EVERY rule whose pattern matches and joins repeated header names, so a
 * header must never come from two rules that can match the same path (two CSPs would both
 * be enforced). `headersFor` therefore reports such a collision instead of hiding it.
 */

export interface HeaderRule {
  path: string;
  headers: Record<string, string>;
}

export function renderHeadersFile(rules: HeaderRule[], comment?: string): string {
  const lines: string[] = [];
  if (comment) for (const line of comment.split('\n')) lines.push(`# ${line}`.trimEnd());
  for (const rule of rules) {
    lines.push(rule.path);
    for (const [name, value] of Object.entries(rule.headers)) lines.push(`  ${name}: ${value}`);
  }
  return `${lines.join('\n')}\n`;
}

export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  let current: HeaderRule | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    if (!/^\s/.test(raw)) {
      if (!line.startsWith('/')) throw new Error(`_headers line ${index + 1}: a path must start with "/": ${line}`);
      current = { path: line, headers: {} };
      rules.push(current);
      return;
    }
    const colon = line.indexOf(':');
    if (!current || colon < 1) throw new Error(`_headers line ${index + 1}: expected "Name: value": ${line}`);
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    current.headers[name] = current.headers[name] ? `${current.headers[name]}, ${value}` : value;
  });
  return rules;
}

/** Netlify's matching: `*` matches the rest of the path (including slashes), `:name` one segment. */
export function patternToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z_]\w*/g, '[^/]+'))
    .join('.*');
  return new RegExp(`^${escaped}$`);
}

/**
 * The headers Netlify sends for `path`, merged over all matching rules. Throws when the
 * same header comes from two rules, because Netlify would send both values.
 */
export function headersFor(rules: HeaderRule[], path: string): Record<string, string> {
  const result: Record<string, string> = {};
  const source: Record<string, string> = {};
  for (const rule of rules) {
    if (!patternToRegExp(rule.path).test(path)) continue;
    for (const [name, value] of Object.entries(rule.headers)) {
      const key = name.toLowerCase();
      if (key in result) {
        throw new Error(`_headers: "${name}" for ${path} comes from both ${source[key]} and ${rule.path}`);
      }
      result[key] = value;
      source[key] = rule.path;
    }
  }
  return result;
}
