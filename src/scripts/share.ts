/**
 * "Teilen" buttons (src/components/ShareButton.astro). The Web Share API opens the phone's
 * own share sheet (messenger, mail …); browsers without it get the link copied to the
 * clipboard and a confirmation in a live region, or, if copying fails too, the address to
 * copy by hand. Nothing is sent anywhere by the site.
 */
export async function share(button: HTMLButtonElement, status: HTMLElement): Promise<void> {
  const url = button.dataset.shareUrl || location.href;
  const title = button.dataset.shareTitle ?? document.title;
  status.textContent = '';
  if (typeof navigator.share === 'function') {
    try {
      await navigator.share({ title, url });
      return;
    } catch (error) {
      // The visitor closed the share sheet: nothing to say.
      if (error instanceof DOMException && error.name === 'AbortError') return;
    }
  }
  try {
    await navigator.clipboard.writeText(url);
    status.textContent = button.dataset.shareCopied ?? '';
  } catch {
    status.textContent = (button.dataset.shareFailed ?? '{url}').replace('{url}', url);
  }
}

export function initShareButtons(root: ParentNode = document): void {
  for (const wrap of root.querySelectorAll<HTMLElement>('[data-share]')) {
    const button = wrap.querySelector<HTMLButtonElement>('[data-share-button]');
    const status = wrap.querySelector<HTMLElement>('[data-share-status]');
    if (!button || !status || wrap.dataset.shareReady) continue;
    wrap.dataset.shareReady = '1';
    wrap.hidden = false;
    button.addEventListener('click', () => void share(button, status));
  }
}
