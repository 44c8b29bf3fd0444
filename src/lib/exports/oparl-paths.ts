/**
 * Where OParl objects and list pages live, and how a list is cut into pages: shared by
 * the export (oparl.ts) and the filter function (oparl-api.ts), which must page exactly
 * as the static files do. Free of content and i18n code, so the function stays small.
 */
import { OPARL_PAGE_SIZE } from './config.ts';

type Json = Record<string, unknown>;

/** Where each object lives, relative to the site root. */
export const oparlPaths = {
  system: () => 'oparl/system.json',
  object: (type: OparlObjectType, id: string) => `oparl/${type}/${id}.json`,
  list: (key: string, page: number) => `oparl/list/${key}/${page}.json`,
  /**
   * A File's `downloadUrl`: a copy of the upload that is served with
   * `Content-Disposition: attachment` (netlify.toml), as OParl requires; the `accessUrl`
   * (the upload itself) opens in the browser. Two URLs, since one cannot do both.
   */
  download: (key: string, fileName: string) => `oparl/download/${key}/${fileName}`,
};

export const OPARL_OBJECT_TYPES = ['body', 'organization', 'meeting', 'agenda-item', 'file', 'location', 'legislative-term'] as const;
export type OparlObjectType = (typeof OPARL_OBJECT_TYPES)[number];

/** Splits a list into pages with `data`, `pagination` and `links`, as OParl 1.1 lists have. */
export function paginate(items: Json[], url: (page: number) => string, pageSize = OPARL_PAGE_SIZE): Json[] {
  const totalPages = Math.max(1, Math.ceil(items.length / pageSize));
  return Array.from({ length: totalPages }, (_, index) => {
    const page = index + 1;
    return {
      data: items.slice(index * pageSize, page * pageSize),
      pagination: { totalElements: items.length, elementsPerPage: pageSize, currentPage: page, totalPages },
      links: {
        first: url(1),
        ...(page > 1 ? { prev: url(page - 1) } : {}),
        self: url(page),
        ...(page < totalPages ? { next: url(page + 1) } : {}),
        last: url(totalPages),
      },
    };
  });
}
