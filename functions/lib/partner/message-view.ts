/**
 * The page "Nachricht an das Netzwerk" (GOV.UK pattern as the proposal forms: label,
 * hint, error at the field, a summary linking to each). A plain multipart form: works
 * without JavaScript; what was typed is shown again on any refusal. Files cannot be
 * filled in again by a server (browsers forbid it), so the page says to choose them again.
 */
import { escapeHtml as e } from './html.ts';
import { MAX_ATTACHMENTS, MAX_MESSAGE_BYTES, MAX_TEXT_LENGTH, MAX_TITLE_LENGTH, MESSAGE_FIELDS, formatMb, tooLargeMessage, tooManyFilesMessage, type MessageInput, type MessageProblems, type NetworkChoice } from './message.ts';
import { PARTNER_PATH, flashBox, hidden, type Flash } from './views.ts';

/**
 * With JavaScript, the form says before sending what the server would refuse by size or
 * count: a post over the cap never reaches the function on Netlify (its own error page,
 * not ours), and waiting for a 4 MB upload to be refused helps nobody. The messages are
 * the server's own, rendered into data attributes; the server checks everything again.
 */
export const MESSAGE_SCRIPT = `document.querySelectorAll('form[data-max-bytes]').forEach(function (form) {
  form.addEventListener('submit', function (event) {
    var input = form.querySelector('input[type=file]');
    var files = Array.prototype.slice.call((input && input.files) || []);
    var total = files.reduce(function (sum, file) { return sum + file.size; }, 0);
    var text = '';
    if (files.length > Number(form.dataset.maxFiles)) text = form.dataset.tooMany.replace('{count}', String(files.length));
    else if (total > Number(form.dataset.maxBytes)) text = form.dataset.tooLarge.replace('{size}', (total / 1048576).toLocaleString('de-DE', { maximumFractionDigits: 1 }) + ' MB');
    if (!text) return;
    event.preventDefault();
    var box = document.getElementById('nachricht-anhaenge-error');
    if (!box) {
      box = document.createElement('p');
      box.className = 'message';
      box.id = 'nachricht-anhaenge-error';
      box.setAttribute('role', 'alert');
      input.parentNode.insertBefore(box, input);
      input.setAttribute('aria-describedby', 'nachricht-anhaenge-hint nachricht-anhaenge-error');
    }
    box.textContent = text;
    input.parentNode.classList.add('error');
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  });
});`;

const ANCHORS: Record<keyof MessageProblems, string> = { title: 'nachricht-titel', text: 'nachricht-text', networks: 'nachricht-netzwerke', attachments: 'nachricht-anhaenge', form: '' };

function errors(id: string, messages: string[] | undefined): string {
  return messages?.length ? `<p class="message" id="${id}-error"><span class="visually-hidden">Fehler: </span>${messages.map(e).join(' ')}</p>` : '';
}

const describedBy = (id: string, messages: string[] | undefined) => ` aria-describedby="${id}-hint${messages?.length ? ` ${id}-error` : ''}"${messages?.length ? ' aria-invalid="true"' : ''}`;

export function messageBody(options: { organisationName: string; networks: NetworkChoice[]; token: string; input?: MessageInput; problems?: MessageProblems; flash?: Flash; filesChosen?: boolean }): string {
  const { networks, token, problems = {} } = options;
  const input = options.input ?? { title: '', text: '', networks: networks.length === 1 ? [networks[0].slug] : [] };
  const listed = (Object.entries(problems) as Array<[keyof MessageProblems, string[]]>).flatMap(([field, messages]) => messages.map((message) => ({ field, message })));
  const summary = listed.length
    ? `<div class="summary" role="alert" tabindex="-1"><h2>Bitte prüfen Sie diese Angaben</h2><ul>${listed.map((p) => (ANCHORS[p.field] ? `<li><a href="#${ANCHORS[p.field]}">${e(p.message)}</a></li>` : `<li>${e(p.message)}</li>`)).join('')}</ul>${options.filesChosen ? '<p>Bitte wählen Sie Ihre Anhänge noch einmal aus: Aus Sicherheitsgründen kann die Seite sie nicht für Sie aufbewahren.</p>' : ''}</div>`
    : '';
  if (!networks.length) {
    return `<h1>Nachricht an das Netzwerk</h1>
<div class="box box--error" role="alert"><p>${e(options.organisationName)} gehört laut Ihrem Profil zu keinem Netzwerk. Nachrichten gehen an die Netzwerke, zu denen Ihre Organisation gehört: Schlagen Sie im Profil die Netzwerke vor, oder wenden Sie sich an das Sozialbüro.</p></div>
<form method="post" action="${PARTNER_PATH}">${hidden(token)}<input type="hidden" name="action" value="overview"><button type="submit" class="secondary">Zurück zur Übersicht</button></form>`;
  }
  const chosen = new Set(input.networks);
  const boxes = networks
    .map((n, i) => `<div class="check"><input type="checkbox" id="nachricht-netzwerke-${i}" name="${MESSAGE_FIELDS.networks}" value="${e(n.slug)}"${chosen.has(n.slug) ? ' checked' : ''}><label for="nachricht-netzwerke-${i}">${e(n.label)}</label></div>`)
    .join('');
  const f = (field: keyof MessageProblems) => (problems[field]?.length ? ' error' : '');
  return `<h1>Nachricht an das Netzwerk</h1>
${flashBox(options.flash)}${summary}
<p>Ihre Nachricht erscheint nach der Freigabe durch das Sozialbüro unter „Aktuelles“ und auf der Seite des Netzwerks, mit „von ${e(options.organisationName)}“. Sie geht einmal per E-Mail an alle, die den Newsletter der gewählten Netzwerke abonniert haben; PDF-Anhänge stehen darin als Link.</p>
<form method="post" action="${PARTNER_PATH}" enctype="multipart/form-data" novalidate data-max-files="${MAX_ATTACHMENTS}" data-max-bytes="${MAX_MESSAGE_BYTES}" data-too-many="${e(tooManyFilesMessage('{count}'))}" data-too-large="${e(tooLargeMessage('{size}'))}">${hidden(token)}<input type="hidden" name="action" value="send-message">
<div class="field${f('title')}"><label for="nachricht-titel">Titel <span class="required">(Pflichtfeld)</span></label><p class="hint" id="nachricht-titel-hint">Kurz und klar, z. B. „Praktikumsplätze gesucht“. Höchstens ${MAX_TITLE_LENGTH} Zeichen.</p>${errors('nachricht-titel', problems.title)}<input type="text" id="nachricht-titel" name="${MESSAGE_FIELDS.title}" maxlength="${MAX_TITLE_LENGTH}" value="${e(input.title)}"${describedBy('nachricht-titel', problems.title)}></div>
<div class="field${f('text')}"><label for="nachricht-text">Nachricht <span class="required">(Pflichtfeld)</span></label><p class="hint" id="nachricht-text-hint">Absätze durch eine Leerzeile trennen. **fett**, Listen mit „- “ und Links wie [Text](https://…) sind möglich. Der erste Absatz dient als Kurzfassung. Keine Namen oder Daten von Bewohnerinnen und Bewohnern.</p>${errors('nachricht-text', problems.text)}<textarea id="nachricht-text" name="${MESSAGE_FIELDS.text}" rows="12" maxlength="${MAX_TEXT_LENGTH}"${describedBy('nachricht-text', problems.text)}>${e(input.text)}</textarea></div>
<div class="field${f('networks')}"><fieldset id="nachricht-netzwerke"${describedBy('nachricht-netzwerke', problems.networks)}><legend>An welche Netzwerke? <span class="required">(Pflichtfeld)</span></legend><p class="hint" id="nachricht-netzwerke-hint">Nur die Netzwerke, zu denen Ihre Organisation gehört.</p>${errors('nachricht-netzwerke', problems.networks)}${boxes}</fieldset></div>
<div class="field${f('attachments')}"><label for="nachricht-anhaenge">Anhänge (PDF)</label><p class="hint" id="nachricht-anhaenge-hint">Bis zu ${MAX_ATTACHMENTS} PDF-Dateien, zusammen höchstens ${formatMb(MAX_MESSAGE_BYTES)}. Andere Dateiarten (Word, Bilder) speichern Sie bitte vorher als PDF.</p>${errors('nachricht-anhaenge', problems.attachments)}<input type="file" id="nachricht-anhaenge" name="${MESSAGE_FIELDS.attachments}" accept=".pdf,application/pdf" multiple${describedBy('nachricht-anhaenge', problems.attachments)}></div>
<div class="actions"><button type="submit">Nachricht zur Freigabe senden</button></div>
</form>
<form method="post" action="${PARTNER_PATH}">${hidden(token)}<input type="hidden" name="action" value="overview"><button type="submit" class="secondary">Zurück zur Übersicht, ohne zu senden</button></form>`;
}
