/**
 * What /admin/ loads: the CMS entry script and its stylesheets. In a build they come from
 * the cached bundle (src/integrations/admin-bundle.ts), which the integration hands over
 * through `globalThis`: Astro bundles the page separately from the integration, so a
 * module variable would not be shared. Under `astro dev`, Vite serves admin/cms.ts
 * itself, stylesheets included, and reloads it on change.
 */
import type { AdminBundle } from './admin-bundle-cache.ts';

export interface AdminAssets {
  script: string;
  styles: string[];
}

const SLOT = Symbol.for('quartiersnetz.adminBundle');
type Slot = { [SLOT]?: Promise<AdminBundle> };

/** Called by the integration when a build starts the bundle (or takes it from the cache). */
export function provideAdminBundle(bundle: Promise<AdminBundle>): void {
  (globalThis as Slot)[SLOT] = bundle;
}

export async function adminAssets(): Promise<AdminAssets> {
  const bundle = (globalThis as Slot)[SLOT];
  if (!bundle) return { script: '/admin/cms.ts', styles: [] };
  const { script, styles } = await bundle;
  return { script, styles };
}
