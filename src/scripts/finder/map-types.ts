/**
 * What the finder hands its map (src/scripts/map.ts). In their own module so the map and
 * the finder both depend on it instead of on each other.
 */
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
