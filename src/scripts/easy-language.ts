/**
 * The Leichte-Sprache toggle: the visitor's choice holds for the visit (sessionStorage),
 * and a class on <html> lets the CSS put the easy summaries first. Without JavaScript the
 * easy summaries are shown anyway, in their own labelled box.
 */
const KEY = 'qn-easy-language';
const CLASS = 'easy-first';

function stored(): boolean {
  try {
    return sessionStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

function store(on: boolean): void {
  try {
    if (on) sessionStorage.setItem(KEY, '1');
    else sessionStorage.removeItem(KEY);
  } catch {
    // Private mode without storage: the choice holds for this page only.
  }
}

export function initEasyToggle(root: Document = document): void {
  const button = root.querySelector<HTMLButtonElement>('[data-easy-toggle]');
  const apply = (on: boolean) => {
    root.documentElement.classList.toggle(CLASS, on);
    button?.setAttribute('aria-pressed', String(on));
  };
  apply(stored());
  if (!button) return;
  button.hidden = false;
  button.addEventListener('click', () => {
    const on = button.getAttribute('aria-pressed') !== 'true';
    store(on);
    apply(on);
  });
}
