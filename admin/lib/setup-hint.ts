/**
 * Shown instead of the CMS when it cannot work: no repository configured for the online
 * backend and no decap-server answering on this machine.
 */
const DEFAULT_LOCAL_URL = 'http://localhost:8081/api/v1';

const localUrl = (localBackend: boolean | { url: string }) => (typeof localBackend === 'object' ? localBackend.url : DEFAULT_LOCAL_URL);

/** Decap's own probe: decap-server answers `{ action: 'info' }` with its repository. */
export async function localServerAnswers(localBackend: boolean | { url: string }): Promise<boolean> {
  if (!['localhost', '127.0.0.1'].includes(location.hostname)) return false;
  try {
    const response = await fetch(localUrl(localBackend), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ action: 'info' }) });
    const info = (await response.json()) as { repo?: unknown };
    return typeof info.repo === 'string';
  } catch {
    return false;
  }
}

export function showSetupHint(localBackend: boolean | { url: string }, problem?: string): void {
  const local = ['localhost', '127.0.0.1'].includes(location.hostname);
  const box = document.createElement('main');
  box.className = 'qn-setup';
  const heading = document.createElement('h1');
  heading.textContent = 'Die Redaktion ist hier noch nicht erreichbar';
  const text = document.createElement('p');
  text.textContent = problem
    ? problem
    : local
    ? `Auf diesem Rechner läuft der lokale Redaktionsserver nicht (erwartet unter ${localUrl(localBackend)}). Starten Sie die Website mit „npm start“ und laden Sie diese Seite neu.`
    : 'Für die Online-Redaktion ist noch kein GitHub-Repository eingetragen. Die Technik trägt es in Netlify als Umgebungsvariable PUBLIC_CMS_REPO ein (siehe docs/redaktion.md) und startet einen neuen Build.';
  box.append(heading, text);
  document.body.append(box);
}
