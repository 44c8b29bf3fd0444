/**
 * The header's "Menü" and language buttons are <details> elements: they open and close
 * without JavaScript and by keyboard (Enter, Space). This script adds what a visitor
 * expects of a menu on top: `aria-expanded` on the button, Escape closes and returns focus,
 * opening one closes the other, a tap outside closes both. On wide screens (where the CSS
 * shows their content inline and hides the buttons) both stay open, so what is shown is
 * also what assistive technology reads.
 */
const WIDE = '(min-width: 60rem)';

export function initDisclosures(root: Document = document): void {
  const all = [...root.querySelectorAll<HTMLDetailsElement>('details[data-disclosure]')];
  if (all.length === 0) return;
  const wide = window.matchMedia(WIDE);

  const sync = (details: HTMLDetailsElement) => details.querySelector('summary')?.setAttribute('aria-expanded', String(details.open));
  const layout = () => {
    for (const details of all) {
      details.open = wide.matches;
      sync(details);
    }
  };

  for (const details of all) {
    details.addEventListener('toggle', () => {
      sync(details);
      if (details.open && !wide.matches) for (const other of all) if (other !== details) other.open = false;
    });
    details.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || !details.open || wide.matches) return;
      details.open = false;
      details.querySelector('summary')?.focus();
    });
  }
  root.addEventListener('click', (event) => {
    if (wide.matches) return;
    for (const details of all) if (details.open && !details.contains(event.target as Node)) details.open = false;
  });
  wide.addEventListener('change', layout);
  layout();
}
