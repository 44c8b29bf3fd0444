/**
 * The built site the export tests read: dist/ from the global setup. QN_DIST points them
 * at another build (e.g. one made with `astro build --outDir`) while other work rebuilds dist/.
 */
export const DIST = process.env.QN_DIST ?? 'dist';
