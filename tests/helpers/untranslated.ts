/**
 * An entry file's text without its `translations` block: the German text alone, as a new
 * partner entry is until the nightly translation has run.
 */
export function withoutTranslations(text: string): string {
  return text.replace(/^translations:\n(?: {2}.*\n)*/m, '');
}
