/**
 * The mail colours come from the site's own tokens (src/styles/global.css), so mail and
 * website can never drift apart: this reads the `--qn-*` custom properties and resolves
 * their `var()` references. Used only when the layout is compiled (npm run mail:layout),
 * never at run time.
 */
export interface MailTheme {
  text: string;
  muted: string;
  /** Behind the card: the mail's page. */
  page: string;
  /** The card the content sits on. */
  card: string;
  border: string;
  brand: string;
  /** Text on the brand colour (buttons). */
  onBrand: string;
  link: string;
  /**
   * Outlook for Windows takes the first family of a stack and falls back to Times New
   * Roman when it is not installed: the site's `system-ui` stack would show as Times there.
   */
  font: string;
}

export const MAIL_FONT = 'Arial, Helvetica, sans-serif';

export function cssTokens(css: string): Map<string, string> {
  const tokens = new Map<string, string>();
  for (const [, name, value] of css.matchAll(/(--qn-[a-z0-9-]+)\s*:\s*([^;]+);/g)) if (!tokens.has(name)) tokens.set(name, value.trim());
  return tokens;
}

function resolve(tokens: Map<string, string>, name: string, seen: string[] = []): string {
  const value = tokens.get(name);
  if (value === undefined) throw new Error(`src/styles/global.css defines no ${name} (needed by the mail layout)`);
  if (seen.includes(name)) throw new Error(`circular token ${[...seen, name].join(' → ')}`);
  const ref = /^var\((--qn-[a-z0-9-]+)\)$/.exec(value);
  return ref ? resolve(tokens, ref[1], [...seen, name]) : value;
}

export function themeFromCss(css: string): MailTheme {
  const tokens = cssTokens(css);
  const colour = (name: string) => {
    const value = resolve(tokens, name).toLowerCase();
    if (!/^#[0-9a-f]{6}$/.test(value)) throw new Error(`${name} is ${value}: mail clients need plain #rrggbb colours`);
    return value;
  };
  return {
    text: colour('--qn-color-text'),
    muted: colour('--qn-color-text-muted'),
    page: colour('--qn-color-surface'),
    card: colour('--qn-color-bg'),
    border: colour('--qn-color-border'),
    brand: colour('--qn-color-brand'),
    onBrand: colour('--qn-white'),
    link: colour('--qn-color-link'),
    font: MAIL_FONT,
  };
}
