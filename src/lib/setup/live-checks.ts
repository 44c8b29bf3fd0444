/**
 * Harmless reads that tell whether a key really works, for `npm run setup:check`: Resend
 * lists the account's domains (a sending-only key is refused there, and the newsletter
 * needs more than sending), GitHub reads the repository and its pull requests (a token
 * without access gets 404/403). Nothing is written anywhere.
 * RESEND_BASE_URL and GITHUB_API_URL point the maintained clients at local fakes in tests.
 */
import { Octokit } from '@octokit/rest';
import { Resend } from 'resend';

export interface LiveCheck {
  name: string;
  ok: boolean;
  /** German: what was found. */
  message: string;
}

export async function checkResend(key: string, senderAddress: string | undefined): Promise<LiveCheck> {
  const name = 'RESEND_API_KEY';
  const resend = new Resend(key);
  const { data, error } = await resend.domains.list();
  if (error) {
    if (error.name === 'restricted_api_key') {
      return { name, ok: false, message: 'Der Schlüssel darf nur senden. Für den Newsletter (Kontakte, Themen) braucht es einen Schlüssel mit „Full access“.' };
    }
    return { name, ok: false, message: `Resend lehnt den Schlüssel ab (${error.message}). Bitte einen neuen Schlüssel anlegen.` };
  }
  const domains = (data?.data ?? []) as { name: string; status: string }[];
  const senderDomain = senderAddress?.split('@').pop()?.replace(/>$/, '').trim().toLowerCase();
  if (!senderDomain) return { name, ok: true, message: `Schlüssel gültig (${domains.length} Domain(s)).` };
  const domain = domains.find((d) => d.name.toLowerCase() === senderDomain);
  if (!domain) return { name, ok: false, message: `Die Absender-Domain „${senderDomain}“ ist bei Resend nicht eingetragen. Unter „Domains“ hinzufügen und die DNS-Einträge setzen.` };
  if (domain.status !== 'verified') return { name, ok: false, message: `Die Absender-Domain „${senderDomain}“ ist bei Resend noch nicht bestätigt (Status: ${domain.status}). DNS-Einträge prüfen.` };
  return { name, ok: true, message: `Schlüssel gültig, Absender-Domain „${senderDomain}“ bestätigt.` };
}

export async function checkGitHub(token: string, repository: string, baseUrl = process.env.GITHUB_API_URL): Promise<LiveCheck> {
  const name = 'GITHUB_TOKEN';
  const [owner, repo] = repository.split('/');
  const octokit = new Octokit({ auth: token, baseUrl: baseUrl || undefined, request: { retries: 0 } });
  try {
    const { data } = await octokit.rest.repos.get({ owner, repo });
    if (data.permissions && !data.permissions.push) {
      return { name, ok: false, message: `Der Schlüssel darf „${repository}“ lesen, aber nicht schreiben. Im Token „Contents: Read and write“ erlauben.` };
    }
    await octokit.rest.pulls.list({ owner, repo, per_page: 1 });
    return { name, ok: true, message: `Schlüssel gültig, Zugriff auf „${repository}“ (schreiben, Pull Requests).` };
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 401) return { name, ok: false, message: 'GitHub lehnt den Schlüssel ab (ungültig oder abgelaufen). Bitte einen neuen anlegen.' };
    if (status === 404) return { name, ok: false, message: `Das Repository „${repository}“ gibt es nicht, oder der Schlüssel darf es nicht sehen. Im Token genau dieses Repository auswählen.` };
    if (status === 403) return { name, ok: false, message: 'Der Schlüssel darf die Pull Requests nicht lesen. Im Token „Pull requests: Read and write“ erlauben.' };
    return { name, ok: false, message: `GitHub war nicht erreichbar (${(error as Error).message}).` };
  }
}
