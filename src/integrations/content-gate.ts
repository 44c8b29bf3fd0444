/**
 * Runs the same validation as `npm run check` before Astro builds, so invalid content
 * never reaches the site: `astro build` stops with the editor-readable problem list.
 * In `astro dev` the problems are printed as warnings and the server keeps running.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { holdLoadedContent, loadContentOnce } from '../lib/load-content.ts';
import { formatProblem } from '../schema/problems.ts';

export function contentGate(): AstroIntegration {
  let root = '';
  return {
    name: 'quartiersnetz:content-gate',
    hooks: {
      'astro:config:setup': ({ command, config, logger }) => {
        root = fileURLToPath(config.root);
        // Loaded once for the whole build: function-data and the pages reuse this parse.
        const { problems } = loadContentOnce(root);
        // content/ does not change while a build runs: the pages need not check its files again.
        if (command === 'build') holdLoadedContent(root, true);
        if (problems.length === 0) return;
        const list = problems.map((p) => `- ${formatProblem(p)}`).join('\n');
        if (command === 'build') {
          throw new Error(
            `Die Inhalte enthalten ${problems.length} ${problems.length === 1 ? 'Problem' : 'Probleme'}; die Website wird nicht gebaut:\n${list}\n\nBitte beheben und mit „npm run check“ erneut prüfen.`,
          );
        }
        logger.warn(`Inhalte mit Problemen (die Website zeigt sie nicht an):\n${list}`);
      },
      'astro:build:done': () => {
        holdLoadedContent(root, false);
      },
    },
  };
}
