/** Modules without type declarations that the CMS and its tests use. */
declare module 'decap-cms-locales' {
  export const de: Record<string, unknown>;
}
declare module 'diacritics' {
  const diacritics: { remove(text: string): string; diacriticsMap: Record<string, string> };
  export default diacritics;
}
declare module 'decap-cms-core/dist/esm/formats/frontmatter.js' {
  export function frontmatterYAML(): { fromFile(text: string): Record<string, unknown>; toFile(data: Record<string, unknown>, sortedKeys?: string[]): string };
}
declare module 'decap-cms-core/dist/esm/formats/yaml.js' {
  const yaml: { fromFile(text: string): Record<string, unknown>; toFile(data: Record<string, unknown>, sortedKeys?: string[]): string };
  export default yaml;
}
declare module 'decap-cms-core/dist/esm/lib/urlHelper.js' {
  export function sanitizeSlug(text: string, options?: unknown): string;
}
declare module 'decap-cms-lib-widgets/dist/esm/stringTemplate.js' {
  export function compileStringTemplate(template: string, date: Date | null, identifier: string, data: unknown, processor?: (value: unknown) => string): string;
}
declare module 'lodash/flow' {
  const flow: (fns: Array<(value: never) => unknown>) => (value: unknown) => unknown;
  export default flow;
}
