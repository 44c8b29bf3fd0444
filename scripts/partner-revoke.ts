/**
 * `npm run partner:revoke -- <organisation>`: the office's emergency brake for partner
 * links. Every link of that organisation issued until now stops working (the page then
 * explains how to request a new one); links issued afterwards (the next reminder, "Link
 * anfordern") work again. Needs the production Blobs access of scripts/lib/production-blobs.ts.
 */
import { loadContent } from '../src/lib/load-content.ts';
import { PROPOSAL_STORE } from '../functions/lib/partner/proposals.ts';
import { revokeLinks } from '../functions/lib/partner/links.ts';
import { store } from '../functions/lib/stores.ts';
import { useProductionBlobs } from './lib/production-blobs.ts';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const slug = process.argv[2] ?? '';
if (!slug || process.argv.length > 3) fail('Aufruf: npm run partner:revoke -- <Kennung der Organisation>  (der Dateiname in content/organisations/ ohne .md)');
const organisation = loadContent(process.cwd()).content.organisations.find((entry) => entry.id === slug);
if (!organisation) fail(`Keine Organisation „${slug}“ in content/organisations/. Bitte die Kennung prüfen (Dateiname ohne .md).`);
useProductionBlobs(fail);

await revokeLinks(store(PROPOSAL_STORE), slug);
console.log(`Alle bisher verschickten Partner-Links von „${organisation.data.name}“ gelten ab jetzt nicht mehr.`);
console.log('Einen neuen Link bekommt die Organisation mit der nächsten monatlichen Erinnerung oder über „Link anfordern“ auf /partner/.');
