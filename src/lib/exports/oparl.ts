/**
 * Meetings as OParl 1.1, the German standard for council and committee information:
 * one System, one Body (the district's partner networks), an Organization per network,
 * Meetings with their AgendaItems, Files (the documents) and Locations. No Person objects:
 * the site publishes no one's name.
 *
 * Every object is also served at its own URL (its `id`), and every list is an external,
 * paginated list in full form, as OParl requires. Embedded objects leave out the
 * back-reference to the object they are embedded in (OParl 1.1 says so for AgendaItem,
 * File and Location); served on their own, they carry it.
 */
import type { Meeting, Network, Settings } from '../../schema/index.ts';
import { MARKDOWN_COLLECTIONS, SETTINGS_FILE } from '../../schema/index.ts';
import { t, type MessageKey } from '../../i18n/index.ts';
import { isMeetingUpcoming } from '../publication.ts';
import { berlinDate, berlinYear } from '../dates.ts';
import { DATA_LICENSE, OPARL_BODY_ID } from './config.ts';
import { oparlPaths, paginate, type OparlObjectType } from './oparl-paths.ts';
import type { ContentEntry } from './hsds.ts';
import { markdownToText } from './text.ts';
import { berlinIso } from './time.ts';
import { earliest, latest, type FileTimes, type TimesOf } from './timestamps.ts';

export interface OparlSource {
  site: URL;
  /** The build's "now": decides whether a meeting has taken place. */
  instant: Date;
  settings: Settings;
  networks: ContentEntry<Network>[];
  meetings: ContentEntry<Meeting>[];
  timesOf: TimesOf;
  /** Size in bytes of a file under public/ (`/uploads/x.pdf`), if it exists. */
  fileSize: (publicPath: string) => number | undefined;
}

type Json = Record<string, unknown>;

export const OPARL_TYPE = (name: string) => `https://schema.oparl.org/1.1/${name}`;
export const OPARL_VERSION = 'https://schema.oparl.org/1.1/';

// Addresses and paging live beside the filter function's code, which needs them without the mapping.
export { OPARL_OBJECT_TYPES, oparlPaths, paginate, type OparlObjectType } from './oparl-paths.ts';

export interface OparlExport {
  /** Every object with its own URL, keyed by its path (see `oparlPaths`). */
  objects: Map<string, Json>;
  /** Every list page, keyed by its path. */
  pages: Map<string, Json>;
  /** Every list's items before paging, keyed by the list's name: what the filter function pages. */
  lists: Map<string, Json[]>;
  /** Download copies: their path (see `oparlPaths.download`) → the upload under public/. */
  downloads: Map<string, string>;
}

const MIME_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  txt: 'text/plain',
};

export function mimeTypeOf(fileName: string): string {
  return MIME_TYPES[fileName.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

const stamps = (times: FileTimes) => ({ created: berlinIso(times.created), modified: berlinIso(times.modified) });

/** Drops keys whose value is `undefined` so the JSON and the validated object agree. */
function clean(object: Json): Json {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

export function buildOparl(source: OparlSource): OparlExport {
  const { site, settings } = source;
  const url = (path: string) => new URL(path, site).href;
  const objectUrl = (type: OparlObjectType, id: string) => url(oparlPaths.object(type, id));
  const listUrl = (key: string) => url(oparlPaths.list(key, 1));
  const bodyUrl = objectUrl('body', OPARL_BODY_ID);
  const systemUrl = url(oparlPaths.system());
  const settingsTimes = source.timesOf(SETTINGS_FILE);

  const objects = new Map<string, Json>();
  const lists = new Map<string, Json[]>();
  const downloads = new Map<string, string>();
  const addList = (key: string, items: Json[]) => lists.set(key, [...items].sort((a, b) => String(a.id).localeCompare(String(b.id))));

  // --- Organizations: one per network -------------------------------------------------
  const organizations = source.networks.map((network) => {
    const d = network.data;
    const times = source.timesOf(`${MARKDOWN_COLLECTIONS.networks.folder}/${network.id}.md`);
    const organization = clean({
      id: objectUrl('organization', network.id),
      type: OPARL_TYPE('Organization'),
      body: bodyUrl,
      name: d.title,
      shortName: d.short_title && d.short_title !== d.title ? d.short_title : undefined,
      meeting: listUrl(`meetings-${network.id}`),
      organizationType: 'Gremium',
      classification: 'Netzwerk',
      website: url(`/netzwerke/${network.id}/`),
      web: url(`/netzwerke/${network.id}/`),
      ...stamps(times),
    });
    objects.set(oparlPaths.object('organization', network.id), organization);
    return organization;
  });
  addList('organizations', organizations);

  // --- Meetings with agenda items, files and locations --------------------------------
  const meetingsStandalone: { networks: string[]; meeting: Json }[] = [];
  const allAgendaItems: Json[] = [];
  const allFiles: Json[] = [];
  const allLocations: Json[] = [];

  for (const entry of source.meetings) {
    const d = entry.data;
    const meetingUrl = objectUrl('meeting', entry.id);
    const pageUrl = url(`/archiv/${entry.id}/`);
    const meetingFileTimes = source.timesOf(`${MARKDOWN_COLLECTIONS.meetings.folder}/${entry.id}.md`);
    const upcoming = isMeetingUpcoming(d, source.instant);
    // Sorted: the build's pages and the filter function's data read the networks in different orders.
    const networkIds = d.networks?.length ? d.networks : source.networks.map((n) => n.id).sort();

    const agendaItems = (d.agenda ?? []).map((name, index) => {
      const key = `${entry.id}-${index + 1}`;
      return {
        key,
        object: {
          id: objectUrl('agenda-item', key),
          type: OPARL_TYPE('AgendaItem'),
          number: String(index + 1),
          order: index + 1,
          name,
          public: true,
          ...stamps(meetingFileTimes),
        } as Json,
      };
    });

    const documentFiles = (d.documents ?? []).map((doc, index) => {
      const fileName = doc.file.split('/').pop() as string;
      const key = `${entry.id}-${index + 1}`;
      const size = source.fileSize(doc.file);
      // Only a file that exists can be downloaded; a missing upload keeps its accessUrl only.
      const download = size === undefined ? undefined : oparlPaths.download(key, fileName);
      if (download) downloads.set(download, doc.file);
      return {
        key,
        kind: doc.kind as string,
        file: clean({
          id: objectUrl('file', key),
          type: OPARL_TYPE('File'),
          name: doc.title,
          fileName,
          mimeType: mimeTypeOf(fileName),
          date: berlinDate(new Date(d.starts_at)),
          size,
          accessUrl: url(doc.file),
          downloadUrl: download && url(download),
          keyword: [t(`document.kind.${doc.kind}` as MessageKey)],
          ...stamps(source.timesOf(`public${doc.file}`)),
        }),
      };
    });

    // Minutes written into the meeting page are a document too: OParl's results protocol.
    const minutesText = upcoming ? '' : markdownToText(entry.body);
    const minutesKey = `${entry.id}-protokoll`;
    const minutesFile = minutesText
      ? clean({
          id: objectUrl('file', minutesKey),
          type: OPARL_TYPE('File'),
          name: `${t('meeting.minutes')}: ${d.title}`,
          fileName: `${entry.id}-protokoll.html`,
          mimeType: 'text/html',
          date: berlinDate(new Date(d.starts_at)),
          text: minutesText,
          accessUrl: `${pageUrl}#minutes`,
          ...stamps(meetingFileTimes),
        })
      : undefined;

    const files = [...documentFiles, ...(minutesFile ? [{ key: minutesKey, kind: 'protokoll', file: minutesFile }] : [])];
    const invitation = files.find((f) => f.kind === 'einladung')?.file;
    // A protocol PDF is the official one; minutes typed into the page come second.
    const resultsProtocol = files.find((f) => f.kind === 'protokoll')?.file;
    const auxiliary = files.map((f) => f.file).filter((f) => f !== resultsProtocol && f !== invitation);

    const location = d.location
      ? clean({
          id: objectUrl('location', entry.id),
          type: OPARL_TYPE('Location'),
          description: [
            d.location.name,
            d.location.street,
            [d.location.postal_code, d.location.city].filter(Boolean).join(' '),
            d.location.online_url ? `${t('meeting.online')}: ${d.location.online_url}` : undefined,
          ]
            .filter(Boolean)
            .join(', '),
          streetAddress: d.location.street,
          room: d.location.name,
          postalCode: d.location.postal_code,
          locality: d.location.city,
          ...stamps(meetingFileTimes),
        })
      : undefined;

    const modified = latest(meetingFileTimes.modified, ...documentFiles.map((f) => new Date(String(f.file.modified))));
    const meetingState = d.cancelled ? 'abgesagt' : !upcoming ? 'durchgeführt' : invitation ? 'eingeladen' : 'terminiert';
    const meeting = clean({
      id: meetingUrl,
      type: OPARL_TYPE('Meeting'),
      name: d.title,
      meetingState,
      cancelled: d.cancelled,
      start: berlinIso(new Date(d.starts_at)),
      end: d.ends_at ? berlinIso(new Date(d.ends_at)) : undefined,
      location,
      organization: networkIds.map((id) => objectUrl('organization', id)),
      invitation,
      resultsProtocol,
      auxiliaryFile: auxiliary.length ? auxiliary : undefined,
      agendaItem: agendaItems.length ? agendaItems.map((a) => a.object) : undefined,
      web: pageUrl,
      created: berlinIso(meetingFileTimes.created),
      modified: berlinIso(modified),
    });
    objects.set(oparlPaths.object('meeting', entry.id), meeting);
    meetingsStandalone.push({ networks: networkIds, meeting });

    // Served on their own, embedded objects name what they belong to.
    for (const { key, object } of agendaItems) {
      const standalone = { ...object, meeting: meetingUrl };
      objects.set(oparlPaths.object('agenda-item', key), standalone);
      allAgendaItems.push(standalone);
    }
    for (const { key, file } of files) {
      const standalone = { ...file, meeting: [meetingUrl] };
      objects.set(oparlPaths.object('file', key), standalone);
      allFiles.push(standalone);
    }
    if (location) {
      const standalone = { ...location, meetings: [meetingUrl] };
      objects.set(oparlPaths.object('location', entry.id), standalone);
      allLocations.push(standalone);
    }
  }

  addList(
    'meetings',
    meetingsStandalone.map((m) => m.meeting),
  );
  for (const network of source.networks) {
    addList(
      `meetings-${network.id}`,
      meetingsStandalone.filter((m) => m.networks.includes(network.id)).map((m) => m.meeting),
    );
  }
  addList('agenda-items', allAgendaItems);
  addList('files', allFiles);

  // --- Body and System --------------------------------------------------------------
  const office = settings.office;
  const officeLocation = {
    id: objectUrl('location', 'sozialbuero'),
    type: OPARL_TYPE('Location'),
    description: `${office.name}, ${office.street}, ${office.postal_code} ${office.city}`,
    streetAddress: office.street,
    postalCode: office.postal_code,
    locality: office.city,
    ...stamps(settingsTimes),
  };
  objects.set(oparlPaths.object('location', 'sozialbuero'), { ...officeLocation, bodies: [bodyUrl] });
  allLocations.push({ ...officeLocation, bodies: [bodyUrl] });
  addList('locations', allLocations);

  // --- LegislativeTerms: the networks work and report by calendar year (the yearly
  // meeting, the yearly figures for the advisory board), so each year with meetings on
  // record is one "Arbeitsjahr". Only years with meetings: nothing is claimed for others.
  const years = new Map<number, ContentEntry<Meeting>[]>();
  for (const entry of source.meetings) {
    const year = berlinYear(entry.data.starts_at);
    years.set(year, [...(years.get(year) ?? []), entry]);
  }
  const legislativeTerms = [...years]
    .sort(([a], [b]) => a - b)
    .map(([year, meetings]) => {
      const times = meetings.map((m) => source.timesOf(`${MARKDOWN_COLLECTIONS.meetings.folder}/${m.id}.md`));
      const hasArchive = meetings.some((m) => !isMeetingUpcoming(m.data, source.instant));
      const term = clean({
        id: objectUrl('legislative-term', String(year)),
        type: OPARL_TYPE('LegislativeTerm'),
        name: t('data.oparl.legislativeTerm', { year }),
        startDate: `${year}-01-01`,
        endDate: `${year}-12-31`,
        web: hasArchive ? url(`/archiv/jahr/${year}/`) : undefined,
        created: berlinIso(earliest(...times.map((x) => x.created))),
        modified: berlinIso(latest(...times.map((x) => x.modified))),
      });
      objects.set(oparlPaths.object('legislative-term', String(year)), { ...term, body: bodyUrl });
      return term;
    });
  addList(
    'legislative-terms',
    legislativeTerms.map((term) => ({ ...term, body: bodyUrl })),
  );

  const body = {
    id: bodyUrl,
    type: OPARL_TYPE('Body'),
    system: systemUrl,
    name: t('data.oparl.bodyName', { district: settings.district }),
    shortName: settings.title,
    website: url('/'),
    classification: 'Stadtteilnetzwerk',
    organization: listUrl('organizations'),
    person: listUrl('persons'),
    meeting: listUrl('meetings'),
    paper: listUrl('papers'),
    agendaItem: listUrl('agenda-items'),
    file: listUrl('files'),
    locationList: listUrl('locations'),
    legislativeTerm: legislativeTerms,
    legislativeTermList: listUrl('legislative-terms'),
    location: officeLocation,
    web: url('/netzwerke/'),
    ...stamps(settingsTimes),
  };
  objects.set(oparlPaths.object('body', OPARL_BODY_ID), body);
  addList('bodies', [body]);
  // OParl requires these lists on every Body; the site publishes no persons and no papers.
  addList('persons', []);
  addList('papers', []);

  const system = {
    id: systemUrl,
    type: OPARL_TYPE('System'),
    oparlVersion: OPARL_VERSION,
    license: DATA_LICENSE.url,
    body: listUrl('bodies'),
    name: settings.title,
    website: url('/'),
    web: url('/daten/'),
    ...stamps(settingsTimes),
  };
  objects.set(oparlPaths.system(), system);

  const pages = new Map<string, Json>();
  for (const [key, items] of lists) {
    paginate(items, (page) => url(oparlPaths.list(key, page))).forEach((page, index) => pages.set(oparlPaths.list(key, index + 1), page));
  }
  return { objects, pages, lists, downloads };
}
