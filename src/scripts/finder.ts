/**
 * The offer finder on /angebote/. The page already lists every offer (that is the
 * no-JavaScript version); this script searches the same search data the CLI uses and
 * reorders and thins out that list while the visitor types. The state lives in the URL
 * (`?q=deutsch&kategorie=sprache`), so links, reloads and the back button restore it.
 * Map and print code load only when asked for.
 */
import type { SearchData } from '../search/data.ts';
import { activeFilterKeys, stateFromParams, stateToParams, type FilterKey, type FinderState } from '../search/filters.ts';
import { createSearchIndex, type SearchIndex } from '../search/inverted-index.ts';
import { search } from '../search/query.ts';

interface Strings {
  countAll: string;
  countNone: string;
  countOne: string;
  countMany: string;
  loading: string;
  loadError: string;
  ignored: string;
  queryChip: string;
  remove: string;
  showMap: string;
  hideMap: string;
  mapLoading: string;
  mapError: string;
  mapLabel: string;
  mapOnline: string;
  mapNoPlace: string;
  printAll: string;
  printSelection: string;
}

export interface MapSettings {
  tiles: string;
  attribution: string;
  center: [number, number];
  zoom: number;
}

/** What the map shows of one result: read from the list, so map and list always agree. */
export interface MapItem {
  title: string;
  href: string;
  geo?: [number, number];
  online: boolean;
}

const CONSENT_KEY = 'qn-map-consent';
const ANNOUNCE_DELAY_MS = 600;

const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));

function must<T extends Element>(root: ParentNode, selector: string): T {
  const element = root.querySelector<T>(selector);
  if (!element) throw new Error(`finder: ${selector} fehlt`);
  return element;
}

function init(root: HTMLElement) {
  const strings = JSON.parse(root.dataset.strings ?? '{}') as Strings;
  const mapSettings = JSON.parse(root.dataset.map ?? '{}') as MapSettings;
  const form = must<HTMLFormElement>(root, 'form');
  const input = must<HTMLInputElement>(form, 'input[name="q"]');
  const list = must<HTMLOListElement>(document, '#offer-list');
  const count = must<HTMLElement>(root, '[data-count]');
  const announcer = must<HTMLElement>(root, '[data-announce]');
  const note = must<HTMLElement>(root, '[data-note]');
  const chipsWrap = must<HTMLElement>(root, '[data-chips-wrap]');
  const chips = must<HTMLUListElement>(root, '[data-chips]');
  const empty = must<HTMLElement>(root, '[data-empty]');
  const emptyFilters = must<HTMLElement>(root, '[data-empty-filters]');
  const emptyChips = must<HTMLUListElement>(root, '[data-empty-chips]');
  const mapToggle = must<HTMLButtonElement>(root, '[data-map-toggle]');
  const mapSection = must<HTMLElement>(root, '#finder-map');
  const mapConsent = must<HTMLElement>(root, '[data-map-consent]');
  const mapStatus = must<HTMLElement>(root, '[data-map-status]');
  const mapCanvas = must<HTMLElement>(root, '[data-map-canvas]');
  const mapUnplaced = must<HTMLElement>(root, '[data-map-unplaced]');
  const mapUnplacedList = must<HTMLUListElement>(root, '[data-map-unplaced-list]');
  const printSelection = document.querySelector<HTMLElement>('[data-print-selection]');

  const items = new Map<string, HTMLLIElement>();
  const allItems = [...list.children] as HTMLLIElement[];
  for (const li of allItems) items.set(li.dataset.offer ?? '', li);

  let index: SearchIndex | undefined;
  let loading: Promise<SearchIndex | undefined> | undefined;
  let failed = false;
  let state: FinderState = { q: '', filters: {} };
  let lastChange: 'typing' | 'other' = 'other';
  let announceTimer: ReturnType<typeof setTimeout> | undefined;
  let mapOpen = false;
  let mapView: { update(items: MapItem[]): void } | undefined;
  let mapLoading: Promise<void> | undefined;

  root.hidden = false;
  document.querySelector<HTMLElement>('[data-browse]')?.setAttribute('hidden', '');

  const ensureIndex = () =>
    (loading ??= fetch(root.dataset.searchUrl ?? '/angebote/suche.json')
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json() as Promise<SearchData>;
      })
      .then((data) => {
        failed = false;
        return (index = createSearchIndex(data));
      })
      .catch(() => {
        // Next use tries again; until then the page stays the plain list of every offer.
        failed = true;
        loading = undefined;
        render();
        return undefined;
      }));

  const isEmptyState = (s: FinderState) => !s.q.trim() && activeFilterKeys(s.filters).length === 0;

  function readControls(): FinderState {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (typeof value === 'string' && value !== '') params.set(key, value);
    return stateFromParams(params);
  }

  function writeControls(next: FinderState) {
    const params = stateToParams(next);
    input.value = next.q;
    for (const element of form.elements) {
      if (element instanceof HTMLSelectElement) element.value = params.get(element.name) ?? '';
      else if (element instanceof HTMLInputElement && element.type === 'checkbox') element.checked = params.has(element.name);
    }
  }

  function url(next: FinderState): string {
    const params = stateToParams(next);
    if (mapOpen) params.set('karte', '1');
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

  /** The label a control shows, for the "remove" buttons: "Thema: Sprache", "Kostenlos". */
  function filterLabel(key: FilterKey): string {
    const control = form.elements.namedItem(key);
    if (control instanceof HTMLSelectElement) {
      const name = control.closest('label')?.querySelector('span')?.textContent?.trim() ?? key;
      return `${name}: ${control.selectedOptions[0]?.textContent?.trim() ?? ''}`;
    }
    if (control instanceof HTMLInputElement) return control.closest('label')?.textContent?.trim() ?? key;
    return key;
  }

  function chipButton(label: string, onRemove: () => void): HTMLLIElement {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.append(label, ' ');
    const cross = document.createElement('span');
    cross.setAttribute('aria-hidden', 'true');
    cross.textContent = '×';
    const hidden = document.createElement('span');
    hidden.className = 'visually-hidden';
    hidden.textContent = strings.remove;
    button.append(cross, hidden);
    button.addEventListener('click', () => {
      const siblings = [...(li.parentElement?.querySelectorAll('button') ?? [])];
      const position = siblings.indexOf(button);
      onRemove();
      // Focus stays in the list of choices, so removing several in a row needs no searching.
      const remaining = [...(li.parentElement?.isConnected ? li.parentElement.querySelectorAll('button') : chips.querySelectorAll('button'))];
      (remaining[Math.min(position, remaining.length - 1)] ?? input).focus();
    });
    li.append(button);
    return li;
  }

  function renderChips(target: HTMLUListElement, includeQuery: boolean) {
    const entries: HTMLLIElement[] = [];
    if (includeQuery && state.q) {
      entries.push(
        chipButton(fill(strings.queryChip, { q: state.q }), () => {
          state = { ...state, q: '' };
          apply('other');
        }),
      );
    }
    for (const key of activeFilterKeys(state.filters)) {
      entries.push(
        chipButton(filterLabel(key), () => {
          const filters = { ...state.filters };
          delete filters[key];
          state = { ...state, filters };
          apply('other');
        }),
      );
    }
    target.replaceChildren(...entries);
    return entries.length;
  }

  function announce(text: string) {
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => {
      announcer.textContent = text;
    }, ANNOUNCE_DELAY_MS);
  }

  function countText(total: number, all: boolean): string {
    if (all) return fill(strings.countAll, { count: total });
    if (total === 0) return strings.countNone;
    if (total === 1) return strings.countOne;
    return fill(strings.countMany, { count: total });
  }

  function selectionText(): string {
    const parts = [state.q ? `„${state.q}“` : '', ...activeFilterKeys(state.filters).map(filterLabel)].filter(Boolean);
    return parts.length ? fill(strings.printSelection, { selection: parts.join(', ') }) : strings.printAll;
  }

  function render() {
    const all = isEmptyState(state) || (!index && failed);
    let shown: HTMLLIElement[];
    let ignored: string[] = [];
    if (all) shown = allItems;
    else if (!index) {
      count.textContent = strings.loading;
      void ensureIndex().then((loaded) => loaded && render());
      return;
    } else {
      const result = search(index, state.q, state.filters, { now: new Date() });
      shown = result.hits.map((hit) => items.get(hit.id)).filter((li): li is HTMLLIElement => li !== undefined);
      ignored = result.ignored;
    }
    list.replaceChildren(...shown);
    const text = countText(shown.length, all);
    count.textContent = text;
    announce(text);
    const showNote = (ignored.length > 0 && shown.length > 0) || (failed && !isEmptyState(state));
    note.hidden = !showNote;
    if (showNote) note.textContent = failed ? strings.loadError : fill(strings.ignored, { words: ignored.join('“, „') });

    const none = shown.length === 0;
    empty.hidden = !none;
    list.hidden = none;
    // With no result the choices move into the message, right below the suggestion to drop one.
    chipsWrap.hidden = none || renderChips(chips, true) === 0;
    if (none) {
      chips.replaceChildren();
      emptyChips.hidden = renderChips(emptyChips, true) === 0;
      emptyFilters.hidden = activeFilterKeys(state.filters).length === 0;
    } else emptyChips.replaceChildren();
    if (printSelection) printSelection.textContent = selectionText();
    if (mapView && mapOpen) mapView.update(mapItems());
    if (mapOpen) renderUnplaced();
  }

  function apply(change: 'typing' | 'other') {
    writeControls(state);
    remember(change);
    render();
  }

  function fromLocation() {
    const params = new URLSearchParams(location.search);
    writeControls(stateFromParams(params));
    // Values the page does not offer (an old link to a removed category) drop out here.
    state = readControls();
    setMapOpen(params.get('karte') === '1', false);
    lastChange = 'other';
    const canonical = url(state);
    if (canonical !== `${location.pathname}${location.search}`) history.replaceState(null, '', canonical);
    render();
  }

  // --- map ---------------------------------------------------------------------------

  function mapItems(): MapItem[] {
    return ([...list.children] as HTMLLIElement[]).map((li) => {
      const link = li.querySelector<HTMLAnchorElement>('h3 a');
      const geo = li.dataset.geo?.split(',').map(Number) as [number, number] | undefined;
      return { title: link?.textContent?.trim() ?? '', href: link?.getAttribute('href') ?? '#', geo: geo && geo.every(Number.isFinite) ? geo : undefined, online: li.dataset.online !== undefined };
    });
  }

  function renderUnplaced() {
    const unplaced = list.hidden ? [] : mapItems().filter((item) => !item.geo);
    mapUnplaced.hidden = unplaced.length === 0;
    mapUnplacedList.replaceChildren(
      ...unplaced.map((item) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = item.href;
        a.textContent = item.title;
        li.append(a, ` (${item.online ? strings.mapOnline : strings.mapNoPlace})`);
        return li;
      }),
    );
  }

  function loadMap() {
    mapLoading ??= (async () => {
      mapConsent.hidden = true;
      mapStatus.textContent = strings.mapLoading;
      try {
        const { createMap } = await import('./map.ts');
        mapCanvas.hidden = false;
        mapView = await createMap(mapCanvas, mapSettings, strings.mapLabel);
        mapView.update(list.hidden ? [] : mapItems());
        mapStatus.textContent = '';
      } catch {
        mapStatus.textContent = strings.mapError;
        mapLoading = undefined;
      }
    })();
    return mapLoading;
  }

  function setMapOpen(open: boolean, updateUrl = true) {
    mapOpen = open;
    mapSection.hidden = !open;
    mapToggle.setAttribute('aria-expanded', String(open));
    mapToggle.textContent = open ? strings.hideMap : strings.showMap;
    if (updateUrl) history.replaceState(null, '', url(state));
    if (!open) return;
    renderUnplaced();
    if (sessionStorage.getItem(CONSENT_KEY) === '1') void loadMap();
    else mapConsent.hidden = false;
  }

  // --- events ------------------------------------------------------------------------

  input.addEventListener('focus', () => void ensureIndex(), { once: true });
  form.addEventListener('pointerdown', () => void ensureIndex(), { once: true });
  input.addEventListener('input', () => {
    failed = false; // each new input tries loading the search again
    state = { ...state, q: input.value };
    remember('typing');
    render();
  });
  form.addEventListener('change', (event) => {
    if (event.target === input) return;
    failed = false;
    state = readControls();
    remember('other');
    render();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    state = readControls();
    remember('other');
    render();
  });
  must<HTMLButtonElement>(root, '[data-reset]').addEventListener('click', () => {
    state = { q: '', filters: {} };
    apply('other');
    input.focus();
  });
  window.addEventListener('popstate', fromLocation);

  mapToggle.addEventListener('click', () => setMapOpen(!mapOpen));
  must<HTMLButtonElement>(root, '[data-map-load]').addEventListener('click', () => {
    sessionStorage.setItem(CONSENT_KEY, '1');
    void loadMap();
  });

  let printModule: typeof import('./print.ts') | undefined;
  must<HTMLButtonElement>(root, '[data-print]').addEventListener('click', async () => {
    try {
      printModule ??= await import('./print.ts');
      printModule.drawQrCodes([...list.children] as HTMLElement[]);
    } finally {
      window.print();
    }
  });
  // Ctrl+P without the button: the list prints too; QR codes only once the module is here.
  window.addEventListener('beforeprint', () => {
    if (printSelection) printSelection.textContent = selectionText();
    printModule?.drawQrCodes([...list.children] as HTMLElement[]);
  });

  fromLocation();
}

const root = document.querySelector<HTMLElement>('#finder');
if (root) init(root);
