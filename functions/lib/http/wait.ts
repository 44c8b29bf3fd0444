/** "1 Minute", "3 Minuten", "1 minute", "3 dakika": how long to wait, with the language's plural rules. */
// Node 24 has Intl.DurationFormat; the TypeScript lib in use does not declare it yet.
type DurationFormatter = new (locale: string, options: { style: 'long' }) => { format(duration: Record<string, number>): string };
const DurationFormat = (Intl as unknown as { DurationFormat: DurationFormatter }).DurationFormat;

export function formatWait(ms: number, lang: string): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  const duration: Record<string, number> = minutes >= 120 ? { hours: Math.ceil(minutes / 60) } : { minutes };
  try {
    return new DurationFormat(lang, { style: 'long' }).format(duration);
  } catch {
    return new DurationFormat('de', { style: 'long' }).format(duration);
  }
}
