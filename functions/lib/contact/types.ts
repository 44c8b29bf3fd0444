/** Shapes shared by the contact modules. */

/** `field` is a form field name, or `form` for what concerns the whole request. */
export interface FieldError {
  field: string;
  message: string;
}

/** A request the contact function turns away: always a 4xx, with messages in the form's language. */
export interface Refusal {
  status: number;
  errors: FieldError[];
  headers?: Record<string, string>;
}

/** What a visitor sent, after validation and normalisation. */
export interface ContactInput {
  recipient: string;
  name: string;
  email: string;
  message: string;
}

export const refuse = (status: number, field: string, message: string, headers?: Record<string, string>): Refusal => ({
  status,
  errors: [{ field, message }],
  headers,
});
