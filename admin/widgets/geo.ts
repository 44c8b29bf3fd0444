/**
 * `geo`: a point on the map stored as `{ lat, lng }`, the form the schema reads (Decap's
 * own map widget stores a GeoJSON string). Two number fields always work; the map is
 * loaded only when the editor asks for it, because the tile server sees the visitor's IP
 * address (the same reason the public site loads its map only after consent).
 */
import { Component, createElement as h, createRef, type ReactNode } from 'react';
import type { CmsData } from '../config/cms-data.ts';

export interface LatLng {
  lat: number;
  lng: number;
}

type MapSettings = NonNullable<CmsData['map']>;

/** Reads what Decap hands the widget: an Immutable Map, a plain object, or an old GeoJSON string. */
export function toLatLng(value: unknown): Partial<LatLng> {
  if (!value) return {};
  if (typeof value === 'string') {
    try {
      const geometry = JSON.parse(value) as { type?: string; coordinates?: [number, number] };
      if (geometry.type === 'Point' && geometry.coordinates) return { lng: geometry.coordinates[0], lat: geometry.coordinates[1] };
    } catch {
      return {};
    }
    return {};
  }
  const plain = typeof (value as { toJS?: () => unknown }).toJS === 'function' ? (value as { toJS: () => unknown }).toJS() : value;
  const { lat, lng } = plain as Partial<Record<'lat' | 'lng', unknown>>;
  return { ...(typeof lat === 'number' ? { lat } : {}), ...(typeof lng === 'number' ? { lng } : {}) };
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

interface Props {
  value?: unknown;
  onChange: (value: unknown) => void;
  forID: string;
  classNameWrapper: string;
  setActiveStyle: () => void;
  setInactiveStyle: () => void;
}

interface State {
  mapShown: boolean;
  mapError?: string;
}

interface LeafletMap {
  remove(): void;
  setView(center: [number, number], zoom: number): void;
}

export function createGeoControl(settings: MapSettings | undefined) {
  return class GeoControl extends Component<Props, State> {
    override state: State = { mapShown: false };
    private mapElement = createRef<HTMLDivElement>();
    private map?: LeafletMap;
    private marker?: { setLatLng(p: [number, number]): { addTo(map: unknown): unknown }; addTo(map: unknown): unknown; remove(): void };

    override componentWillUnmount() {
      this.map?.remove();
    }

    override componentDidUpdate() {
      const point = toLatLng(this.props.value);
      if (!this.marker || !this.map) return;
      if (point.lat !== undefined && point.lng !== undefined) this.marker.setLatLng([point.lat, point.lng]).addTo(this.map);
      else this.marker.remove();
    }

    /** Decap asks every control whether its value is complete. */
    isValid = () => {
      const point = toLatLng(this.props.value);
      if ((point.lat === undefined) !== (point.lng === undefined)) {
        return { error: { type: 'CUSTOM', message: 'Bitte Breitengrad und Längengrad angeben (oder beide leer lassen).' } };
      }
      return true;
    };

    private set(next: Partial<LatLng>) {
      const point = { ...toLatLng(this.props.value), ...next };
      for (const key of ['lat', 'lng'] as const) if (point[key] === undefined || Number.isNaN(point[key])) delete point[key];
      this.props.onChange(Object.keys(point).length ? point : '');
    }

    private onNumber(key: 'lat' | 'lng', text: string) {
      const value = text.trim() === '' ? undefined : Number(text.replace(',', '.'));
      const next = { ...toLatLng(this.props.value) };
      if (value === undefined) delete next[key];
      else next[key] = value;
      this.props.onChange(Object.keys(next).length ? next : '');
    }

    private showMap = async () => {
      if (!settings) {
        this.setState({ mapError: 'Für die Karte fehlen die Einstellungen (Einstellungen → Karte).' });
        return;
      }
      this.setState({ mapShown: true });
      const [{ default: L }, css] = await Promise.all([import('leaflet'), import('leaflet/dist/leaflet.css?inline')]);
      if (!document.getElementById('qn-leaflet-css')) {
        const style = document.createElement('style');
        style.id = 'qn-leaflet-css';
        style.textContent = (css as { default: string }).default;
        document.head.append(style);
      }
      const element = this.mapElement.current;
      if (!element || this.map) return;
      const point = toLatLng(this.props.value);
      const hasPoint = point.lat !== undefined && point.lng !== undefined;
      const map = L.map(element, { attributionControl: true }).setView(hasPoint ? [point.lat!, point.lng!] : [settings.center.lat, settings.center.lng], hasPoint ? 17 : settings.zoom);
      L.tileLayer(settings.tiles_url, { attribution: settings.attribution, maxZoom: 19 }).addTo(map);
      // A circle marker needs no image files, which bundlers tend to lose.
      const marker = L.circleMarker(hasPoint ? [point.lat!, point.lng!] : [settings.center.lat, settings.center.lng], { radius: 9, color: '#0b5c4a', weight: 3, fillOpacity: 0.4 });
      if (hasPoint) marker.addTo(map);
      map.on('click', (event: { latlng: { lat: number; lng: number } }) => {
        marker.setLatLng([event.latlng.lat, event.latlng.lng]);
        marker.addTo(map);
        this.set({ lat: round(event.latlng.lat), lng: round(event.latlng.lng) });
      });
      this.map = map;
      this.marker = marker;
    };

    override render(): ReactNode {
      const { forID, classNameWrapper, setActiveStyle, setInactiveStyle } = this.props;
      const point = toLatLng(this.props.value);
      const number = (key: 'lat' | 'lng', label: string, id: string) =>
        h(
          'label',
          { className: 'qn-geo__field' },
          h('span', null, label),
          h('input', {
            id,
            type: 'number',
            step: 'any',
            inputMode: 'decimal',
            value: point[key] ?? '',
            onChange: (event: { target: { value: string } }) => this.onNumber(key, event.target.value),
            onFocus: setActiveStyle,
            onBlur: setInactiveStyle,
          }),
        );
      const tilesHost = settings ? new URL(settings.tiles_url.replace(/\{[a-z]\}/g, 'x')).host : '';
      return h(
        'div',
        { className: `${classNameWrapper} qn-geo` },
        h('div', { className: 'qn-geo__fields' }, number('lat', 'Breitengrad', forID), number('lng', 'Längengrad', `${forID}-lng`)),
        h(
          'div',
          { className: 'qn-geo__actions' },
          !this.state.mapShown && h('button', { type: 'button', className: 'qn-button', onClick: this.showMap }, 'Karte zeigen und Punkt setzen'),
          (point.lat !== undefined || point.lng !== undefined) && h('button', { type: 'button', className: 'qn-button qn-button--secondary', onClick: () => this.props.onChange('') }, 'Punkt entfernen'),
        ),
        !this.state.mapShown && tilesHost && h('p', { className: 'qn-geo__note' }, `Die Karte lädt Kartenbilder von ${tilesHost}. Klicken Sie dann auf die Stelle, an der das Angebot stattfindet.`),
        this.state.mapError && h('p', { className: 'qn-geo__note', role: 'alert' }, this.state.mapError),
        this.state.mapShown && h('div', { ref: this.mapElement, className: 'qn-geo__map', 'data-testid': 'geo-map', 'aria-label': 'Karte: klicken Sie auf den Ort' }),
      );
    }
  };
}

export function GeoPreview({ value }: { value?: unknown }) {
  const point = toLatLng(value);
  return h('span', null, point.lat !== undefined && point.lng !== undefined ? `${point.lat}, ${point.lng}` : '');
}
