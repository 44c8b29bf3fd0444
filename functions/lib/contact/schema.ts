/**
 * The contact form's rules (zod), with a message per field in the visitor's language. Text is normalised
 * (NFC, trimmed) before it is measured, so "10 characters" means what a person sees,
 * give or take combining marks. Anything that could reach a mail header is single-line
 * and free of control characters; the message may hold line breaks but no other control
 * characters.
 */
import { z } from 'zod';
import { checkAddress } from '../address.ts';
import { CONTACT_FIELDS, CONTACT_LIMITS } from '../../../src/forms/contact.ts';
import { DEFAULT_LANG, useTranslations, type Language, type MessageKey } from '../../../src/i18n/index.ts';

type Translate = ReturnType<typeof useTranslations>;
import type { ContactInput, FieldError } from './types.ts';

// The limits and field names live in the form's contract (src/forms/contact.ts).
export const NAME_MAX = CONTACT_LIMITS.nameMax;
export const MESSAGE_MIN = CONTACT_LIMITS.messageMin;
export const MESSAGE_MAX = CONTACT_LIMITS.messageMax;

export const FORM_FIELDS = CONTACT_FIELDS;

const LINE_BREAK = /[\r\n\u0085\u2028\u2029]/;
// C0/C1 controls, DEL, bidi overrides and isolates, zero-width and BOM, noncharacters.
const BAD_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ufffe\uffff]/;
// In the message, tabs and line breaks are fine; right-to-left marks are legitimate in
// Arabic or Hebrew text, overrides that flip what the reader sees are not.
const BAD_IN_MESSAGE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/;

const normalise = (value: string) => value.normalize('NFC').trim();
const length = (value: string) => [...value].length;

/** The rules with their messages in `lang`: a Turkish visitor reads Turkish messages. */
function buildSchema(lang: Language) {
  const t = useTranslations(lang);
  /**
   * A required text field. Forbidden characters are checked before trimming, so a
   * trailing line break or a leading byte order mark is refused, not silently removed.
   */
  function textField(t: Translate, messages: { required: MessageKey; type: MessageKey }, forbidden: { pattern: RegExp; message: string }[]) {
    let field = z.string({ error: (issue) => (issue.input === undefined || issue.input === null ? t(messages.required) : t(messages.type)) });
    for (const rule of forbidden) field = field.refine((value) => !rule.pattern.test(value), { error: rule.message, abort: true });
    return field.transform(normalise).refine((value) => value.length > 0, { error: t(messages.required), abort: true });
  }

  const name = textField(t, { required: 'contact.error.name.required', type: 'contact.error.name.type' }, [
    { pattern: LINE_BREAK, message: t('contact.error.name.lineBreak') },
    { pattern: BAD_IN_NAME, message: t('contact.error.name.characters') },
  ]).superRefine((value, ctx) => {
    const count = length(value);
    if (count > NAME_MAX) ctx.addIssue({ code: 'custom', message: t('contact.error.name.tooLong', { max: NAME_MAX, count }) });
  });

  const email = textField(t, { required: 'contact.error.email.required', type: 'contact.error.email.type' }, [
    { pattern: LINE_BREAK, message: t('contact.error.email.lineBreak') },
  ]).superRefine((value, ctx) => {
    const check = checkAddress(value);
    if (check.ok) return;
    const key = ({ missing: 'contact.error.email.required', characters: 'address.error.characters', confusable: 'address.error.confusable', invalid: 'contact.error.email.invalid' } as const)[check.problem];
    ctx.addIssue({ code: 'custom', message: t(key) });
  });

  const message = textField(t, { required: 'contact.error.message.required', type: 'contact.error.message.type' }, [
    { pattern: BAD_IN_MESSAGE, message: t('contact.error.message.characters') },
  ])
    .transform((value) => value.replace(/\r\n?/g, '\n'))
    .superRefine((value, ctx) => {
      const count = length(value);
      if (count < MESSAGE_MIN) ctx.addIssue({ code: 'custom', message: t('contact.error.message.tooShort', { min: MESSAGE_MIN, count }) });
      if (count > MESSAGE_MAX) ctx.addIssue({ code: 'custom', message: t('contact.error.message.tooLong', { max: MESSAGE_MAX.toLocaleString('de-DE'), count: count.toLocaleString('de-DE') }) });
    });

  // A checkbox sends "on" (or the value the form gives it); JSON clients send true.
  const consent = z.union([z.literal(true), z.enum(['on', 'true', 'yes', 'ja', '1'])], { error: t('contact.error.consent.required') });

  const recipient = z
    .string({ error: (issue) => (issue.input === undefined || issue.input === null ? t('contact.error.recipient.required') : t('contact.error.recipient.unknown')) })
    .min(1, { error: t('contact.error.recipient.required') })
    .regex(/^(?:office|(?:organisations|offers|networks)\/[a-z0-9]+(?:-[a-z0-9]+)*)$/, { error: t('contact.error.recipient.unknown') });

  /** Hidden fields: what a browser sends is checked in spam.ts; here only the shape. */
  const timestamp = z.union([z.string().regex(/^\d{0,16}$/), z.number().int().nonnegative()]).optional();

  return z.object({
    recipient,
    name,
    email,
    message,
    consent,
    homepage: z.string({ error: t('contact.error.spam') }).optional(),
    started: timestamp,
    sent: timestamp,
  });
}

const schemas = new Map<Language, ReturnType<typeof buildSchema>>();
export function contactSchemaFor(lang: Language = DEFAULT_LANG): ReturnType<typeof buildSchema> {
  let schema = schemas.get(lang);
  if (!schema) schemas.set(lang, (schema = buildSchema(lang)));
  return schema;
}

export const contactSchema = contactSchemaFor(DEFAULT_LANG);

export type ValidatedForm = z.output<typeof contactSchema>;

export type Validation = { ok: true; input: ContactInput; form: ValidatedForm } | { ok: false; errors: FieldError[] };

/** Order in which errors are listed: the order of the fields on the page. */
const FIELD_ORDER = ['form', 'recipient', 'name', 'email', 'message', 'consent'];

export function validateContact(fields: Record<string, unknown>, repeated: string[] = [], lang: Language = DEFAULT_LANG): Validation {
  const t = useTranslations(lang);
  const errors: FieldError[] = [];
  for (const key of Object.keys(fields)) {
    if (!(FORM_FIELDS as readonly string[]).includes(key)) errors.push({ field: 'form', message: t('contact.error.field.unknown', { field: key.slice(0, 40) }) });
  }
  for (const key of repeated) errors.push({ field: (FORM_FIELDS as readonly string[]).includes(key) ? key : 'form', message: t('contact.error.field.repeated', { field: key.slice(0, 40) }) });
  // `lang` only chooses the language of the answer (contact.ts); anything unknown means German.
  const { lang: _lang, ...rest } = fields;
  const result = contactSchemaFor(lang).safeParse(rest);
  if (!result.success) {
    const seen = new Set<string>();
    for (const issue of result.error.issues) {
      const field = typeof issue.path[0] === 'string' ? issue.path[0] : 'form';
      // The hidden fields are not the visitor's doing: one message about the form.
      const shown = field === 'started' || field === 'sent' ? 'form' : field === 'homepage' ? 'form' : field;
      const text = field === 'started' || field === 'sent' ? t('contact.error.field.type', { field }) : issue.message;
      if (seen.has(`${shown}:${text}`)) continue;
      seen.add(`${shown}:${text}`);
      errors.push({ field: shown, message: text });
    }
  }
  if (errors.length > 0 || !result.success) {
    return { ok: false, errors: errors.sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field)) };
  }
  const { recipient: to, name: sender, email: address, message: text } = result.data;
  return { ok: true, input: { recipient: to, name: sender, email: address, message: text }, form: result.data };
}
