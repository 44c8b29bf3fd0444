/**
 * What a partner may propose per collection: the generated form (form-model.ts) minus
 * what identifies or links entries or needs the office (provider, review date, draft
 * state, translations, map points), and how a post becomes a new file text.
 */
import { MARKDOWN_COLLECTIONS } from '../../../src/schema/index.ts';
import { DAYS } from '../../../src/schema/common.ts';
import { ORGANISATION_KINDS } from '../../../src/schema/organisation.ts';
import { DAY_NAMES_DE } from '../../../src/lib/schedule.ts';
import { t, type MessageKey } from '../../../src/i18n/index.ts';
import { predictSlug } from '../../../admin/lib/german-slug.ts';
import type { PartnerDirectory } from './directory.ts';
import { entryData, withChanges } from './entry-file.ts';
import { formFor, knownNames, readField, type FormField, type PostedValues } from './form-model.ts';
import { validateEntry, type EditableCollection, type FieldProblem } from './validate.ts';

/** Posted field names carry this prefix, apart from the form's own controls. */
export const FIELD_PREFIX = 'f.';
export const BODY_FIELD = 'body';

const EXCLUDED: Record<EditableCollection, ReadonlySet<string>> = {
  offers: new Set(['provider', 'reviewed_at', 'draft', 'translations', 'location.geo']),
  organisations: new Set(['reviewed_at', 'translations', 'geo']),
};

export const BODY_LABEL: Record<EditableCollection, string> = { offers: 'Beschreibung', organisations: 'Aufgabenbeschreibung' };

export function proposalForm(collection: EditableCollection, directory: PartnerDirectory): FormField[] {
  const refs = directory.references;
  return formFor(MARKDOWN_COLLECTIONS[collection].schema, {
    exclude: EXCLUDED[collection],
    references: {
      networks: refs.networks.map((n) => ({ value: n.slug, label: n.label })),
      categories: refs.categories.map((c) => ({ value: c.slug, label: c.label })),
      audiences: refs.audiences.map((a) => ({ value: a.slug, label: a.label })),
    },
    optionLabels: {
      kind: Object.fromEntries(ORGANISATION_KINDS.map((kind) => [kind, t(`organisation.kind.${kind}` as MessageKey)])),
      'schedule.days': Object.fromEntries(DAYS.map((day) => [day, DAY_NAMES_DE[day].long])),
    },
  });
}

/** Posted names outside the form (and its controls): a tampered post, refused as a whole. */
export function unknownFields(fields: FormField[], posted: PostedValues, controls: ReadonlySet<string>): string[] {
  const patterns = knownNames(fields, FIELD_PREFIX.replace('.', '\\.'));
  return [...posted.keys()].filter((name) => !controls.has(name) && name !== BODY_FIELD && !patterns.some((p) => p.test(name)));
}

const isBlank = (value: unknown): boolean =>
  value === undefined || value === false || value === '' || (Array.isArray(value) && value.every(isBlank)) || (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(isBlank));

/**
 * The posted value laid over the stored one: what the form cannot show (excluded paths)
 * stays, and an unticked box or an empty group where the file said nothing (or only
 * "no") is no change, so an unchanged form gives an unchanged file.
 */
function overlay(stored: unknown, next: unknown, path: string, excluded: ReadonlySet<string>): unknown {
  if (excluded.has(path)) return stored;
  if (next === undefined) return isBlank(stored) ? stored : undefined;
  if (next === false && stored === undefined) return undefined;
  if (Array.isArray(next) && Array.isArray(stored)) return next.map((item, i) => overlay(stored[i], item, path, excluded));
  if (next && typeof next === 'object' && !Array.isArray(next) && stored && typeof stored === 'object' && !Array.isArray(stored)) {
    const result: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(stored), ...Object.keys(next)])) {
      const value = overlay((stored as Record<string, unknown>)[key], (next as Record<string, unknown>)[key], `${path}.${key}`, excluded);
      if (value !== undefined) result[key] = value;
    }
    return result;
  }
  return next;
}

export interface BuiltProposal {
  text: string;
  problems: FieldProblem[];
  /** True when the proposal changes nothing. */
  unchanged: boolean;
}

/** The file text a post proposes for an existing entry (`stored`) or a new one. */
export function buildProposal(collection: EditableCollection, slug: string, stored: string, posted: PostedValues, directory: PartnerDirectory): BuiltProposal {
  const fields = proposalForm(collection, directory);
  const current = entryData(stored) ?? {};
  const values: Record<string, unknown> = {};
  for (const field of fields) {
    values[field.name] = overlay(current[field.name], readField(field, posted, FIELD_PREFIX), field.name, EXCLUDED[collection]);
  }
  const body = posted.get(BODY_FIELD)?.[0];
  const text = withChanges(stored, values, body);
  return { text, problems: validateEntry(collection, slug, text, directory), unchanged: text === stored };
}

/** The starting file of a proposed new offer: the organisation as provider, reviewed today. */
export function newOfferTemplate(organisation: string, today: string): string {
  return `---\nprovider: ${organisation}\nreviewed_at: ${today}\n---\n`;
}

/** A free slug for a new offer's title ("-2", "-3" … when taken). */
export function newOfferSlug(title: string, taken: (slug: string) => boolean): string | undefined {
  const base = predictSlug(title).slice(0, 80).replace(/-+$/, '');
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(base)) return undefined;
  for (let n = 1; n < 50; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!taken(slug)) return slug;
  }
  return undefined;
}
