/**
 * Office scripts that change what the functions keep in Netlify Blobs (erase, partner
 * link revocation) reach the production store with NETLIFY_SITE_ID and a personal access
 * token (NETLIFY_AUTH_TOKEN). Inside `netlify dev`, `npm start` or tests the context the
 * tooling provides (NETLIFY_BLOBS_CONTEXT) is used as it is.
 */
export function useProductionBlobs(fail: (message: string) => never): void {
  if (process.env.NETLIFY_BLOBS_CONTEXT) return;
  const siteID = process.env.NETLIFY_SITE_ID;
  const token = process.env.NETLIFY_AUTH_TOKEN;
  if (!siteID || !token) fail('NETLIFY_SITE_ID und NETLIFY_AUTH_TOKEN fehlen: ohne sie erreicht das Skript den Datenspeicher (Netlify Blobs) nicht.');
  process.env.NETLIFY_BLOBS_CONTEXT = Buffer.from(JSON.stringify({ siteID, token })).toString('base64');
}
