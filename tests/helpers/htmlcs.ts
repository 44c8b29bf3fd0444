/**
 * HTML_CodeSniffer (Squiz) on a loaded page, WCAG 2 AA: a second opinion beside axe-core,
 * with its own rules (empty headings, headings with no text, form labelling). Injected
 * from node_modules into the page; errors only (warnings and notices ask a human).
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const HTMLCS_PATH = createRequire(import.meta.url).resolve('html_codesniffer/build/HTMLCS.js');
const ERROR = 1;

export async function htmlcsErrors(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'HTMLCS' in window))) await page.addScriptTag({ path: HTMLCS_PATH });
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
