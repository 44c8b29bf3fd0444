/**
 * The finder's map, loaded only after the visitor has agreed to fetch tiles (the finder
 * imports this module on "Karte laden"). Leaflet and its stylesheet come from npm and are
 * served by the site. Every marker is a link to the offer, so it can be reached with the
 * Tab key and opened with Enter; its number is the offer's place in the list.
 */
import L from 'leaflet';
// As a URL, not an import: Astro would link an imported stylesheet on the page up front.
import leafletCss from 'leaflet/dist/leaflet.css?url';
import type { MapItem, MapSettings } from './finder.ts';

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

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Offers at the same address get their markers fanned out so each stays clickable. */
function fanOut(position: number): [number, number] {
  if (position === 0) return [0, 0];
  const angle = position * 2.4;
  const radius = 26 + 8 * Math.floor(position / 6);
  return [Math.round(Math.cos(angle) * radius), Math.round(Math.sin(angle) * radius)];
}

export async function createMap(container: HTMLElement, settings: MapSettings, labelTemplate: string) {
  await loadStylesheet(leafletCss);
  const map = L.map(container, { center: settings.center, zoom: settings.zoom, scrollWheelZoom: false });
  // Attribution is plain text from site.yml; Leaflet would read it as HTML.
  L.tileLayer(settings.tiles, { attribution: escapeHtml(settings.attribution), maxZoom: 19 }).addTo(map);
  map.attributionControl.setPrefix('Leaflet');
  const layer = L.layerGroup().addTo(map);

  return {
    update(items: MapItem[]) {
      layer.clearLayers();
      container.setAttribute('aria-label', labelTemplate.replace('{count}', String(items.filter((i) => i.geo).length)));
      const atPlace = new Map<string, number>();
      const bounds: [number, number][] = [];
      items.forEach((item, i) => {
        if (!item.geo) return;
        const key = item.geo.join(',');
        const sameSpot = atPlace.get(key) ?? 0;
        atPlace.set(key, sameSpot + 1);
        const [dx, dy] = fanOut(sameSpot);
        const link = document.createElement('a');
        link.href = item.href;
        link.className = 'finder-marker__link';
        link.textContent = String(i + 1);
        link.setAttribute('aria-label', `${i + 1}. ${item.title}`);
        link.title = item.title;
        const icon = L.divIcon({ className: 'finder-marker', html: link, iconSize: [30, 30], iconAnchor: [15 - dx, 15 - dy] });
        L.marker(item.geo, { icon, keyboard: false, interactive: false, title: item.title, alt: item.title }).addTo(layer);
        bounds.push(item.geo);
      });
      if (bounds.length === 1) map.setView(bounds[0], Math.max(settings.zoom, 16));
      else if (bounds.length > 1) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 17 });
      else map.setView(settings.center, settings.zoom);
    },
  };
}
