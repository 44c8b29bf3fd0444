/**
 * Fetches the search data once, on first use (focus, first tap or a query in the URL).
 * A failed fetch is forgotten, so the next use tries again; until then the page stays the
 * plain list of every offer.
 */
import type { SearchData } from '../../search/data.ts';
import { createSearchIndex, type SearchIndex } from '../../search/inverted-index.ts';

export interface SearchLoader {
  readonly index: SearchIndex | undefined;
  readonly failed: boolean;
  load(): Promise<SearchIndex | undefined>;
  /** A new input clears the failure, so the finder tries again. */
  retry(): void;
}

export function createSearchLoader(url: string, onFailure: () => void): SearchLoader {
  let index: SearchIndex | undefined;
  let pending: Promise<SearchIndex | undefined> | undefined;
  let failed = false;
  return {
    get index() {
      return index;
    },
    get failed() {
      return failed;
    },
    retry() {
      failed = false;
    },
    load() {
      return (pending ??= fetch(url)
        .then((response) => {
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          return response.json() as Promise<SearchData>;
        })
        .then((data) => {
          failed = false;
          return (index = createSearchIndex(data));
        })
        .catch(() => {
          failed = true;
          pending = undefined;
          onFailure();
          return undefined;
        }));
    },
  };
}
