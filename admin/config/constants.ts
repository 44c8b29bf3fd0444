/** Names shared by the config, the custom format and the tests. */

/** The custom format that keeps the taxonomy files lists at the root. */
export const TAXONOMY_FORMAT = 'yaml-root-list';
/** The key the taxonomy format wraps the root list in, because Decap edits objects only. */
export const TAXONOMY_LIST_FIELD = 'items';
/** Where uploads land in the repository, and their public address. */
export const MEDIA_FOLDER = 'public/uploads';
export const PUBLIC_FOLDER = '/uploads';
