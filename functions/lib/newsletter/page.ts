/** Newsletter pages: the shared shell (../page-shell.ts) plus the newsletter's own link back. */
import { DEFAULT_LANG, getLanguage, useTranslations } from '../../../src/i18n/index.ts';
import { localizePath } from '../../../src/i18n/routing.ts';
import { escapeHtml } from './templates.ts';

export { list, paragraph, renderPage } from '../page-shell.ts';

export function restartLink(lang: string = DEFAULT_LANG): string {
  const t = useTranslations(lang);
  return `<p><a class="button" href="${escapeHtml(localizePath('/newsletter/', getLanguage(lang).code))}">${escapeHtml(t('newsletter.link.restart'))}</a></p>`;
}
