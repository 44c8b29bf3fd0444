/** Years a yearly report page is built for: from the first meeting or offer to this year. */
import { berlinDate, berlinYear } from '../dates.ts';
import type { ContentSet } from '../load-content.ts';

export function reportYears(content: ContentSet, now: Date): number[] {
  const current = Number(berlinDate(now).slice(0, 4));
  const starts = [
    ...content.meetings.map((m) => berlinYear(m.data.starts_at)),
    ...content.offers.flatMap((o) => (o.data.starts_on ? [Number(o.data.starts_on.slice(0, 4))] : [])),
    ...content.news.map((n) => Number(n.data.date.slice(0, 4))),
  ].filter((y) => y <= current);
  const first = Math.min(current, ...starts);
  return Array.from({ length: current - first + 1 }, (_, i) => current - i);
}
