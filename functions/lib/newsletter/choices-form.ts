/**
 * The choice "what do I get from this network" as a plain HTML form part (checkboxes,
 * no script), shared by the confirm page and the preferences page, and the one reader
 * of what such a form posts. Field `receives` repeats as `<network>:<choice>`; the
 * hidden `choices` marks a form that offered the choice, so "no box ticked" is told
 * apart from an older form (or a replayed link) that never asked (= everything).
 */
import type { NewsletterNetwork } from './data.ts';
import { MAIL_CHOICES, type Choices, type MailChoice } from './subscribers.ts';
import { escapeHtml } from './templates.ts';
import type { Fields } from './request.ts';

export const CHOICE_LABELS: Record<MailChoice, string> = {
  news: 'Neuigkeiten (Meldungen)',
  invitations: 'Einladungen zu Treffen, mit Änderungen und Absagen',
  minutes: 'Protokolle der Treffen',
};

/** "Einladungen und Protokolle" – what a network delivers, in a sentence. */
export function choicesText(chosen: MailChoice[]): string {
  const names: Record<MailChoice, string> = { news: 'Neuigkeiten', invitations: 'Einladungen', minutes: 'Protokolle' };
  const parts = MAIL_CHOICES.filter((c) => chosen.includes(c)).map((c) => names[c]);
  if (parts.length === MAIL_CHOICES.length) return 'alles (Neuigkeiten, Einladungen, Protokolle)';
  return parts.length <= 1 ? (parts[0] ?? 'nichts') : `${parts.slice(0, -1).join(', ')} und ${parts.at(-1)}`;
}

/**
 * One fieldset per network with a checkbox per kind. `lang`: the page's language; the
 * labels exist in German only, so on other pages they are marked as German.
 */
export function choicesFieldsets(networks: NewsletterNetwork[], chosen: Choices, lang = 'de'): string {
  const german = lang === 'de' ? '' : ' lang="de" dir="ltr"';
  const sets = networks.map((n) => {
    const boxes = MAIL_CHOICES.map((c) => {
      const id = `receives-${n.slug}-${c}`;
      const checked = (chosen[n.slug] ?? MAIL_CHOICES).includes(c) ? ' checked' : '';
      return `<label for="${escapeHtml(id)}"><input type="checkbox" id="${escapeHtml(id)}" name="receives" value="${escapeHtml(`${n.slug}:${c}`)}"${checked}> ${escapeHtml(CHOICE_LABELS[c])}</label>`;
    });
    return `<fieldset id="netzwerk-${escapeHtml(n.slug)}"><legend>${escapeHtml(n.title)}</legend>\n${boxes.join('\n')}\n</fieldset>`;
  });
  return `<div${german}>\n<input type="hidden" name="choices" value="1">\n${sets.join('\n')}\n</div>`;
}

export type ReadChoices =
  | { ok: true; choices: Choices | undefined }
  /** `choices` as ticked (to show the form again), `empty`: networks with nothing ticked. */
  | { ok: false; choices: Choices; empty: string[] };

/** What was ticked for `networks`; undefined choices when the form did not offer any. */
export function readChoices(fields: Fields, networks: string[]): ReadChoices {
  if (!fields.has('choices')) return { ok: true, choices: undefined };
  const ticked = new Set(fields.get('receives') ?? []);
  const choices: Choices = {};
  for (const slug of networks) choices[slug] = MAIL_CHOICES.filter((c) => ticked.has(`${slug}:${c}`));
  const empty = networks.filter((slug) => choices[slug].length === 0);
  return empty.length ? { ok: false, choices, empty } : { ok: true, choices };
}

/** The error summary at the top of the form, linking to each network's fieldset (German, marked so on other pages). */
export function emptyChoicesSummary(empty: NewsletterNetwork[], unsubscribeHint: string, lang = 'de'): string {
  const german = lang === 'de' ? '' : ' lang="de" dir="ltr"';
  const items = empty.map((n) => `<li><a href="#netzwerk-${escapeHtml(n.slug)}">${escapeHtml(`${n.title}: Bitte mindestens eine Art ankreuzen.`)}</a></li>`);
  return `<div class="box box--error" role="alert"${german}><h2>Bitte wählen Sie aus, was Sie bekommen möchten</h2><ul>${items.join('')}</ul><p>${escapeHtml(unsubscribeHint)}</p></div>`;
}
