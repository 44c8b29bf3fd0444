/**
 * Decap's German interface with a few phrases made plainer: the field checks show the
 * schema's own message (not "does not match the pattern"), and a refused save says why.
 */
type Phrases = Record<string, unknown>;

const OVERRIDES: Phrases = {
  auth: { login: 'Anmelden' },
  editor: {
    editorControlPane: { widget: { regexPattern: '%{fieldLabel}: %{pattern}' } },
    // "Abgeschlossen" reads like "done"; the column means "checked by the social office".
    editorToolbar: { ready: 'Geprüft' },
  },
  workflow: {
    workflowList: {
      readyHeader: 'Geprüft',
      onPublishingNotReadyEntry: 'Veröffentlichen lassen sich nur Beiträge in der Spalte „Geprüft“. Ziehen Sie den Beitrag dorthin, wenn Sie ihn geprüft haben.',
    },
  },
  ui: {
    toast: { onFailToPersist: 'Nicht gespeichert. %{details}' },
  },
};

function merge(base: Phrases, extra: Phrases): Phrases {
  const result: Phrases = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = result[key];
    result[key] = value && typeof value === 'object' && current && typeof current === 'object' ? merge(current as Phrases, value as Phrases) : value;
  }
  return result;
}

export function germanLocale(de: unknown): Phrases {
  return merge(de as Phrases, OVERRIDES);
}
