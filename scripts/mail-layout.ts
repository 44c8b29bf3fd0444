/**
 * `npm run mail:layout`: compiles the MJML mail layout (functions/lib/mail-layout/source)
 * with the site's colours into functions/lib/mail-layout/compiled.ts. Run it after
 * changing the layout or the colour tokens in src/styles/global.css.
 */
import { readFileSync, writeFileSync } from 'node:fs';
// @ts-expect-error mjml 5 ships no type declarations
import mjml2html from 'mjml';
import { compileLayout, compiledModule } from '../functions/lib/mail-layout/source/compile.ts';

export const COMPILED_FILE = 'functions/lib/mail-layout/compiled.ts';

const { theme, shell } = await compileLayout(mjml2html, readFileSync('src/styles/global.css', 'utf8'));
writeFileSync(COMPILED_FILE, compiledModule(theme, shell));
console.log(`Mail-Layout geschrieben: ${COMPILED_FILE} (${(shell.length / 1024).toFixed(1)} KB)`);
