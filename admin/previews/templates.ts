/**
 * Previews of offers, organisations, meetings and news, built from the same classes
 * (global.css), strings (src/i18n) and formatters (src/lib) as the site's pages, so an
 * editor sees roughly what residents will see. Values may be half-typed: every field is
 * optional here and nothing may throw.
 */
import { createElement as h, Fragment, type ReactNode } from 'react';
import { formatDate, formatDateTime, formatTime } from '../../src/lib/dates.ts';
import { formatSlot } from '../../src/lib/schedule.ts';
import { languageName, t, type MessageKey } from '../../src/i18n/index.ts';
import type { CmsData } from '../config/cms-data.ts';

interface PreviewProps {
  entry: { get(key: string): unknown; getIn(path: string[]): unknown };
  widgetFor(name: string): ReactNode;
}

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- unvalidated editor input

function dataOf(entry: PreviewProps['entry']): Data {
  const data = entry.get('data') as { toJS?: () => Data } | undefined;
  return data?.toJS?.() ?? {};
}

const isDate = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value);
const safe = <T>(fn: () => T, fallback: T): T => {
  try {
    return fn();
  } catch {
    return fallback;
  }
};
const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
/** The offer page's wording: "ab …", "bis …", "… bis …". */
function period(startsOn: unknown, endsOn: unknown): string | undefined {
  const from = isDate(startsOn) ? formatDate(startsOn) : undefined;
  const until = isDate(endsOn) ? formatDate(endsOn) : undefined;
  if (from && until) return t('offer.periodRange', { from, until });
  if (from) return t('offer.periodFrom', { date: from });
  if (until) return t('offer.periodUntil', { date: until });
  return undefined;
}
const row = (term: string, ...details: ReactNode[]) => h(Fragment, { key: term }, h('dt', null, term), h('dd', null, ...details));

function page(...children: ReactNode[]) {
  return h('main', { className: 'site-main container' }, h('p', { className: 'hint' }, 'Vorschau: so ungefähr erscheint der Eintrag auf der Website.'), ...children);
}

export function createPreviews(data: CmsData) {
  const organisationName = (id: string) => data.organisations.find((o) => o.id === id)?.name ?? id;
  const networkTitle = (id: string) => data.networks.find((n) => n.id === id)?.title ?? id;
  const termLabel = (kind: 'categories' | 'audiences', slug: string) => data[kind].find((term) => term.slug === slug)?.label ?? slug;

  function OfferPreview({ entry, widgetFor }: PreviewProps) {
    const d = dataOf(entry);
    const slots = Array.isArray(d.schedule) ? d.schedule.filter((s: Data) => Array.isArray(s?.days) && s.opens && s.closes) : [];
    const languages = list(d.languages).length ? list(d.languages) : ['de'];
    const place = d.online ? t('offer.online') : [d.location?.name, d.location?.street, [d.location?.postal_code, d.location?.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
    return page(
      h('h2', { className: 'hint' }, 'In der Trefferliste'),
      h(
        'article',
        { className: 'card offer-card' },
        h('h3', { className: 'card__title' }, h('a', { href: '#' }, d.title || 'Titel fehlt')),
        d.provider && h('p', { className: 'card__meta' }, organisationName(d.provider)),
        h('p', null, d.summary),
        h(
          'ul',
          { className: 'facts' },
          place && h('li', null, h('span', { className: 'facts__label' }, `${t('offer.where')}:`), ` ${place}`),
          slots.length > 0 && h('li', null, h('span', { className: 'facts__label' }, `${t('offer.when')}:`), ` ${slots.map((s: Data) => safe(() => formatSlot(s as never, 'short'), '')).join('; ')}`),
          h('li', null, h('span', { className: 'facts__label' }, `${t('offer.cost')}:`), ` ${d.cost?.free ? t('offer.free') : (d.cost?.note ?? t('offer.paid'))}`),
        ),
      ),
      h('h2', { className: 'hint' }, 'Auf der eigenen Seite'),
      h(
        'article',
        { className: 'offer' },
        h('h1', null, d.title),
        h('p', { className: 'lead' }, d.summary),
        h(
          'dl',
          { className: 'details' },
          row(t('offer.where'), place),
          (slots.length > 0 || d.schedule_note) &&
            row(t('offer.when'), h('ul', { className: 'plain' }, ...slots.map((s: Data, i: number) => h('li', { key: i }, safe(() => formatSlot(s as never), ''), s.note ? ` (${s.note})` : ''))), d.schedule_note && h('p', null, d.schedule_note)),
          period(d.starts_on, d.ends_on) && row(t('offer.period'), period(d.starts_on, d.ends_on)),
          row(t('offer.cost'), `${d.cost?.free ? t('offer.free') : t('offer.paid')}${d.cost?.note ? `: ${d.cost.note}` : ''}`),
          row(t('offer.languages'), languages.map((code) => safe(() => languageName(code), code)).join(', ')),
          d.registration && row(t('offer.registration'), `${d.registration.required ? t('offer.registrationRequired') : t('offer.registrationNotRequired')}${d.registration.how ? `: ${d.registration.how}` : ''}`),
          d.childcare && row(t('offer.childcare'), t('offer.childcareYes')),
          row(t('offer.audiences'), list(d.audiences).length ? list(d.audiences).map((a) => termLabel('audiences', a)).join(', ') : t('offer.audiencesAll')),
          row(t('offer.categories'), h('ul', { className: 'tags' }, ...list(d.categories).map((c) => h('li', { key: c }, h('a', { href: '#' }, termLabel('categories', c)))))),
          row(t('offer.provider'), d.provider ? organisationName(d.provider) : ''),
          list(d.networks).length > 0 && row(t('offer.networks'), list(d.networks).map(networkTitle).join(', ')),
        ),
        h('h2', null, t('offer.description')),
        h('div', { className: 'prose' }, widgetFor('body')),
        isDate(d.reviewed_at) && h('p', { className: 'hint' }, t('offer.reviewed', { date: formatDate(d.reviewed_at) })),
        d.draft && h('p', null, h('strong', { className: 'badge badge--warn' }, 'Entwurf: erscheint nicht auf der Website')),
      ),
    );
  }

  function OrganisationPreview({ entry, widgetFor }: PreviewProps) {
    const d = dataOf(entry);
    return page(
      h('h1', null, d.name),
      h('p', { className: 'lead' }, d.summary),
      h(
        'dl',
        { className: 'details' },
        d.kind && row(t('organisation.kind'), t(`organisation.kind.${d.kind}` as MessageKey) ?? d.kind),
        d.address && row(t('organisation.address'), d.address.street, h('br'), `${d.address.postal_code ?? ''} ${d.address.city ?? ''}`),
        d.phone && row(t('organisation.phone'), d.phone),
        d.email && d.show_email && row(t('organisation.email'), d.email),
        d.website && row(t('organisation.website'), d.website),
        list(d.languages).length > 0 && row(t('organisation.languages'), list(d.languages).map((code) => safe(() => languageName(code), code)).join(', ')),
        list(d.networks).length > 0 && row(t('organisation.networks'), list(d.networks).map(networkTitle).join(', ')),
      ),
      h('div', { className: 'prose' }, widgetFor('body')),
      Array.isArray(d.contacts) &&
        d.contacts.length > 0 &&
        h(
          'section',
          { className: 'section' },
          h('h2', null, t('organisation.contacts')),
          h('ul', { className: 'stack' }, ...d.contacts.map((c: Data, i: number) => h('li', { key: i, className: 'card' }, h('p', null, h('strong', null, c?.role), c?.name ? [h('br', { key: 'br' }), c.name] : null), c?.phone && h('p', null, `${t('organisation.phone')}: ${c.phone}`)))),
        ),
      d.email && !d.show_email && h('p', { className: 'hint' }, 'Die E-Mail-Adresse wird nicht gezeigt; sie empfängt nur Nachrichten aus dem Kontaktformular.'),
    );
  }

  function MeetingPreview({ entry, widgetFor }: PreviewProps) {
    const d = dataOf(entry);
    const starts = typeof d.starts_at === 'string' && !Number.isNaN(Date.parse(d.starts_at)) ? d.starts_at : undefined;
    const ends = typeof d.ends_at === 'string' && !Number.isNaN(Date.parse(d.ends_at)) ? d.ends_at : undefined;
    const place = d.location ? [d.location.name, d.location.street, [d.location.postal_code, d.location.city].filter(Boolean).join(' ')].filter(Boolean) : [];
    const documents = Array.isArray(d.documents) ? d.documents : [];
    return page(
      h('h1', null, d.title),
      d.cancelled && h('p', null, h('strong', { className: 'badge badge--warn' }, t('meeting.cancelled'))),
      h(
        'dl',
        { className: 'details' },
        starts && row(t('meeting.when'), `${formatDateTime(starts)} Uhr${ends ? ` bis ${formatTime(ends)} Uhr` : ''}`),
        (place.length > 0 || d.location?.online_url) && row(t('meeting.where'), place.join(', '), d.location?.online_url && h('p', null, h('a', { href: d.location.online_url }, t('meeting.joinOnline')))),
        row(t('meeting.networks'), list(d.networks).length ? list(d.networks).map(networkTitle).join(', ') : t('meeting.allNetworks')),
      ),
      list(d.agenda).length > 0 && h('section', { className: 'section' }, h('h2', null, t('meeting.agenda')), h('ol', null, ...list(d.agenda).map((item, i) => h('li', { key: i }, item)))),
      documents.length > 0 &&
        h(
          'section',
          { className: 'section' },
          h('h2', null, t('meeting.documents')),
          h('ul', null, ...documents.map((doc: Data, i: number) => h('li', { key: i }, h('a', { href: doc?.file }, doc?.title || doc?.file), doc?.kind ? ` (${t(`document.kind.${doc.kind}` as MessageKey)}, ${t('document.pdf')})` : ''))),
        ),
      h('section', { className: 'section' }, h('h2', null, t('meeting.minutes')), h('div', { className: 'prose' }, widgetFor('body'))),
    );
  }

  function NewsPreview({ entry, widgetFor }: PreviewProps) {
    const d = dataOf(entry);
    const attachments = Array.isArray(d.attachments) ? d.attachments : [];
    return page(
      h('h1', null, d.title),
      isDate(d.date) && h('p', { className: 'card__meta' }, formatDate(d.date), list(d.networks).length ? ` · ${list(d.networks).map(networkTitle).join(', ')}` : ''),
      h('p', { className: 'lead' }, d.summary),
      h('div', { className: 'prose' }, widgetFor('body')),
      attachments.length > 0 && h('section', { className: 'section' }, h('h2', null, t('news.attachments')), h('ul', null, ...attachments.map((a: Data, i: number) => h('li', { key: i }, h('a', { href: a?.file }, a?.title || a?.file))))),
      d.newsletter && h('p', { className: 'hint' }, 'Wird nach dem Veröffentlichen einmal als Newsletter verschickt.'),
    );
  }

  return { offers: OfferPreview, organisations: OrganisationPreview, meetings: MeetingPreview, news: NewsPreview };
}
