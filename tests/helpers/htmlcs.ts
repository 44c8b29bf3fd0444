/**
 * HTML_CodeSniffer (Squiz) on a loaded page, WCAG 2 AA: a second opinion beside axe-core,
 * with its own rules (empty headings, headings with no text, form labelling). Injected
 * from node_modules into the page; errors only (warnings and notices ask a human).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const HTMLCS_SOURCE = readFileSync(createRequire(import.meta.url).resolve('html_codesniffer/build/HTMLCS.js'), 'utf8');
const ERROR = 1;

export async function htmlcsErrors(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, like axe: a <script> tag would meet the page's
  // CSP (the functions' answer pages allow no script at all).
  if (!(await page.evaluate(() => 'HTMLCS' in window))) await page.evaluate(HTMLCS_SOURCE);
  return page.evaluate(
    (errorType) =>
      new Promise<string[]>((resolve, reject) => {
        const sniffer = (window as unknown as { HTMLCS: { process(standard: string, content: Document, done: () => void, failed: () => void, lang: string): void; getMessages(): { type: number; code: string; msg: string; element: Element }[] } }).HTMLCS;
        sniffer.process(
          'WCAG2AA',
          document,
          () =>
            resolve(
              sniffer
                .getMessages()
                .filter((m) => m.type === errorType)
                .map((m) => `${m.code}: ${m.msg} [${m.element?.outerHTML?.slice(0, 120) ?? ''}]`),
            ),
          () => reject(new Error('HTML_CodeSniffer failed')),
          'en',
        );
      }),
    ERROR,
  );
}
