/** The calendars the site publishes: all meetings, and one per network. Astro-only. */
import { t } from '../../i18n/index.ts';
import { appliesToNetwork, type NetworkEntry } from '../site-data.ts';
import { buildCalendar } from './ical.ts';
import { contentPath, exportContent, siteUrl, timesOf } from './source.ts';

export async function meetingsCalendar(site: URL | undefined, network?: NetworkEntry): Promise<string> {
  const c = await exportContent();
  const networkNames = new Map(c.networks.map((n) => [n.id, n.data.short_title ?? n.data.title]));
  return buildCalendar({
    site: siteUrl(site),
    name: network ? `${c.settings.title}: ${network.data.short_title ?? network.data.title}` : t('data.calendar.name', { title: c.settings.title }),
    description: network ? network.data.summary : t('data.calendar.description', { district: c.settings.district }),
    meetings: network ? c.meetings.filter((m) => appliesToNetwork(m.data.networks, network.id)) : c.meetings,
    networkNames,
    timesOf: (meeting) => timesOf(contentPath('meetings', meeting.id)),
  });
}
