/**
 * The offer finder on /angebote/. The page already lists every offer (that is the
 * no-JavaScript version); this script searches the same search data the CLI uses and
 * reorders and thins out that list while the visitor types. The state lives in the URL
 * (`?q=deutsch&kategorie=sprache`), so links, reloads and the back button restore it.
 * Map and print code load only when asked for.
 *
 * The parts live in src/scripts/finder/: the checked page data (config), the search data
 * loader, the chips, the map panel, the filter button and the offline note; this file
 * finds the page's elements and wires them together.
 */
import { activeFilterKeys, stateFromParams, stateToParams, type FilterKey, type FinderState } from '../search/filters.ts';
import { search } from '../search/query.ts';
import { fill, readFinderConfig, type FinderConfig } from './finder/config.ts';
import { renderChips, type Chip } from './finder/chips.ts';
import { createMapPanel, type MapPanel } from './finder/map-panel.ts';
import { createSearchLoader } from './finder/search-loader.ts';
import { createFilterToggle } from './finder/filter-toggle.ts';
import { watchConnection } from './finder/connection.ts';
import type { MapItem } from './finder/map-types.ts';

const ANNOUNCE_DELAY_MS = 600;

function must<T extends Element>(root: ParentNode, selector: string): T {
  const element = root.querySelector<T>(selector);
  if (!element) throw new Error(`finder: ${selector} fehlt`);
  return element;
}

/** Every element the finder works with, found once. */
function findParts(root: HTMLElement) {
  const form = must<HTMLFormElement>(root, 'form');
  // Map, print and share follow the results, outside #finder.
  const after = must<HTMLElement>(document, '[data-finder-after]');
  return {
    form,
    input: must<HTMLInputElement>(form, 'input[name="q"]'),
    list: must<HTMLOListElement>(document, '#offer-list'),
    count: must<HTMLElement>(root, '[data-count]'),
    announcer: must<HTMLElement>(root, '[data-announce]'),
    note: must<HTMLElement>(root, '[data-note]'),
    offline: must<HTMLElement>(root, '[data-offline]'),
    chipsWrap: must<HTMLElement>(root, '[data-chips-wrap]'),
    chips: must<HTMLUListElement>(root, '[data-chips]'),
    reset: must<HTMLButtonElement>(root, '[data-reset]'),
    empty: must<HTMLElement>(root, '[data-empty]'),
    emptyFilters: must<HTMLElement>(root, '[data-empty-filters]'),
    emptyChips: must<HTMLUListElement>(root, '[data-empty-chips]'),
    filters: must<HTMLDetailsElement>(root, '[data-filters]'),
    filterLabel: must<HTMLElement>(root, '[data-filter-label]'),
    after,
    print: must<HTMLButtonElement>(after, '[data-print]'),
    printSelection: document.querySelector<HTMLElement>('[data-print-selection]'),
    map: {
      toggle: must<HTMLButtonElement>(after, '[data-map-toggle]'),
      section: must<HTMLElement>(after, '#finder-map'),
      consent: must<HTMLElement>(after, '[data-map-consent]'),
      status: must<HTMLElement>(after, '[data-map-status]'),
      canvas: must<HTMLElement>(after, '[data-map-canvas]'),
      unplaced: must<HTMLElement>(after, '[data-map-unplaced]'),
      unplacedList: must<HTMLUListElement>(after, '[data-map-unplaced-list]'),
      load: must<HTMLButtonElement>(after, '[data-map-load]'),
    },
  };
}

type Parts = ReturnType<typeof findParts>;

/** The form's controls as finder state, and back. */
function formState(parts: Parts) {
  return {
    read(): FinderState {
      const params = new URLSearchParams();
      for (const [key, value] of new FormData(parts.form)) if (typeof value === 'string' && value !== '') params.set(key, value);
      return stateFromParams(params);
    },
    write(next: FinderState) {
      const params = stateToParams(next);
      parts.input.value = next.q;
      for (const element of parts.form.elements) {
        if (element instanceof HTMLSelectElement) element.value = params.get(element.name) ?? '';
        else if (element instanceof HTMLInputElement && element.type === 'checkbox') element.checked = params.has(element.name);
      }
    },
    /** The label a control shows, for the chips: "Thema: Sprache", "Kostenlos". */
    label(key: FilterKey): string {
      const control = parts.form.elements.namedItem(key);
      if (control instanceof HTMLSelectElement) {
        const name = control.closest('label')?.querySelector('span')?.textContent?.trim() ?? key;
        return `${name}: ${control.selectedOptions[0]?.textContent?.trim() ?? ''}`;
      }
      if (control instanceof HTMLInputElement) return control.closest('label')?.textContent?.trim() ?? key;
      return key;
    },
  };
}

/** What the map shows: the results in list order, read from the list itself. */
function mapItems(list: HTMLOListElement): MapItem[] {
  if (list.hidden) return [];
  return ([...list.children] as HTMLLIElement[]).map((li) => {
    const link = li.querySelector<HTMLAnchorElement>('h3 a');
    const geo = li.dataset.geo?.split(',').map(Number) as [number, number] | undefined;
    return { title: link?.textContent?.trim() ?? '', href: link?.getAttribute('href') ?? '#', geo: geo && geo.every(Number.isFinite) ? geo : undefined, online: li.dataset.online !== undefined };
  });
}

function countText(strings: FinderConfig['strings'], total: number, all: boolean): string {
  if (all) return fill(strings.countAll, { count: total });
  if (total === 0) return strings.countNone;
  if (total === 1) return strings.countOne;
  return fill(strings.countMany, { count: total });
}

function init(root: HTMLElement, config: FinderConfig) {
  const { strings } = config;
  const parts = findParts(root);
  const controls = formState(parts);
  const allItems = [...parts.list.children] as HTMLLIElement[];
  const items = new Map(allItems.map((li) => [li.dataset.offer ?? '', li]));
  const loader = createSearchLoader(config.searchUrl, () => render());
  const filterToggle = createFilterToggle(parts.filters, parts.filterLabel, strings.filterToggle);
  const map: MapPanel = createMapPanel(parts.map, config.map, strings, () => mapItems(parts.list));
  let state: FinderState = { q: '', filters: {} };
  let lastChange: 'typing' | 'other' = 'other';
  let announceTimer: ReturnType<typeof setTimeout> | undefined;

  root.hidden = false;
  parts.after.hidden = false;
  document.querySelector<HTMLElement>('[data-browse]')?.setAttribute('hidden', '');
  watchConnection(parts.offline, strings.offline);

  const isEmptyState = (s: FinderState) => !s.q.trim() && activeFilterKeys(s.filters).length === 0;

  function url(next: FinderState): string {
    const params = stateToParams(next);
    if (map.open) params.set('karte', '1');
    const query = params.toString();
    return `${location.pathname}${query ? `?${query}` : ''}`;
  }

  function remember(change: 'typing' | 'other') {
    const target = url(state);
    if (target === `${location.pathname}${location.search}`) return;
    // One history entry per typed word, not per key; every filter change gets its own.
    if (change === 'typing' && lastChange === 'typing') history.replaceState(null, '', target);
    else history.pushState(null, '', target);
    lastChange = change;
  }

  function chipsFor(includeQuery: boolean): Chip[] {
    const chips: Chip[] = [];
    if (includeQuery && state.q) chips.push({ label: fill(strings.queryChip, { q: state.q }), remove: () => change({ ...state, q: '' }) });
    for (const key of activeFilterKeys(state.filters)) {
      chips.push({
        label: controls.label(key),
        remove: () => {
          const filters = { ...state.filters };
          delete filters[key];
          change({ ...state, filters });
        },
      });
    }
    return chips;
  }

  function announce(text: string) {
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => {
      parts.announcer.textContent = text;
    }, ANNOUNCE_DELAY_MS);
  }

  function selectionText(): string {
    const chosen = [state.q ? `„${state.q}“` : '', ...activeFilterKeys(state.filters).map(controls.label)].filter(Boolean);
    return chosen.length ? fill(strings.printSelection, { selection: chosen.join(', ') }) : strings.printAll;
  }

  /** The offers to show for the current state, or undefined while the search data loads. */
  function results(): { shown: HTMLLIElement[]; ignored: string[]; all: boolean } | undefined {
    const all = isEmptyState(state) || (!loader.index && loader.failed);
    if (all) return { shown: allItems, ignored: [], all };
    if (!loader.index) return undefined;
    const result = search(loader.index, state.q, state.filters, { now: new Date() });
    return { shown: result.hits.map((hit) => items.get(hit.id)).filter((li): li is HTMLLIElement => li !== undefined), ignored: result.ignored, all };
  }

  function renderMessages(shown: number, ignored: string[]) {
    const showNote = (ignored.length > 0 && shown > 0) || (loader.failed && !isEmptyState(state));
    parts.note.hidden = !showNote;
    if (showNote) parts.note.textContent = loader.failed ? strings.loadError : fill(strings.ignored, { words: ignored.join('“, „') });
    const none = shown === 0;
    parts.empty.hidden = !none;
    parts.list.hidden = none;
    // With no result the choices move into the message, right below the suggestion to drop one.
    const focusInput = () => parts.input;
    parts.chipsWrap.hidden = none || renderChips(parts.chips, chipsFor(true), strings.remove, focusInput) === 0;
    if (none) {
      parts.chips.replaceChildren();
      parts.emptyChips.hidden = renderChips(parts.emptyChips, chipsFor(true), strings.remove, focusInput) === 0;
      parts.emptyFilters.hidden = activeFilterKeys(state.filters).length === 0;
    } else parts.emptyChips.replaceChildren();
  }

  function render() {
    filterToggle.update(activeFilterKeys(state.filters).length);
    parts.form.toggleAttribute('data-has-query', state.q.trim() !== '');
    const found = results();
    if (!found) {
      parts.count.textContent = strings.loading;
      void loader.load().then((index) => index && render());
      return;
    }
    // On load with nothing chosen the list already is all offers in order: no relayout for that.
    const unchanged = found.shown.length === parts.list.children.length && found.shown.every((li, i) => parts.list.children[i] === li);
    if (!unchanged) parts.list.replaceChildren(...found.shown);
    const text = countText(strings, found.shown.length, found.all);
    parts.count.textContent = text;
    announce(text);
    renderMessages(found.shown.length, found.ignored);
    if (parts.printSelection) parts.printSelection.textContent = selectionText();
    map.refresh();
  }

  function change(next: FinderState, how: 'typing' | 'other' = 'other') {
    state = next;
    if (how === 'other') controls.write(state);
    remember(how);
    render();
  }

  function fromLocation() {
    const params = new URLSearchParams(location.search);
    controls.write(stateFromParams(params));
    // Values the page does not offer (an old link to a removed category) drop out here.
    state = controls.read();
    map.setOpen(params.get('karte') === '1');
    lastChange = 'other';
    const canonical = url(state);
    if (canonical !== `${location.pathname}${location.search}`) history.replaceState(null, '', canonical);
    render();
  }

  listen(parts, {
    firstUse: () => void loader.load(),
    typed: () => {
      loader.retry();
      change({ ...state, q: parts.input.value }, 'typing');
    },
    changed: () => {
      loader.retry();
      state = controls.read();
      remember('other');
      render();
    },
    reset: () => change({ q: '', filters: {} }),
    toggleMap: () => {
      map.setOpen(!map.open);
      history.replaceState(null, '', url(state));
    },
    selectionText,
  });
  window.addEventListener('popstate', fromLocation);
  fromLocation();
}

interface Handlers {
  firstUse(): void;
  typed(): void;
  changed(): void;
  reset(): void;
  toggleMap(): void;
  selectionText(): string;
}

/** The page's events, each handed to the finder as one intention. */
function listen(parts: Parts, on: Handlers) {
  parts.input.addEventListener('focus', on.firstUse, { once: true });
  parts.form.addEventListener('pointerdown', on.firstUse, { once: true });
  parts.input.addEventListener('input', on.typed);
  parts.form.addEventListener('change', (event) => {
    if (event.target !== parts.input) on.changed();
  });
  parts.form.addEventListener('submit', (event) => {
    event.preventDefault();
    on.changed();
  });
  parts.reset.addEventListener('click', () => {
    on.reset();
    parts.input.focus();
  });
  parts.map.toggle.addEventListener('click', on.toggleMap);

  let printModule: typeof import('./print.ts') | undefined;
  const results = () => [...parts.list.children] as HTMLElement[];
  parts.print.addEventListener('click', async () => {
    try {
      printModule ??= await import('./print.ts');
      printModule.drawQrCodes(results());
    } finally {
      window.print();
    }
  });
  // Ctrl+P without the button: the list prints too; QR codes only once the module is here.
  window.addEventListener('beforeprint', () => {
    if (parts.printSelection) parts.printSelection.textContent = on.selectionText();
    printModule?.drawQrCodes(results());
  });
}

const root = document.querySelector<HTMLElement>('#finder');
if (root) {
  try {
    init(root, readFinderConfig(root));
  } catch (error) {
    // The page stays the plain list of every offer; the console names what did not fit.
    console.error(error);
  }
}
