/**
 * The address of the site under `netlify serve --offline` for the open-data tests.
 * QN_OPEN_DATA_URL points at a server already running (while iterating on the exports).
 */
export async function openDataBase(): Promise<string> {
  const url = process.env.QN_OPEN_DATA_URL;
  if (!url) throw new Error('QN_OPEN_DATA_URL is not set');
  return url.replace(/\/$/, '');
}
