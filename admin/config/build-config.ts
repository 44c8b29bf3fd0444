/**
 * The whole Decap configuration, handed to `CMS.init({ config })` (no config.yml).
 * The backend comes from the build environment (see cms-data.ts), never from code:
 * - on localhost, Decap first looks for decap-server (`npm start`) and edits content/ directly;
 * - elsewhere, the GitHub backend signs in through an OAuth gateway (Netlify's by default)
 *   and every change waits as a draft (pull request) until the social office publishes it.
 */
import type { CmsData } from './cms-data.ts';
import { buildCollections, type CmsCollection } from './collections.ts';
import { MEDIA_FOLDER, PUBLIC_FOLDER } from './constants.ts';
import { I18N_CONFIG } from './translations.ts';

export interface CmsConfig {
  load_config_file: false;
  locale: string;
  backend: Record<string, unknown> & { name: string };
  local_backend: boolean | { url: string };
  publish_mode: 'editorial_workflow' | 'simple';
  media_folder: string;
  public_folder: string;
  site_url?: string;
  display_url?: string;
  slug: { encoding: 'ascii' | 'unicode'; clean_accents: boolean; sanitize_replacement: string };
  collections: CmsCollection[];
  [key: string]: unknown;
}

export function buildCmsConfig(data: CmsData, today: string): CmsConfig {
  const b = data.backend;
  return {
    load_config_file: false,
    locale: 'de',
    backend: {
      name: b.name,
      // Without a repository only the local backend can work; cms.ts explains that on screen.
      ...(b.repo || b.name === 'github' ? { repo: b.repo ?? 'nicht-eingerichtet/quartiersnetz' } : {}),
      branch: b.branch,
      base_url: b.baseUrl,
      auth_endpoint: b.authEndpoint,
      ...(b.siteDomain ? { site_domain: b.siteDomain } : {}),
      open_authoring: b.openAuthoring,
      squash_merges: true,
      commit_messages: {
        create: 'Neu: {{collection}} „{{slug}}“',
        update: 'Geändert: {{collection}} „{{slug}}“',
        delete: 'Gelöscht: {{collection}} „{{slug}}“',
        uploadMedia: 'Datei hochgeladen: {{path}}',
        deleteMedia: 'Datei gelöscht: {{path}}',
        openAuthoring: '{{message}} (Vorschlag von {{author-login}})',
      },
      ...b.options,
    },
    local_backend: b.localBackendUrl ? { url: b.localBackendUrl } : true,
    // decap-server in files mode cannot hold drafts; Decap then falls back to publishing directly.
    publish_mode: 'editorial_workflow',
    media_folder: MEDIA_FOLDER,
    public_folder: PUBLIC_FOLDER,
    ...(b.siteUrl ? { site_url: b.siteUrl, display_url: b.siteUrl } : {}),
    slug: { encoding: 'ascii', clean_accents: true, sanitize_replacement: '-' },
    // Side-by-side translations; see admin/config/translations.ts for the file structure.
    i18n: I18N_CONFIG,
    collections: buildCollections(data, today),
  };
}
