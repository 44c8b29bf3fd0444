/**
 * The CMS at /admin/: Decap bundled from npm (no CDN), set up in German with the
 * project's config, formats, widgets, previews and save check. The page that loads this
 * (src/pages/admin/index.astro) passes build-time data as JSON in #qn-cms-data.
 */
import CMS from 'decap-cms-app';
import { de } from 'decap-cms-locales';
import { fromJS } from 'immutable';
import siteCss from '../src/styles/global.css?inline';
import { berlinDate } from '../src/lib/dates.ts';
import { buildCmsConfig } from './config/build-config.ts';
import type { CmsData } from './config/cms-data.ts';
import { TAXONOMY_FORMAT } from './config/constants.ts';
import { yamlRootList } from './formats/yaml-root-list.ts';
import { translatedFrontmatter, joinLocales } from './formats/translated-frontmatter.ts';
import { CHECKED_SWITCH, DEFAULT_LOCALE, TRANSLATED_COLLECTIONS, TRANSLATIONS_FIELD, translatablePaths, translatedFormatName } from './config/translations.ts';
import type { MarkdownCollection } from '../src/schema/index.ts';
import { checkEntry, EntryCheckError } from './lib/entry-checks.ts';
import { useGermanTransliteration } from './lib/german-slug.ts';
import { germanLocale } from './lib/locale.ts';
import { showSetupHint, localServerAnswers } from './lib/setup-hint.ts';
import { installUploadGuard } from './lib/upload-guard.ts';
import { createPreviews } from './previews/templates.ts';
import { createGeoControl, GeoPreview } from './widgets/geo.ts';
import { createReviewedControl, ReviewedPreview } from './widgets/reviewed.ts';
import { CheckedTranslationControl, CheckedTranslationPreview } from './widgets/checked-translation.ts';
import { localeQuietControl } from './widgets/locale-quiet.ts';
import './styles/admin.css';

interface ImmutableEntry {
  get(key: string): unknown;
  getIn(path: string[]): unknown;
}

const data = JSON.parse(document.getElementById('qn-cms-data')?.textContent ?? '{}') as CmsData;
const config = buildCmsConfig(data, berlinDate(new Date()));

useGermanTransliteration();
// Only PDF and images may reach public/uploads/ (src/schema/uploads.ts).
installUploadGuard();
CMS.registerLocale('de', germanLocale(de));
CMS.registerCustomFormat(TAXONOMY_FORMAT, 'yml', yamlRootList);
for (const name of TRANSLATED_COLLECTIONS) CMS.registerCustomFormat(translatedFormatName(name), 'md', translatedFrontmatter(translatablePaths(name)));
// Decap's types expect function components; its widget wrapper needs class instances (isValid via ref).
CMS.registerWidget('geo', createGeoControl(data.map) as never, GeoPreview);
CMS.registerWidget('reviewed', createReviewedControl(data.reviewIntervalMonths) as never, ReviewedPreview);
CMS.registerWidget(CHECKED_SWITCH.widget, CheckedTranslationControl as never, CheckedTranslationPreview);
// Decap's relation control, kept from marking untouched entries as changed (locale-quiet.ts).
const relation = CMS.getWidget('relation') as { control: never; preview: never; schema?: never } | undefined;
// Decap's registry takes the widget's schema as a fourth argument, which its typings omit.
const registerWidget = CMS.registerWidget as (name: string, control: never, preview?: never, schema?: never) => void;
if (relation) registerWidget('relation', localeQuietControl(relation.control, DEFAULT_LOCALE) as never, relation.preview, relation.schema);
CMS.registerPreviewStyle(siteCss, { raw: true });
for (const [collection, template] of Object.entries(createPreviews(data))) CMS.registerPreviewTemplate(collection, template);

// Validate with the site's own schemas before anything is written; tidy empty values away.
CMS.registerEventListener({
  name: 'preSave',
  handler: ({ entry }: { entry: ImmutableEntry }) => {
    const collection = String(entry.get('collection'));
    let raw = (entry.get('data') as { toJS(): Record<string, unknown> }).toJS();
    const translated = TRANSLATED_COLLECTIONS.includes(collection as MarkdownCollection);
    if (translated) {
      // Check the entry as the file will hold it: the other languages' texts under `translations`.
      const i18n = (entry.get('i18n') as { toJS(): Record<string, { data?: Record<string, unknown> }> } | undefined)?.toJS() ?? {};
      const byLocale = Object.fromEntries(Object.entries(i18n).map(([lang, value]) => [lang, value?.data]));
      raw = joinLocales({ ...byLocale, [DEFAULT_LOCALE]: raw }, translatablePaths(collection as MarkdownCollection));
    }
    const { data: cleaned, problems } = checkEntry(
      { collection, file: String(entry.get('slug')), data: raw, isNew: Boolean(entry.get('newRecord')) },
      { usedTerms: data.usedTerms },
    );
    if (problems.length) throw new EntryCheckError(problems);
    // The translations travel in Decap's per-language data, not in the German fields.
    if (translated) delete cleaned[TRANSLATIONS_FIELD];
    return fromJS(cleaned);
  },
});

async function start() {
  if (data.backend.problem) {
    showSetupHint(config.local_backend, data.backend.problem);
    return;
  }
  // Without a repository only decap-server on this machine can work: say so instead of a GitHub login that cannot succeed.
  const needsRepo = data.backend.name === 'github' && !data.backend.options.repo;
  if (needsRepo && !data.backend.repo && !(await localServerAnswers(config.local_backend))) {
    showSetupHint(config.local_backend);
    return;
  }
  CMS.init({ config: config as never });
}

void start();
