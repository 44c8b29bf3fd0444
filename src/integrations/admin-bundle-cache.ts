/**
 * The Decap CMS bundle for /admin/, built once and reused while its sources stay the same
 * (issue 17: bundling decap-cms-app cost about 4 CPU seconds of every build, although a CMS
 * save, a partner confirmation or the daily rebuild changes content only).
 *
 * An entry of the cache is a folder named by its key, holding the built files (under the
 * assets folder, `_astro/`) and a manifest. The key is a hash of every project file the
 * bundler read (admin/**, the schemas, src/lib, the site stylesheet: taken from the bundle's
 * own module graph, so a newly imported file is covered once the importing file changes),
 * package-lock.json (Decap, React, Vite: everything under node_modules), the bundler
 * settings and this module's own code. Entries are content-addressed, so builds of
 * different worktrees or benches may share one cache folder.
 *
 * The default folder is node_modules/.cache/quartiersnetz/admin-bundle: Netlify keeps
 * node_modules between builds, and so does a laptop.
 */
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InlineConfig, Manifest, Plugin } from 'vite';

/** The CMS entry module, relative to the project root. */
export const ADMIN_ENTRY = 'admin/cms.ts';
const MANIFEST = 'qn-admin-bundle.json';
/** Entries kept per cache folder (one per recent state of admin/ and the lock file). */
const KEEP_ENTRIES = 6;
/** Files that shape the bundle without being in its module graph. */
const EXTRA_INPUTS = ['package-lock.json', '.env', '.env.production', '.env.local', '.env.production.local'];
const OWN_SOURCE = fileURLToPath(import.meta.url);

export interface BundleSettings {
  /** Vite `define` of the site (astro.config.mjs): the same replacements as under `astro dev`. */
  define?: Record<string, string>;
  /** Vite `build.assetsInlineLimit` of the site. */
  assetsInlineLimit?: number | ((file: string, content: Buffer) => boolean | undefined);
  /** Folder of hashed assets inside dist/ (Astro's `build.assets`). */
  assetsDir: string;
}

export interface AdminBundle {
  key: string;
  /** Where the built files are: the entry folder in the cache. */
  dir: string;
  /** Site paths the page loads: the entry script and its stylesheets. */
  script: string;
  styles: string[];
  /** Every file of the bundle, relative to `dir` (and to dist/). */
  files: string[];
  /** Project files (relative, `/`-separated) whose contents make up the key. */
  inputs: string[];
  /** True when this build took the bundle from the cache. */
  reused: boolean;
}

type Stored = Omit<AdminBundle, 'dir' | 'reused'>;

/** `QN_ADMIN_BUNDLE_CACHE` names another folder (tests, or a machine whose node_modules is shared). */
export const defaultCacheDir = (root: string) => process.env.QN_ADMIN_BUNDLE_CACHE || join(root, 'node_modules', '.cache', 'quartiersnetz', 'admin-bundle');

/** What the bundler settings contribute to the key (functions by their source). */
function settingsFingerprint(settings: BundleSettings): string {
  return JSON.stringify({ define: settings.define ?? {}, inline: String(settings.assetsInlineLimit ?? ''), assets: settings.assetsDir });
}

/** Replacements Vite makes from the environment (PUBLIC_* variables, as Astro does). */
const publicEnv = () =>
  Object.keys(process.env)
    .filter((name) => name.startsWith('PUBLIC_'))
    .sort()
    .map((name) => `${name}=${process.env[name]}`);

/**
 * The key for the bundle of `root` built from `inputs`. A missing input hashes as missing,
 * so a deleted file changes the key too.
 */
export function bundleKey(root: string, inputs: string[], settings: BundleSettings): string {
  const hash = createHash('sha256');
  hash.update(settingsFingerprint(settings)).update('\0').update(publicEnv().join('\n')).update('\0');
  hash.update(readFileSync(OWN_SOURCE));
  for (const input of [...new Set([...inputs, ...EXTRA_INPUTS])].sort()) {
    const path = join(root, input);
    hash.update(`\0${input}\0`);
    hash.update(existsSync(path) ? readFileSync(path) : '\0missing');
  }
  return hash.digest('hex').slice(0, 24);
}

function readStored(entryDir: string): Stored | undefined {
  try {
    return JSON.parse(readFileSync(join(entryDir, MANIFEST), 'utf8')) as Stored;
  } catch {
    return undefined; // half-written or foreign folder: not an entry
  }
}

/** The cached bundle whose sources are those of `root` now, if there is one. */
export function findCachedBundle(root: string, cacheDir: string, settings: BundleSettings): AdminBundle | undefined {
  if (!existsSync(cacheDir)) return undefined;
  for (const name of readdirSync(cacheDir)) {
    const dir = join(cacheDir, name);
    const stored = readStored(dir);
    if (!stored || stored.key !== name) continue;
    if (bundleKey(root, stored.inputs, settings) !== stored.key) continue;
    if (!stored.files.every((file) => existsSync(join(dir, file)))) continue;
    const now = new Date();
    utimesSync(dir, now, now); // in use: the last entry pruning drops
    return { ...stored, dir, reused: true };
  }
  return undefined;
}

/** Collects the project files the bundler read (node_modules is covered by the lock file). */
function inputCollector(projectRoot: string, inputs: Set<string>): Plugin {
  const root = resolve(projectRoot);
  return {
    name: 'quartiersnetz:admin-bundle-inputs',
    buildEnd() {
      for (const id of this.getModuleIds()) {
        const file = id.split('?')[0];
        if (file.startsWith('\0') || !file.startsWith(root + sep) || file.includes(`${sep}node_modules${sep}`)) continue;
        inputs.add(relative(root, file).split(sep).join('/'));
      }
    },
  };
}

function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path, base) : [relative(base, path).split(sep).join('/')];
  });
}

/** Bundles admin/cms.ts with Vite into `outDir` (emptied first). */
async function buildBundle(root: string, outDir: string, settings: BundleSettings): Promise<Omit<Stored, 'key'>> {
  const { build } = await import('vite');
  const inputs = new Set<string>();
  const config: InlineConfig = {
    configFile: false,
    root,
    mode: 'production',
    logLevel: 'warn',
    publicDir: false,
    envPrefix: 'PUBLIC_',
    // Always React's and Decap's production code: Vite would otherwise take NODE_ENV from
    // the process, and a bundle made under `npm start` or a test (development, test) went
    // into the same cache as a build's and was deployed from there.
    define: { ...settings.define, 'process.env.NODE_ENV': JSON.stringify('production') },
    plugins: [inputCollector(root, inputs)],
    build: {
      outDir,
      emptyOutDir: true,
      assetsDir: settings.assetsDir,
      manifest: MANIFEST.replace('.json', '.vite.json'),
      assetsInlineLimit: settings.assetsInlineLimit,
      // Decap is known to be large (stack notes); admin.bench.ts reports its size.
      chunkSizeWarningLimit: 50_000,
      rollupOptions: {
        input: join(root, ADMIN_ENTRY),
        // Known and harmless in Decap's dependencies: 'use client' marks (React server
        // components, meaningless in a browser bundle) and direct eval in Node-only branches.
        onwarn(warning, warn) {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE' && warning.code !== 'EVAL') warn(warning);
        },
        // Named like Astro's own assets.
        output: {
          entryFileNames: `${settings.assetsDir}/[name].[hash].js`,
          chunkFileNames: `${settings.assetsDir}/[name].[hash].js`,
          assetFileNames: `${settings.assetsDir}/[name].[hash][extname]`,
        },
      },
    },
  };
  await build(config);
  const manifestFile = join(outDir, MANIFEST.replace('.json', '.vite.json'));
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  rmSync(manifestFile);
  const entry = manifest[ADMIN_ENTRY];
  if (!entry?.isEntry) throw new Error(`Das CMS-Paket (${ADMIN_ENTRY}) wurde gebaut, aber Vite nennt keinen Einstieg dafür.`);
  // Stylesheets of the entry and of every chunk it imports statically load with the page.
  const styles = new Set<string>();
  const seen = new Set<string>();
  const collectCss = (id: string) => {
    if (seen.has(id) || !manifest[id]) return;
    seen.add(id);
    for (const css of manifest[id].css ?? []) styles.add(`/${css}`);
    for (const imported of manifest[id].imports ?? []) collectCss(imported);
  };
  collectCss(ADMIN_ENTRY);
  return { script: `/${entry.file}`, styles: [...styles], files: filesUnder(outDir).sort(), inputs: [...inputs].sort() };
}

/** Drops all but the newest entries (by last use), and folders of builds that died an hour ago. */
function prune(cacheDir: string): void {
  const entries = readdirSync(cacheDir).map((name) => ({ name, time: statSync(join(cacheDir, name)).mtimeMs }));
  const stale = entries.filter(({ name, time }) => name.startsWith('tmp-') && time < Date.now() - 3_600_000);
  const kept = entries.filter(({ name }) => !name.startsWith('tmp-')).sort((a, b) => b.time - a.time);
  for (const { name } of [...stale, ...kept.slice(KEEP_ENTRIES)]) rmSync(join(cacheDir, name), { recursive: true, force: true });
}

/**
 * The CMS bundle for `root`: from the cache when its sources are unchanged, otherwise
 * built and stored. Concurrent builds each write a private folder and rename it into
 * place; the first one wins, the others use its files.
 */
export async function ensureAdminBundle(root: string, settings: BundleSettings, cacheDir = defaultCacheDir(root)): Promise<AdminBundle> {
  const cached = findCachedBundle(root, cacheDir, settings);
  if (cached) return cached;
  mkdirSync(cacheDir, { recursive: true });
  const tmp = join(cacheDir, `tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const built = await buildBundle(root, tmp, settings);
    const key = bundleKey(root, built.inputs, settings);
    const stored: Stored = { key, ...built };
    writeFileSync(join(tmp, MANIFEST), `${JSON.stringify(stored, null, 2)}\n`);
    const dir = join(cacheDir, key);
    if (existsSync(dir)) rmSync(tmp, { recursive: true, force: true });
    else {
      try {
        renameSync(tmp, dir);
      } catch (error) {
        if (!existsSync(join(dir, MANIFEST))) throw error;
        rmSync(tmp, { recursive: true, force: true }); // another build stored the same key first
      }
    }
    prune(cacheDir);
    return { ...stored, dir, reused: false };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Copies the bundle's files into the built site. */
export function copyAdminBundle(bundle: AdminBundle, dist: string): void {
  for (const file of bundle.files) cpSync(join(bundle.dir, file), join(dist, file));
}
