/**
 * axe-core on a loaded page: WCAG 2.1 A and AA (BITV 2.0 / EN 301 549), one line per
 * failing element. Every browser test that asks axe goes through here.
 *
 * On a page without frames axe runs the classic way (`axe.run` in the page). The builder's
 * default exists for cross-origin iframes: `runPartial` in every frame, then `finishRun`
 * in a new blank page with axe injected a second time. The site has no iframes, and that
 * blank page doubled the CPU time of every check (six pages twice, December 2026: 27 s
 * against 16 s of CPU), so it is used only when a page does hold a frame.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export async function axeViolations(page: Page): Promise<string[]> {
  const framed = page.frames().length > 1;
  const result = await new AxeBuilder({ page }).withTags(WCAG_21_AA).setLegacyMode(!framed).analyze();
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1]?.trim() ?? v.help}`),
  );
}
