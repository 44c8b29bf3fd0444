/**
 * Escaping text for HTML, written once for the pages' scripts, the health report and every
 * mail and answer page of the functions.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in element content and in quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/**
 * Element content only: quotes stay as they are. For Markdown summaries, where GitHub
 * shows entities inside code spans literally and a quote there must stay readable.
 */
export function escapeText(value: string): string {
  return value.replace(/[&<>]/g, (c) => ENTITIES[c]);
}
