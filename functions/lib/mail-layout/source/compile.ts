/**
 * Compiles the MJML layout once, ahead of time, into compiled.ts (npm run mail:layout):
 * MJML takes hundreds of milliseconds to load, which no function should pay at cold
 * start. tests/mail/layout.test.ts recompiles and fails when compiled.ts is stale.
 *
 * After MJML, a few things are taken out that the audited clients reject (doiuse-email,
 * tests/mail/layout.test.ts): every `<style>` and `<link>` outside Outlook's conditional
 * comments (GMX and Gmail's mobile web client drop `<style>`; the layout is fully inline,
 * one column, so the responsive rules are not needed), `dir` (GMX, WEB.DE) and
 * `word-break` (GMX, WEB.DE, Yahoo, Windows Mail; long words are broken in the text
 * itself, see blocks.ts).
 */
import { layoutMjml, MARKERS, marker } from './layout.ts';
import { themeFromCss, type MailTheme } from './theme.ts';

type Mjml2Html = (mjml: string, options?: Record<string, unknown>) => Promise<{ html: string; errors: { formattedMessage: string }[] }> | { html: string; errors: { formattedMessage: string }[] };

/** Removes what the clients reject, leaving Outlook's conditional comments untouched. */
export function cleanMjmlOutput(html: string): string {
  const parts = html.split(/(<!--[\s\S]*?-->)/);
  const cleaned = parts
    .map((part) =>
      part.startsWith('<!--')
        ? part
        : part
            .replace(/<style\b[\s\S]*?<\/style>/g, '')
            .replace(/<link\b[^>]*>/g, '')
            .replace(/ dir="auto"/g, '')
            .replace(/word-break:break-word;?/g, '')
            // The reset MJML keeps in a <style> block, inline where GMX keeps it.
            .replace(/<body\s+style="/, '<body style="margin:0;padding:0;'),
    )
    .join('');
  return cleaned
    .replace(/<!--\[if !mso\]><!-->\s*<!--<!\[endif\]-->/g, '')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{2,}/g, '\n');
}

export async function compileLayout(mjml2html: Mjml2Html, css: string): Promise<{ theme: MailTheme; shell: string }> {
  const theme = themeFromCss(css);
  const result = await mjml2html(layoutMjml(theme), { validationLevel: 'strict', keepComments: true });
  if (result.errors.length) throw new Error(`MJML: ${result.errors.map((e) => e.formattedMessage).join('\n')}`);
  const shell = cleanMjmlOutput(result.html);
  for (const name of MARKERS) {
    const count = shell.split(marker(name)).length - 1;
    if (count === 0) throw new Error(`compiled layout lost ${marker(name)}`);
  }
  return { theme, shell };
}

/** The text of compiled.ts. */
export function compiledModule(theme: MailTheme, shell: string): string {
  return `/**
 * Written by \`npm run mail:layout\` from ./source (MJML layout + the colours of
 * src/styles/global.css). Do not edit: change the source and run the script;
 * tests/mail/layout.test.ts fails while this file is stale.
 */
import type { MailTheme } from './source/theme.ts';

export const THEME: MailTheme = ${JSON.stringify(theme, null, 2)};

export const SHELL = ${JSON.stringify(shell)};
`;
}
