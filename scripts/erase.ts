/**
 * `npm run erase -- <email>`: deletes everything stored about one person (newsletter
 * consent and throttle, undelivered contact messages, the Resend contact) and prints
 * what was removed. Exit 1 if anything failed; running it again is safe.
 *
 * Needs the production environment: NETLIFY_SITE_ID and NETLIFY_AUTH_TOKEN (a personal
 * access token) for Blobs, QN_RATE_LIMIT_SALT (the keys are derived from it) and
 * RESEND_API_KEY. Inside `netlify dev`/tests NETLIFY_BLOBS_CONTEXT is used as it is.
 */
import { normaliseEmail } from '../functions/lib/newsletter/address.ts';
import { checkAddress } from '../functions/lib/address.ts';
import { erasePerson } from '../functions/lib/erase/erase-person.ts';
import { useProductionBlobs } from './lib/production-blobs.ts';

const OUTCOME = { removed: 'gelöscht', none: 'nichts gespeichert', skipped: 'übersprungen', failed: 'FEHLGESCHLAGEN' } as const;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const email = normaliseEmail(process.argv[2] ?? '');
if (!email || process.argv.length > 3 || !checkAddress(email).ok) fail('Aufruf: npm run erase -- <E-Mail-Adresse>  (genau eine gültige Adresse)');

if (!process.env.NETLIFY_BLOBS_CONTEXT) {
  // The Blobs keys are HMACs under this secret: without the production value nothing would be found.
  if (!process.env.QN_RATE_LIMIT_SALT) fail('QN_RATE_LIMIT_SALT fehlt: Ohne den Wert aus den Netlify-Einstellungen findet das Skript die Einträge nicht.');
}
useProductionBlobs(fail);

const steps = await erasePerson(email);
console.log(`Löschung für ${email}:`);
for (const s of steps) console.log(`- ${s.what}: ${OUTCOME[s.outcome]}${s.detail ? ` (${s.detail})` : ''}`);
console.log('- Vermerke benutzter Bestätigungslinks und Doppelklick-Prüfsummen: enthalten keine Adresse, laufen nach ihrer Frist ab');
const failed = steps.filter((s) => s.outcome === 'failed');
if (failed.length) {
  console.error(`\n${failed.length} Schritt(e) fehlgeschlagen. Bitte später erneut ausführen: npm run erase -- ${email}`);
  process.exitCode = 1;
}
