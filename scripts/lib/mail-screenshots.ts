/**
 * Screenshots of rendered mails in Debian's Chromium at the widths of a desktop mail
 * program's reading pane (600 px) and a phone (360 px). Every request the mail would make
 * is refused and reported: a mail must load nothing from anywhere. A mail wider than the
 * viewport is reported too (a long word or a fixed width that does not give way).
 */
import { launchBrowser } from '../../tests/helpers/browser.ts';

export const PREVIEW_WIDTHS = [600, 360] as const;

export interface Shot {
  id: string;
  width: number;
  png: Buffer;
  /** Page width in px; more than `width` means the reader scrolls sideways. */
  scrollWidth: number;
  /** Addresses the mail tried to load (should be none). */
  requests: string[];
}

export async function screenshotMails(mails: { id: string; html: string }[]): Promise<Shot[]> {
  // The project's one Chromium launch (Debian's binary, no background networking).
  const browser = await launchBrowser();
  try {
    const shots: Shot[] = [];
    for (const width of PREVIEW_WIDTHS) {
      const page = await browser.newPage({ viewport: { width, height: 800 }, javaScriptEnabled: false });
      let requests: string[] = [];
      await page.route('**/*', (route) => {
        requests.push(route.request().url());
        return route.abort();
      });
      for (const mail of mails) {
        requests = [];
        await page.setContent(mail.html, { waitUntil: 'load' });
        const scrollWidth = await page.evaluate('document.documentElement.scrollWidth');
        const png = await page.screenshot({ fullPage: true });
        shots.push({ id: mail.id, width, png, scrollWidth: Number(scrollWidth), requests });
      }
      await page.close();
    }
    return shots;
  } finally {
    await browser.close();
  }
}
