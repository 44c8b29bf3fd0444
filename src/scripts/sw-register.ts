/**
 * Registers the site's service worker (/sw.js, written by the build) for offline use. The
 * page's language goes along, so the worker precaches the core pages of that language.
 * Updates after a deploy need no help here: the browser checks /sw.js on navigations.
 */
export function registerServiceWorker(): void {
  // `astro dev` serves no /sw.js: the worker exists only in a build. (MODE, not PROD: a build
  // run under NODE_ENV=test, as the test suite's, has PROD false but is still a build.)
  if (import.meta.env.MODE === 'development' || !('serviceWorker' in navigator)) return;
  const lang = document.documentElement.lang || 'de';
  const register = async () => {
    try {
      // Once installed, the worker stays with the language of the first visit: a new script
      // address on every language switch would replace the worker while pages load through it
      // (Chromium then left navigations hanging). Other languages' pages are kept as visited.
      if (await navigator.serviceWorker.getRegistration('/')) return;
      await navigator.serviceWorker.register(`/sw.js?lang=${encodeURIComponent(lang)}`, { scope: '/' });
    } catch {
      // No worker (private mode, blocked by the browser): the site works online as before.
    }
  };
  // After the page has loaded: precaching must not compete with what the visitor sees first.
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}
