/**
 * Progressive enhancement for ContactForm.astro: sends the form in the background and
 * shows the answer in place. On an error the form keeps everything typed; each error
 * appears at its field and in a summary on top that links to the field (GOV.UK
 * pattern). Without this script the form still works as a plain POST.
 * Also stamps when the form appeared and when it was sent (both from this device's
 * clock), which the function uses for its minimum fill time.
 */

import { CONTACT_FIELD_IDS } from '../forms/contact.ts';

interface FieldError {
  field: string;
  message: string;
}

type Answer = { ok: true; title: string; message: string } | { ok: false; errors: FieldError[] };

const FIELD_IDS: Record<string, string> = CONTACT_FIELD_IDS;

function enhance(section: HTMLElement) {
  const form = section.querySelector<HTMLFormElement>('form[data-contact-form]');
  if (!form) return;
  const summary = section.querySelector<HTMLElement>('[data-summary]')!;
  const summaryList = section.querySelector<HTMLElement>('[data-summary-list]')!;
  const done = section.querySelector<HTMLElement>('[data-done]')!;
  const button = form.querySelector<HTMLButtonElement>('[data-submit]')!;
  const label = button.textContent ?? '';
  const started = form.querySelector<HTMLInputElement>('[data-started]');
  if (started) started.value = String(Date.now());

  const clearErrors = () => {
    summary.hidden = true;
    summaryList.replaceChildren();
    for (const field of form.querySelectorAll<HTMLElement>('[data-field]')) {
      field.classList.remove('contact-form__field--error');
      const error = field.querySelector<HTMLElement>('[data-error]');
      if (error) {
        error.hidden = true;
        error.textContent = '';
      }
      const control = field.querySelector<HTMLElement>('input, textarea');
      if (control) {
        control.removeAttribute('aria-invalid');
        const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && !id.endsWith('-error'));
        if (ids.length) control.setAttribute('aria-describedby', ids.join(' '));
        else control.removeAttribute('aria-describedby');
      }
    }
  };

  const showErrors = (errors: FieldError[]) => {
    clearErrors();
    const prefix = form.dataset.errorPrefix ?? '';
    const atField = new Map<string, string[]>();
    for (const error of errors) {
      const item = document.createElement('li');
      const id = FIELD_IDS[error.field];
      if (id && form.querySelector(`[data-field="${error.field}"]`)) {
        const link = document.createElement('a');
        link.href = `#${id}`;
        link.textContent = error.message;
        link.addEventListener('click', (event) => {
          event.preventDefault();
          document.getElementById(id)?.focus();
        });
        item.append(link);
        atField.set(error.field, [...(atField.get(error.field) ?? []), error.message]);
      } else {
        item.textContent = error.message;
      }
      summaryList.append(item);
    }
    for (const [name, messages] of atField) {
      const field = form.querySelector<HTMLElement>(`[data-field="${name}"]`)!;
      field.classList.add('contact-form__field--error');
      const message = field.querySelector<HTMLElement>('[data-error]')!;
      const hidden = document.createElement('span');
      hidden.className = 'visually-hidden';
      hidden.textContent = `${prefix} `;
      message.replaceChildren(hidden, document.createTextNode(messages.join(' ')));
      message.hidden = false;
      const control = document.getElementById(FIELD_IDS[name]);
      if (control) {
        control.setAttribute('aria-invalid', 'true');
        const ids = new Set((control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
        ids.add(message.id);
        control.setAttribute('aria-describedby', [...ids].join(' '));
      }
    }
    summary.hidden = false;
    summary.focus();
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (button.disabled) return;
    const body = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (typeof value === 'string') body.append(name, value);
    body.set('sent', String(Date.now()));
    button.disabled = true;
    button.textContent = form.dataset.sending ?? label;
    let answer: Answer;
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      answer = (await response.json()) as Answer;
    } catch {
      answer = { ok: false, errors: [{ field: 'form', message: form.dataset.unavailable ?? '' }] };
    } finally {
      button.disabled = false;
      button.textContent = label;
    }
    if (answer.ok) {
      clearErrors();
      done.querySelector('[data-done-title]')!.textContent = answer.title;
      done.querySelector('[data-done-text]')!.textContent = answer.message;
      done.hidden = false;
      form.hidden = true;
      done.focus();
    } else {
      showErrors(answer.errors);
    }
  });
}

export function enhanceContactForms() {
  for (const section of document.querySelectorAll<HTMLElement>('[data-contact]')) enhance(section);
}
