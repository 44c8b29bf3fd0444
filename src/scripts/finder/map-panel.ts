/**
 * The finder's map section: shown on "Karte anzeigen", tiles fetched only after the
 * visitor agreed ("Karte laden", remembered for the visit), Leaflet loaded on demand, and
 * the results without a place listed beneath it.
 */
import type { FinderStrings } from './config.ts';
import type { MapItem, MapSettings } from './map-types.ts';

const CONSENT_KEY = 'qn-map-consent';

export interface MapPanel {
  readonly open: boolean;
  setOpen(open: boolean): void;
  /** Call after the results changed. */
  refresh(): void;
}

interface Parts {
  toggle: HTMLButtonElement;
  section: HTMLElement;
  consent: HTMLElement;
  status: HTMLElement;
  canvas: HTMLElement;
  unplaced: HTMLElement;
  unplacedList: HTMLUListElement;
  load: HTMLButtonElement;
}

export function createMapPanel(parts: Parts, settings: MapSettings, strings: FinderStrings, items: () => MapItem[]): MapPanel {
  let open = false;
  let view: { update(items: MapItem[]): void } | undefined;
  let loading: Promise<void> | undefined;

  function renderUnplaced() {
    const unplaced = items().filter((item) => !item.geo);
    parts.unplaced.hidden = unplaced.length === 0;
    parts.unplacedList.replaceChildren(
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

  function load() {
    loading ??= (async () => {
      parts.consent.hidden = true;
      parts.status.textContent = strings.mapLoading;
      try {
        const { createMap } = await import('../map.ts');
        parts.canvas.hidden = false;
        view = await createMap(parts.canvas, settings, strings.mapLabel);
        view.update(items());
        parts.status.textContent = '';
      } catch {
        parts.status.textContent = strings.mapError;
        loading = undefined;
      }
    })();
    return loading;
  }

  const panel: MapPanel = {
    get open() {
      return open;
    },
    setOpen(next: boolean) {
      open = next;
      parts.section.hidden = !open;
      parts.toggle.setAttribute('aria-expanded', String(open));
      parts.toggle.textContent = open ? strings.hideMap : strings.showMap;
      if (!open) return;
      renderUnplaced();
      if (sessionStorage.getItem(CONSENT_KEY) === '1') void load();
      else parts.consent.hidden = false;
    },
    refresh() {
      if (!open) return;
      view?.update(items());
      renderUnplaced();
    },
  };
  parts.load.addEventListener('click', () => {
    sessionStorage.setItem(CONSENT_KEY, '1');
    void load();
  });
  return panel;
}
