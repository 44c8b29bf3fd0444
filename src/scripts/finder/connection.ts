/**
 * Says plainly when the visitor is offline ("Sie sind offline. Stand der Angebote: …"):
 * the finder then searches the copy the service worker saved, and the date tells how
 * current it is.
 */
export function watchConnection(note: HTMLElement, text: string): void {
  const update = () => {
    note.hidden = navigator.onLine;
    note.textContent = navigator.onLine ? '' : text;
  };
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  update();
}
