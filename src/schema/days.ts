/**
 * The day codes of opening times, Monday first: defined once for the schemas, the
 * schedules and the finder's search data. No zod here, so the browser's finder can import
 * it without pulling in the schema library.
 */
export const DAYS = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'] as const;
export type Day = (typeof DAYS)[number];
