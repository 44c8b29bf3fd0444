/**
 * The office's clicks in Decap's editorial workflow, as a person makes them: open the
 * waiting entry from /admin/#/workflow, set its status to "Geprüft" (pending_publish),
 * then "Veröffentlichen" → "Jetzt veröffentlichen" and confirm. Expects the page to show
 * the workflow board (logged in).
 */
import type { Dialog, Page } from 'playwright-core';

export async function publishFromWorkflow(page: Page, entryTitle: RegExp, options: { onEntry?: () => Promise<void> } = {}): Promise<void> {
  // Decap speaks through alert/confirm: its publish question is answered yes; anything
  // else (e.g. "Es sind noch ungespeicherte Änderungen vorhanden …" on an entry that was
  // only opened) is refused and fails this step with Decap's own words.
  const unexpected: string[] = [];
  const onDialog = (dialog: Dialog) => {
    if (/wirklich veröffentlicht werden/.test(dialog.message())) void dialog.accept();
    else {
      unexpected.push(dialog.message());
      void dialog.dismiss();
    }
  };
  page.on('dialog', onDialog);
  try {
    await openEntry(page, entryTitle);
    const status = page.getByRole('button', { name: /^Status/ }).first();
    // Under load Decap has been seen to stay at "Beitrag laden …" for good (a CI run, the
    // editor's address right): the page is loaded again then, as a person would.
    for (let attempt = 1; ; attempt++) {
      const opened = await status.waitFor({ timeout: 40_000 }).then(() => true, () => false);
      if (opened) break;
      const text = (await page.locator('body').innerText()).slice(0, 600);
      if (attempt === 3) throw new Error(`Decap's editor did not open (${page.url()}) after ${attempt} tries: ${text}`);
      await page.reload();
    }
    await options.onEntry?.();
    await status.click();
    await page.getByRole('menuitem', { name: 'Geprüft', exact: true }).click();
    const publish = page.getByRole('button', { name: /^Veröffentlichen/ }).first();
    let shown = false;
    const refused = (async () => {
      while (!shown && unexpected.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
      if (!shown) throw new Error(`Decap: ${unexpected.join(' / ')}`);
    })();
    await Promise.race([publish.waitFor().finally(() => (shown = true)), refused]);
    await refused;
    // Under load the status change may not be saved yet when "Veröffentlichen" is pressed:
    // Decap then asks to set the status first. Pressed again a little later, as a person would.
    for (let attempt = 1; ; attempt++) {
      await publish.click();
      await page.getByRole('menuitem', { name: /Jetzt veröffentlichen/ }).click();
      await new Promise((resolve) => setTimeout(resolve, 500));
      const statusNotSaved = unexpected.length > 0 && unexpected.every((message) => /Status.*vor dem Veröffentlichen/.test(message));
      if (!statusNotSaved || attempt === 3) break;
      unexpected.length = 0;
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    }
    if (unexpected.length) throw new Error(`Decap: ${unexpected.join(' / ')}`);
  } finally {
    page.off('dialog', onDialog);
  }
}

/**
 * Clicks the entry's card until the address is the editor's: under load Decap may re-render
 * the board between finding the card and the click, and a click on the replaced card is lost.
 */
async function openEntry(page: Page, entryTitle: RegExp): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.getByRole('link', { name: entryTitle }).first().click();
    const opened = await page.waitForURL(/#\/collections\/[^/]+\/entries\//, { timeout: 15_000 }).then(() => true, () => false);
    if (opened) return;
    if (attempt === 3) throw new Error(`Decap: the card "${entryTitle.source}" did not open its entry (${page.url()})`);
  }
}
