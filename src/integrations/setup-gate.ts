/**
 * A production build (Netlify's CONTEXT=production) with a required setting missing or
 * malformed stops with a German message naming it and what to do: otherwise the site would
 * go online and fail quietly (mail going nowhere, links nobody can verify). Deploy
 * previews, branch deploys and laptops are never stopped.
 */
import type { AstroIntegration } from 'astro';
import { productionGateMessage } from '../lib/setup/settings.ts';

export function setupGate(): AstroIntegration {
  return {
    name: 'quartiersnetz:setup-gate',
    hooks: {
      'astro:config:setup': ({ command }) => {
        if (command !== 'build') return;
        const message = productionGateMessage(process.env);
        if (message) throw new Error(message);
      },
    },
  };
}
