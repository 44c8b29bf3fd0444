/**
 * Triggers a Netlify build through a build hook, so offers expire and "next meetings"
 * move on every day without anyone committing. Without a hook URL it does nothing and
 * says so: a local or preview setup has no hook.
 */
export interface RebuildResult {
  triggered: boolean;
  status?: number;
  message: string;
}

export async function triggerRebuild(hookUrl: string | undefined, options: { fetch?: typeof fetch; timeoutMs?: number; title?: string } = {}): Promise<RebuildResult> {
  if (!hookUrl) return { triggered: false, message: 'daily-rebuild: NETLIFY_BUILD_HOOK_URL is not set, nothing to do' };
  let url: URL;
  try {
    url = new URL(hookUrl);
  } catch {
    return { triggered: false, message: 'daily-rebuild: NETLIFY_BUILD_HOOK_URL is not a valid URL' };
  }
  // Netlify shows this as the deploy message.
  url.searchParams.set('trigger_title', options.title ?? 'Täglicher Neubau (Angebote und Termine aktualisieren)');
  try {
    const response = await (options.fetch ?? fetch)(url, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' }, signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
    await response.body?.cancel().catch(() => {});
    if (!response.ok) return { triggered: false, status: response.status, message: `daily-rebuild: build hook answered ${response.status}` };
    return { triggered: true, status: response.status, message: 'daily-rebuild: build triggered' };
  } catch (error) {
    return { triggered: false, message: `daily-rebuild: build hook not reachable: ${String((error as Error)?.message ?? error)}` };
  }
}
