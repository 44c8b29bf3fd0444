/**
 * The partner pages' content (German, plain, "Sie"): link request, refused link,
 * overview of the organisation's entries, proposal form, answers. Every action is a
 * plain form post carrying the token in a hidden field, so the pages work without
 * JavaScript and the token never lands in further addresses.
 */
import { addMonths, formatDate } from '../../../src/lib/dates.ts';
import type { PartnerOrganisation } from './directory.ts';
import type { FormField } from './form-model.ts';
import { anchorFor, renderFields, type RenderState } from './form-render.ts';
import { BODY_FIELD, BODY_LABEL } from './forms.ts';
import { escapeHtml as e } from './html.ts';
import type { EditableCollection } from './validate.ts';

export const PARTNER_PATH = '/partner/';

export type Flash = { tone: 'success' | 'error'; text: string } | undefined;

export function flashBox(flash: Flash): string {
  if (!flash) return '';
  return `<div class="box${flash.tone === 'error' ? ' box--error' : ''}" role="${flash.tone === 'error' ? 'alert' : 'status'}"><p>${e(flash.text)}</p></div>`;
}

export const hidden = (token: string) => `<input type="hidden" name="t" value="${e(token)}">`;

export function requestLinkBody(flash?: Flash, email = ''): string {
  return `<h1>Ihre Einträge aktuell halten – ohne Konto</h1>
${flashBox(flash)}
<p>Partnerorganisationen bestätigen hier ihre Einträge oder schlagen Änderungen vor. Dafür brauchen Sie kein Konto, nur den persönlichen Link Ihrer Organisation. Er kommt mit der monatlichen Erinnerung, oder Sie fordern ihn hier an.</p>
<h2>Link anfordern</h2>
<form method="post" action="${PARTNER_PATH}" novalidate>
<input type="hidden" name="action" value="request-link">
<div class="field"><label for="link-email">E-Mail-Adresse Ihrer Organisation</label>
<p class="hint" id="link-email-hint">Die Adresse, die bei uns für Ihre Organisation hinterlegt ist. Dorthin schicken wir den Link.</p>
<input type="email" id="link-email" name="email" autocomplete="email" spellcheck="false" required value="${e(email)}" aria-describedby="link-email-hint"></div>
<button type="submit">Link anfordern</button>
</form>`;
}

export const INVALID_LINK_TEXT: Record<'missing' | 'malformed' | 'invalid' | 'expired' | 'revoked', string> = {
  missing: 'Diese Seite braucht den persönlichen Link Ihrer Organisation.',
  malformed: 'Dieser Link ist unvollständig. Vielleicht wurde er beim Kopieren abgeschnitten.',
  invalid: 'Dieser Link ist nicht gültig. Vielleicht wurde er verändert.',
  expired: 'Dieser Link ist abgelaufen. Links gelten aus Sicherheitsgründen nur eine begrenzte Zeit.',
  revoked: 'Dieser Link gilt nicht mehr. Das Sozialbüro hat ihn gesperrt oder die Organisation ist nicht mehr eingetragen.',
};

export function invalidLinkBody(reason: keyof typeof INVALID_LINK_TEXT): string {
  return requestLinkBody({ tone: 'error', text: `${INVALID_LINK_TEXT[reason]} Fordern Sie unten einfach einen neuen Link an: Er kommt an die Adresse, die für Ihre Organisation hinterlegt ist.` });
}

export interface OverviewEntry {
  collection: EditableCollection;
  slug: string;
  title: string;
  reviewedAt: string;
  state?: 'published' | 'draft' | 'ended';
}

function reviewState(reviewedAt: string, today: string, intervalMonths: number): string {
  const due = addMonths(reviewedAt, intervalMonths) <= today;
  return due
    ? `<span class="state state--due">bitte prüfen</span> (zuletzt geprüft am ${e(formatDate(reviewedAt))})`
    : `<span class="state state--ok">geprüft am ${e(formatDate(reviewedAt))}</span>`;
}

const STATE_TEXT = { published: 'auf der Website', draft: 'Entwurf: nicht auf der Website', ended: 'beendet: nicht mehr auf der Website' } as const;

export function overviewBody(options: { organisation: PartnerOrganisation; entries: OverviewEntry[]; token: string; today: string; intervalMonths: number; expires: string; flash?: Flash; waiting: Set<string> }): string {
  const { organisation, entries, token, today } = options;
  const item = (entry: OverviewEntry) => {
    const target = `${entry.collection}/${entry.slug}`;
    const kind = entry.collection === 'organisations' ? 'Profil' : 'Angebot';
    return `<li class="entry" id="eintrag-${e(entry.collection)}-${e(entry.slug)}"><h3>${e(kind)}: ${e(entry.title)}</h3>
<p class="meta">${reviewState(entry.reviewedAt, today, options.intervalMonths)}${entry.state ? ` · ${e(STATE_TEXT[entry.state])}` : ''}${options.waiting.has(target) ? ' · <strong>Ihr Vorschlag wartet auf Freigabe</strong>' : ''}</p>
<div class="actions"><form class="inline" method="post" action="${PARTNER_PATH}">${hidden(token)}<input type="hidden" name="action" value="confirm"><input type="hidden" name="target" value="${e(target)}"><button type="submit">Alles noch aktuell<span class="visually-hidden">: ${e(entry.title)}</span></button></form>
<form class="inline" method="post" action="${PARTNER_PATH}">${hidden(token)}<input type="hidden" name="action" value="edit"><input type="hidden" name="target" value="${e(target)}"><button type="submit" class="secondary">Änderung vorschlagen<span class="visually-hidden">: ${e(entry.title)}</span></button></form></div></li>`;
  };
  return `<h1>Einträge von ${e(organisation.name)}</h1>
${flashBox(options.flash)}
<p>Bitte prüfen Sie Ihre Einträge. Stimmt alles, klicken Sie „Alles noch aktuell“: Das Prüfdatum wird sofort auf heute gesetzt. Soll sich etwas ändern, schlagen Sie die Änderung vor: Das Sozialbüro prüft sie und schaltet sie frei.</p>
<p class="hint">Dieser Link gilt bis ${e(formatDate(options.expires))}. Geben Sie ihn nicht weiter: Wer ihn hat, kann Einträge Ihrer Organisation bestätigen und Änderungen vorschlagen.</p>
<form method="post" action="${PARTNER_PATH}">${hidden(token)}<input type="hidden" name="action" value="confirm-all"><button type="submit">Alles noch aktuell: alle ${entries.length} Einträge</button></form>
<ul class="entries">${entries.map(item).join('\n')}</ul>
<form method="post" action="${PARTNER_PATH}">${hidden(token)}<input type="hidden" name="action" value="new"><button type="submit" class="secondary">Neues Angebot vorschlagen</button></form>
<h2>Nachricht an das Netzwerk</h2>
<p>Sie möchten alle Partner in Ihrem Netzwerk erreichen, zum Beispiel mit einer Einladung, einem Flyer oder einer Frage („Wer hat einen Praktikumsplatz?“)? Schreiben Sie eine Nachricht, auf Wunsch mit PDF-Anhängen. Nach der Freigabe durch das Sozialbüro erscheint sie auf der Website und geht einmal per E-Mail an alle, die den Newsletter des Netzwerks abonniert haben.</p>
<form method="post" action="${PARTNER_PATH}">${hidden(token)}<input type="hidden" name="action" value="message"><button type="submit" class="secondary">Nachricht an das Netzwerk schreiben</button></form>`;
}

export function editBody(options: {
  collection: EditableCollection;
  target: string;
  heading: string;
  fields: FormField[];
  state: RenderState;
  token: string;
  problems?: Array<{ name: string; message: string }>;
  flash?: Flash;
}): string {
  const { state } = options;
  const summary = options.problems?.length
    ? `<div class="summary" role="alert" tabindex="-1"><h2>Bitte prüfen Sie diese Angaben</h2><ul>${options.problems
        .map((p) => (p.name ? `<li><a href="${anchorFor(p.name)}">${e(p.message)}</a></li>` : `<li>${e(p.message)}</li>`))
        .join('')}</ul></div>`
    : '';
  const bodyErrors = state.errors.get(BODY_FIELD);
  return `<h1>${e(options.heading)}</h1>
${flashBox(options.flash)}${summary}
<p>Ändern Sie, was nicht mehr stimmt, und senden Sie den Vorschlag ab. Das Sozialbüro sieht ihn im Redaktionssystem und schaltet ihn frei. Dateien (zum Beispiel PDFs) schicken Sie bitte per E-Mail an das Sozialbüro.</p>
<form method="post" action="${PARTNER_PATH}" novalidate>${hidden(options.token)}<input type="hidden" name="action" value="propose"><input type="hidden" name="target" value="${e(options.target)}">
${renderFields(options.fields, state)}
<div class="field${bodyErrors ? ' error' : ''}"><label for="feld-body">${e(BODY_LABEL[options.collection])}</label><p class="hint" id="feld-body-hint">Ausführlicher Text. Absätze durch eine Leerzeile trennen.</p>${bodyErrors ? `<p class="message">${bodyErrors.map(e).join(' ')}</p>` : ''}<textarea id="feld-body" name="${BODY_FIELD}" rows="10" aria-describedby="feld-body-hint">${e(state.posted.get(BODY_FIELD)?.[0] ?? '')}</textarea></div>
<div class="actions"><button type="submit">Vorschlag senden</button></div>
</form>
<form method="post" action="${PARTNER_PATH}">${hidden(options.token)}<input type="hidden" name="action" value="overview"><button type="submit" class="secondary">Zurück zur Übersicht, ohne zu senden</button></form>`;
}
