/**
 * HTML for the generated proposal forms (GOV.UK pattern: label, hint, error at the field,
 * `aria-describedby`), filled from the stored entry or from what was posted, so nothing a
 * partner typed is lost when a field is refused. Lists get their items plus one empty row.
 */
import type { FormField, PostedValues } from './form-model.ts';
import { FIELD_PREFIX } from './forms.ts';
import { escapeHtml as e } from './html.ts';

/** Posted values that show the stored entry: what the form sends back unchanged. */
export function postedFromEntry(fields: FormField[], data: Record<string, unknown>, prefix = FIELD_PREFIX, into: PostedValues = new Map()): PostedValues {
  for (const field of fields) {
    const key = `${prefix}${field.name}`;
    const value = data[field.name];
    if (value === undefined || value === null) continue;
    switch (field.kind) {
      case 'group':
        if (typeof value === 'object') postedFromEntry(field.fields, value as Record<string, unknown>, `${key}.`, into);
        break;
      case 'repeat':
        if (Array.isArray(value)) value.forEach((item, i) => item && typeof item === 'object' && postedFromEntry(field.fields, item as Record<string, unknown>, `${key}.${i}.`, into));
        break;
      case 'checkbox':
        if (value === true) into.set(key, ['on']);
        break;
      case 'choices':
        if (Array.isArray(value)) into.set(key, value.map(String));
        break;
      case 'words':
        if (Array.isArray(value)) into.set(key, [value.map(String).join(', ')]);
        break;
      default:
        into.set(key, [value instanceof Date ? value.toISOString().slice(0, 10) : String(value)]);
    }
  }
  return into;
}

const idFor = (name: string) => `feld-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

export interface RenderState {
  posted: PostedValues;
  /** Messages by posted name (with prefix). */
  errors: Map<string, string[]>;
}

function errorBlock(id: string, messages: string[] | undefined): string {
  return messages?.length ? `<p class="message" id="${id}-error"><span class="visually-hidden">Fehler: </span>${messages.map(e).join(' ')}</p>` : '';
}

function described(id: string, hint: string | undefined, messages: string[] | undefined): string {
  const ids = [hint ? `${id}-hint` : '', messages?.length ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids ? ` aria-describedby="${ids}"` : '';
}

function renderField(field: FormField, state: RenderState, prefix: string): string {
  const name = `${prefix}${field.name}`;
  const id = idFor(name);
  const messages = state.errors.get(name);
  const value = state.posted.get(name)?.[0] ?? '';
  const hint = field.hint ? `<p class="hint" id="${id}-hint">${e(field.hint)}</p>` : '';
  const invalid = messages?.length ? ' aria-invalid="true"' : '';
  const required = field.required ? ' <span class="required">(Pflichtfeld)</span>' : '';
  const wrap = (inner: string) => `<div class="field${messages?.length ? ' error' : ''}">${inner}</div>`;
  switch (field.kind) {
    case 'input':
      return wrap(`<label for="${id}">${e(field.label)}${required}</label>${hint}${errorBlock(id, messages)}<input type="${field.type}" id="${id}" name="${e(name)}" value="${e(value)}"${field.maxLength ? ` maxlength="${field.maxLength}"` : ''}${field.type === 'number' ? ' step="any"' : ''}${described(id, field.hint, messages)}${invalid}>`);
    case 'textarea':
      return wrap(`<label for="${id}">${e(field.label)}${required}</label>${hint}${errorBlock(id, messages)}<textarea id="${id}" name="${e(name)}" rows="4"${field.maxLength ? ` maxlength="${field.maxLength}"` : ''}${described(id, field.hint, messages)}${invalid}>${e(value)}</textarea>`);
    case 'checkbox':
      return wrap(`${errorBlock(id, messages)}<div class="check"><input type="checkbox" id="${id}" name="${e(name)}" value="on"${state.posted.has(name) ? ' checked' : ''}${described(id, field.hint, messages)}${invalid}><label for="${id}">${e(field.label)}</label></div>${hint}`);
    case 'select':
      return wrap(
        `<label for="${id}">${e(field.label)}${required}</label>${hint}${errorBlock(id, messages)}<select id="${id}" name="${e(name)}"${described(id, field.hint, messages)}${invalid}><option value="">– bitte wählen –</option>${field.options
          .map((o) => `<option value="${e(o.value)}"${o.value === value ? ' selected' : ''}>${e(o.label)}</option>`)
          .join('')}</select>`,
      );
    case 'choices': {
      const chosen = new Set(state.posted.get(name) ?? []);
      const boxes = field.options
        .map((o, i) => `<div class="check"><input type="checkbox" id="${id}-${i}" name="${e(name)}" value="${e(o.value)}"${chosen.has(o.value) ? ' checked' : ''}><label for="${id}-${i}">${e(o.label)}</label></div>`)
        .join('');
      return wrap(`<fieldset id="${id}"${described(id, field.hint, messages)}><legend>${e(field.label)}${required}</legend>${hint}${errorBlock(id, messages)}${boxes}</fieldset>`);
    }
    case 'words':
      return wrap(`<label for="${id}">${e(field.label)}${required}</label>${hint}${errorBlock(id, messages)}<input type="text" id="${id}" name="${e(name)}" value="${e(value)}"${described(id, field.hint, messages)}${invalid}>`);
    case 'group':
      return `<fieldset class="group" id="${id}"><legend>${e(field.label)}</legend>${hint}${errorBlock(id, messages)}${field.fields.map((f) => renderField(f, state, `${name}.`)).join('')}</fieldset>`;
    case 'repeat': {
      let count = 0;
      // Items that carry something; an empty "new" row sent back stays the one empty row.
      for (const [key, values] of state.posted) {
        const match = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d{1,2})\\.`).exec(key);
        if (match && values.some((v) => v.trim() !== '')) count = Math.max(count, Number(match[1]) + 1);
      }
      const items = Array.from({ length: Math.min(count + 1, 20) }, (_, i) =>
        `<fieldset class="item"><legend>${e(field.label)}: ${i < count ? `Eintrag ${i + 1}` : 'neuer Eintrag (leer lassen, wenn keiner dazukommt)'}</legend>${field.fields.map((f) => renderField(f, state, `${name}.${i}.`)).join('')}</fieldset>`,
      ).join('');
      return `<fieldset class="group" id="${id}"><legend>${e(field.label)}</legend>${hint}${errorBlock(id, messages)}${items}</fieldset>`;
    }
  }
}

export function renderFields(fields: FormField[], state: RenderState): string {
  return fields.map((field) => renderField(field, state, FIELD_PREFIX)).join('\n');
}

/** The id an error summary links to for a posted name: the field, or its nearest group. */
export function anchorFor(name: string): string {
  return `#${idFor(name)}`;
}
