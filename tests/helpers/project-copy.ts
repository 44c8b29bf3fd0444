/**
 * A throw-away copy of the project for tests that change content or run a build of their
 * own (imports, a new district): everything a build reads is copied, node_modules linked.
 */
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const COPIED = ['content', 'content-template', 'public', 'src', 'admin', 'scripts', 'functions', 'docs', 'astro.config.mjs', 'package.json', 'tsconfig.json', 'netlify.toml'];

export interface ProjectCopy {
  root: string;
  remove(): void;
}

export function copyProject(prefix = 'qn-project-'): ProjectCopy {
  const source = resolve('.');
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const entry of COPIED) if (existsSync(join(source, entry))) cpSync(join(source, entry), join(root, entry), { recursive: true });
  symlinkSync(join(source, 'node_modules'), join(root, 'node_modules'));
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}
