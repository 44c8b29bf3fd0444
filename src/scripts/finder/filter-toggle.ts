/**
 * On phones the filters sit behind one button, "Filter (n aktiv)" (a <details>), so the
 * results follow the search field directly; on wide screens they stay open beside the
 * results. The button's text counts the active filters.
 */
import { fill } from './config.ts';

const WIDE = '(min-width: 60rem)';

export function createFilterToggle(details: HTMLDetailsElement, label: HTMLElement, template: string): { update(active: number): void } {
  const wide = window.matchMedia(WIDE);
  const layout = () => {
    details.open = wide.matches;
  };
  wide.addEventListener('change', layout);
  layout();
  return {
    update(active: number) {
      label.textContent = fill(template, { count: active });
    },
  };
}
