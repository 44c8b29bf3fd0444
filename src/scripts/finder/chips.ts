/**
 * The removable "chips" that show the search and each active filter. Removing one keeps
 * the focus in the list of chips, so removing several in a row needs no searching.
 */
export interface Chip {
  label: string;
  remove: () => void;
}

function chipItem(chip: Chip, removeLabel: string, fallbackFocus: () => HTMLElement): HTMLLIElement {
  const li = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.append(chip.label, ' ');
  const cross = document.createElement('span');
  cross.setAttribute('aria-hidden', 'true');
  cross.textContent = '×';
  const hidden = document.createElement('span');
  hidden.className = 'visually-hidden';
  hidden.textContent = removeLabel;
  button.append(cross, hidden);
  button.addEventListener('click', () => {
    const list = li.parentElement;
    const position = [...(list?.querySelectorAll('button') ?? [])].indexOf(button);
    chip.remove();
    const remaining = list?.isConnected ? [...list.querySelectorAll('button')] : [];
    (remaining[Math.min(position, remaining.length - 1)] ?? fallbackFocus()).focus();
  });
  li.append(button);
  return li;
}

/** Fills `target` with one button per chip; returns how many there are. */
export function renderChips(target: HTMLUListElement, chips: Chip[], removeLabel: string, fallbackFocus: () => HTMLElement): number {
  target.replaceChildren(...chips.map((chip) => chipItem(chip, removeLabel, fallbackFocus)));
  return chips.length;
}
