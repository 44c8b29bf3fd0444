/**
 * The finder's map, loaded only after the visitor has agreed to fetch tiles (the finder
 * imports this module on "Karte laden"). Leaflet and its stylesheet come from npm and are
 * served by the site. Every marker is a link to the offer, so it can be reached with the
 * Tab key and opened with Enter; its number is the offer's place in the list.
 */
import L from 'leaflet';
// As a URL, not an import: Astro would link an imported stylesheet on the page up front.
import leafletCss from 'leaflet/dist/leaflet.css?url';
import type { MapItem, MapSettings } from './finder/map-types.ts';
import { escapeHtml } from '../lib/escape-html.ts';

function loadStylesheet(href: string): Promise<void> {
  if (document.querySelector(`link[href="${href}"]`)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.onload = () => resolve();
    link.onerror = () => reject(new Error(`stylesheet ${href} failed`));
    document.head.append(link);
  });
}


const MARKER_SIZE = 30;
/** Centre distance at which two markers neither overlap nor crowd (WCAG 2.5.8 target spacing). */
const MARKER_SPACING = MARKER_SIZE + 4;

/** Candidate offsets around a spot: the spot itself, then a widening spiral. */
function spiral(step: number): [number, number] {
  if (step === 0) return [0, 0];
  const angle = step * 2.39996;
  const radius = MARKER_SPACING * Math.sqrt(step);
  return [Math.cos(angle) * radius, Math.sin(angle) * radius];
}

export async function createMap(container: HTMLElement, settings: MapSettings, labelTemplate: string) {
  await loadStylesheet(leafletCss);
  const map = L.map(container, { center: settings.center, zoom: settings.zoom, scrollWheelZoom: false });
  // Attribution is plain text from site.yml; Leaflet would read it as HTML.
  L.tileLayer(settings.tiles, { attribution: escapeHtml(settings.attribution), maxZoom: 19 }).addTo(map);
  map.attributionControl.setPrefix('Leaflet');
  const layer = L.layerGroup().addTo(map);
  let markers: L.Marker[] = [];

  /**
   * Offers at the same or a nearby address would hide each other's markers. Each marker
   * is nudged (on screen only) to the nearest free spot, again after every zoom.
   */
  function spreadOut() {
    const placed: L.Point[] = [];
    for (const marker of markers) {
      const element = marker.getElement();
      if (!element) continue;
      const spot = map.latLngToLayerPoint(marker.getLatLng());
      let step = 0;
      let position = spot;
      while (placed.some((other) => other.distanceTo(position) < MARKER_SPACING) && step < 200) {
        step++;
        const [dx, dy] = spiral(step);
        position = spot.add([dx, dy]);
      }
      placed.push(position);
      element.style.marginLeft = `${Math.round(position.x - spot.x - MARKER_SIZE / 2)}px`;
      element.style.marginTop = `${Math.round(position.y - spot.y - MARKER_SIZE / 2)}px`;
    }
  }
  map.on('zoomend', spreadOut);

  return {
    update(items: MapItem[]) {
      layer.clearLayers();
      markers = [];
      container.setAttribute('aria-label', labelTemplate.replace('{count}', String(items.filter((i) => i.geo).length)));
      const bounds: [number, number][] = [];
      items.forEach((item, i) => {
        if (!item.geo) return;
        const link = document.createElement('a');
        link.href = item.href;
        link.className = 'finder-marker__link';
        link.textContent = String(i + 1);
        link.setAttribute('aria-label', `${i + 1}. ${item.title}`);
        link.title = item.title;
        const icon = L.divIcon({ className: 'finder-marker', html: link, iconSize: [MARKER_SIZE, MARKER_SIZE] });
        markers.push(L.marker(item.geo, { icon, keyboard: false, interactive: false }).addTo(layer));
        bounds.push(item.geo);
      });
      if (bounds.length === 1) map.setView(bounds[0], Math.max(settings.zoom, 16), { animate: false });
      else if (bounds.length > 1) map.fitBounds(bounds, { padding: [40, 40], maxZoom: 17, animate: false });
      else map.setView(settings.center, settings.zoom, { animate: false });
      spreadOut();
    },
  };
}
