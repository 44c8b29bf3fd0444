/**
 * Zod issues in words an editor understands. Schema-level messages (set where a field
 * is defined) win; this map covers the generic cases: missing, wrong type, too long,
 * not one of the allowed values, unknown field.
 */
import type { z } from 'zod';

const TYPE_NAMES: Record<string, string> = {
  string: 'ein Text',
  number: 'eine Zahl',
  int: 'eine ganze Zahl',
  boolean: 'ja oder nein (true/false)',
  array: 'eine Liste',
  object: 'eine Gruppe von Feldern',
  date: 'ein Datum',
};

function describeInput(input: unknown): string {
  if (input === null) return 'nichts';
  if (Array.isArray(input)) return 'eine Liste';
  if (input instanceof Date) return 'ein Datum';
  switch (typeof input) {
    case 'string':
      return `den Text „${input.length > 40 ? `${input.slice(0, 40)}…` : input}“`;
    case 'number':
      return `die Zahl ${input}`;
    case 'boolean':
      return input ? 'ja (true)' : 'nein (false)';
    case 'object':
      return 'eine Gruppe von Feldern';
    default:
      return String(typeof input);
  }
}

export const germanErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Pflichtfeld fehlt. Bitte ausfüllen.';
      return `Erwartet wird ${TYPE_NAMES[issue.expected] ?? issue.expected}, gefunden wurde ${describeInput(issue.input)}. Bitte korrigieren.`;
    case 'too_small':
      if (issue.origin === 'string') return issue.minimum === 1 ? 'Darf nicht leer sein. Bitte ausfüllen.' : `Zu kurz: mindestens ${issue.minimum} Zeichen.`;
      if (issue.origin === 'array') return `Braucht mindestens ${issue.minimum} Eintrag/Einträge.`;
      return `Zu klein: mindestens ${issue.minimum}.`;
    case 'too_big':
      if (issue.origin === 'string') return `Zu lang: höchstens ${issue.maximum} Zeichen. Bitte kürzen.`;
      if (issue.origin === 'array') return `Zu viele Einträge: höchstens ${issue.maximum}.`;
      return `Zu groß: höchstens ${issue.maximum}.`;
    case 'invalid_value':
      return `${typeof issue.input === 'string' ? `„${issue.input}“` : describeInput(issue.input)} ist nicht erlaubt. Erlaubt sind: ${issue.values.map(String).join(', ')}.`.replace(/^./, (c) => c.toUpperCase());
    case 'unrecognized_keys':
      return `Unbekanntes Feld: ${issue.keys.map((k) => `\`${k}\``).join(', ')}. Prüfen Sie die Schreibweise oder entfernen Sie das Feld.`;
    case 'invalid_format':
      return 'Hat nicht das erwartete Format.';
    default:
      return undefined;
  }
};

/** An error message that says "missing" when nothing was entered, else `message`. */
export const orMissing = (message: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'Pflichtfeld fehlt. Bitte ausfüllen.' : message;

/** `schedule.0.opens` → `schedule[1].opens`: list positions counted from 1, as editors count. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((segment, index) => (typeof segment === 'number' ? `[${segment + 1}]` : `${index === 0 ? '' : '.'}${String(segment)}`))
    .join('');
}
