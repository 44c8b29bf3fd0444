/**
 * The order the site lists content in, shared by the pages (site-data.ts) and the build's
 * exports made outside Astro (exports/open-data.ts), so both list offers alike.
 */

/** The same order as `a.localeCompare(b, 'de')`, without looking up the locale on every comparison. */
export const german = new Intl.Collator('de');

export const byTitle = (a: { data: { title: string } }, b: { data: { title: string } }) => german.compare(a.data.title, b.data.title);
