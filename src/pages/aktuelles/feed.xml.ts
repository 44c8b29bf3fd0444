/** The news as an Atom feed. */
import type { APIRoute } from 'astro';
import { t } from '../../i18n/index.ts';
import { buildAtomFeed } from '../../lib/exports/feed.ts';
import { exportId } from '../../lib/exports/ids.ts';
import { DATA_LICENSE } from '../../lib/exports/config.ts';
import { textResponse } from '../../lib/exports/respond.ts';
import { escapeXml } from '../../lib/exports/xml.ts';
import { contentPath, exportContent, siteUrl, timesOf } from '../../lib/exports/source.ts';
import { berlinStartOfDay } from '../../lib/exports/time.ts';
import { buildInstant } from '../../lib/site-data.ts';

export const GET: APIRoute = async ({ site }) => {
  const base = siteUrl(site);
  const c = await exportContent();
  const networkNames = new Map(c.networks.map((n) => [n.id, n.data.short_title ?? n.data.title]));
  const feed = buildAtomFeed({
    site: base,
    id: `urn:uuid:${exportId('feed', 'aktuelles')}`,
    title: t('data.feed.title', { title: c.settings.title }),
    subtitle: t('news.intro'),
    feedUrl: new URL('/aktuelles/feed.xml', base).href,
    pageUrl: new URL('/aktuelles/', base).href,
    author: c.settings.office.name,
    rights: DATA_LICENSE.name,
    fallbackUpdated: buildInstant,
    entries: c.news.map((post) => {
      const published = berlinStartOfDay(post.data.date);
      const modified = timesOf(contentPath('news', post.id)).modified;
      const attachments = (post.data.attachments ?? []).map((a) => `<li><a href="${escapeXml(a.file)}">${escapeXml(a.title)}</a></li>`).join('');
      return {
        id: `urn:uuid:${exportId('news', post.id)}`,
        title: post.data.title,
        url: new URL(`/aktuelles/${post.id}/`, base).href,
        published,
        updated: modified > published ? modified : published,
        summary: post.data.summary,
        html: `${post.rendered?.html ?? ''}${attachments ? `<h2>${t('news.attachments')}</h2><ul>${attachments}</ul>` : ''}`,
        categories: (post.data.networks ?? []).map((n) => networkNames.get(n) ?? n),
      };
    }),
  });
  return textResponse(feed, 'application/atom+xml; charset=utf-8');
};
