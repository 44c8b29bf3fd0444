/**
 * Every setting (environment variable) the site reads, in one list: what it is for, whether
 * production needs it, how to get it, and how to tell a malformed value. The setup check
 * (`npm run setup:check`), the production build gate, the office's status page
 * (/admin/zustand/) and the Netlify deploy template (netlify.toml `[template.environment]`,
 * checked by a test) all read this list. Values are never shown anywhere, only their state.
 */

export type SettingGroup = 'mail' | 'newsletter' | 'privacy' | 'cms' | 'partner' | 'upkeep' | 'translation' | 'address';

export interface Setting {
  name: string;
  group: SettingGroup;
  /** German: what it does for the site. */
  purpose: string;
  /** Without it, a production build refuses to go online. */
  requiredInProduction: boolean;
  /** German: how to get or make the value. */
  howToGet: string;
  /** German problem with a present value, or undefined when it looks right. */
  check?: (value: string) => string | undefined;
  /** A value never worth a secret (shown in the deploy template as the default). */
  example?: string;
}

export const SECRET_COMMAND = 'openssl rand -base64 48';

const longSecret = (value: string) =>
  value.length < 32 ? `ist nur ${value.length} Zeichen lang; nötig sind mindestens 32 zufällige Zeichen (erzeugen mit: ${SECRET_COMMAND}).` : undefined;
const repoName = (value: string) => (/^[\w.-]+\/[\w.-]+$/.test(value) ? undefined : 'hat nicht die Form „besitzer/repository“ (z. B. „sozialbuero/quartiersnetz“).');
const httpsUrl = (value: string) => {
  try {
    return new URL(value).protocol === 'https:' ? undefined : 'muss mit https:// beginnen.';
  } catch {
    return 'ist keine gültige Adresse (URL).';
  }
};

export const SETTINGS: Setting[] = [
  {
    name: 'RESEND_API_KEY',
    group: 'mail',
    purpose: 'Verschickt alle E-Mails (Kontaktformular, Newsletter, Erinnerungen) über Resend. Ohne ihn landen Mails nur im lokalen Postausgang.',
    requiredInProduction: true,
    howToGet: 'resend.com → API Keys → „Create API Key“ mit „Full access“ (der Newsletter braucht Kontakte und Themen); vorher unter „Domains“ die Absender-Domain bestätigen.',
    check: (value) => (/^re_[A-Za-z0-9_]{8,}$/.test(value) ? undefined : 'sieht nicht wie ein Resend-Schlüssel aus (er beginnt mit „re_“).'),
  },
  {
    name: 'MAIL_FROM',
    group: 'mail',
    purpose: 'Absender der Mails, z. B. „Quartiersnetz <post@ihre-domain.de>“. Ohne ihn gilt der Newsletter-Absender aus content/settings/site.yml.',
    requiredInProduction: false,
    howToGet: 'Eine Adresse der bei Resend bestätigten Domain.',
    check: (value) => (/^([^<>]*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/.test(value.trim()) ? undefined : 'ist keine E-Mail-Adresse der Form „Name <adresse@domain.de>“.'),
  },
  {
    name: 'NEWSLETTER_SECRET',
    group: 'newsletter',
    purpose: 'Unterschreibt die Bestätigungs- und Abmeldelinks des Newsletters.',
    requiredInProduction: true,
    howToGet: `Selbst erzeugen: ${SECRET_COMMAND}. Beim Wechsel den alten Wert in NEWSLETTER_SECRET_PREVIOUS eintragen.`,
    check: longSecret,
  },
  {
    name: 'NEWSLETTER_SECRET_PREVIOUS',
    group: 'newsletter',
    purpose: 'Der vorige NEWSLETTER_SECRET nach einem Wechsel: Abmeldelinks in schon verschickten Mails gelten weiter.',
    requiredInProduction: false,
    howToGet: 'Nur nach einem Wechsel: der alte Wert von NEWSLETTER_SECRET.',
    check: longSecret,
  },
  {
    name: 'QN_RATE_LIMIT_SALT',
    group: 'privacy',
    purpose: 'Geheimer Zusatz, mit dem IP- und E-Mail-Adressen vor dem Speichern unkenntlich gemacht werden (Datenschutz).',
    requiredInProduction: true,
    howToGet: `Selbst erzeugen: ${SECRET_COMMAND}. Später nicht mehr ändern: die gespeicherten Newsletter-Anmeldungen werden über ihn gefunden.`,
    check: longSecret,
  },
  {
    name: 'QN_CONTACT_RATE_LIMIT',
    group: 'privacy',
    purpose: 'Wie viele Nachrichten ein Absender in welcher Zeit schicken darf, als „Anzahl/Sekunden“ (Standard 5/600).',
    requiredInProduction: false,
    howToGet: 'Nur ändern, wenn das Kontaktformular zu oft abweist.',
    check: (value) => (/^\d+\/\d+$/.test(value.trim()) ? undefined : 'hat nicht die Form „Anzahl/Sekunden“, z. B. „5/600“.'),
    example: '5/600',
  },
  {
    name: 'PUBLIC_CMS_REPO',
    group: 'cms',
    purpose: 'Das GitHub-Repository, in das die Online-Redaktion (/admin/) speichert.',
    requiredInProduction: true,
    howToGet: 'Name des eigenen GitHub-Repositorys, z. B. „sozialbuero/quartiersnetz“; dazu in GitHub eine OAuth-App mit der Callback-Adresse https://api.netlify.com/auth/done und bei Netlify unter „Access control → OAuth“ eintragen.',
    check: repoName,
  },
  {
    name: 'PUBLIC_CMS_BRANCH',
    group: 'cms',
    purpose: 'Der Branch, in den die Redaktion speichert (Standard „main“).',
    requiredInProduction: false,
    howToGet: 'Nur ändern, wenn das Repository einen anderen Haupt-Branch hat.',
    example: 'main',
  },
  {
    name: 'PARTNER_SECRET',
    group: 'partner',
    purpose: 'Unterschreibt die persönlichen Links, mit denen Partner ihre Einträge ohne Konto bestätigen und Änderungen vorschlagen.',
    requiredInProduction: true,
    howToGet: `Selbst erzeugen: ${SECRET_COMMAND}. Beim Wechsel den alten Wert in PARTNER_SECRET_PREVIOUS eintragen.`,
    check: longSecret,
  },
  {
    name: 'PARTNER_SECRET_PREVIOUS',
    group: 'partner',
    purpose: 'Der vorige PARTNER_SECRET nach einem Wechsel: schon verschickte Partner-Links gelten weiter.',
    requiredInProduction: false,
    howToGet: 'Nur nach einem Wechsel: der alte Wert von PARTNER_SECRET.',
    check: longSecret,
  },
  {
    name: 'GITHUB_TOKEN',
    group: 'partner',
    purpose: 'Damit speichert die Website Bestätigungen und Vorschläge der Partner im Repository (als Vorschlag zur Freigabe in /admin/).',
    requiredInProduction: true,
    howToGet: 'GitHub → Settings → Developer settings → Fine-grained tokens: nur dieses Repository, Rechte „Contents: Read and write“ und „Pull requests: Read and write“.',
    check: (value) => (/^(github_pat_|ghp_|ghs_|gho_)[A-Za-z0-9_]{10,}$/.test(value) ? undefined : 'sieht nicht wie ein GitHub-Token aus (er beginnt mit „github_pat_“).'),
  },
  {
    name: 'GITHUB_REPO',
    group: 'partner',
    purpose: 'Das Repository für die Vorschläge der Partner (meist dasselbe wie PUBLIC_CMS_REPO).',
    requiredInProduction: true,
    howToGet: 'Wie PUBLIC_CMS_REPO: „besitzer/repository“.',
    check: repoName,
  },
  {
    name: 'GITHUB_BRANCH',
    group: 'partner',
    purpose: 'Der Branch, auf den Bestätigungen gehen (Standard „main“).',
    requiredInProduction: false,
    howToGet: 'Nur ändern, wenn das Repository einen anderen Haupt-Branch hat.',
    example: 'main',
  },
  {
    name: 'NETLIFY_BUILD_HOOK_URL',
    group: 'upkeep',
    // Not required: the hook exists only once the site does, so a first deploy cannot have it.
    purpose: 'Baut die Website jede Nacht neu, damit abgelaufene Angebote und vergangene Termine von selbst verschwinden. Ohne ihn verschwinden sie erst beim nächsten Speichern.',
    requiredInProduction: false,
    howToGet: 'Nach dem ersten Deploy: Netlify → Site configuration → Build & deploy → Build hooks → „Add build hook“, Adresse hier eintragen.',
    check: httpsUrl,
  },
  {
    name: 'DEEPL_API_KEY',
    group: 'translation',
    purpose: 'Übersetzt neue und geänderte Angebote nachts automatisch in die fünf weiteren Sprachen. Ohne ihn bleibt es bei den Übersetzungen, die im Inhalt stehen.',
    requiredInProduction: false,
    howToGet: 'deepl.com → „DeepL API Free“ (500.000 Zeichen im Monat) → Konto → API-Schlüssel.',
    check: (value) => (/^[0-9a-f-]{20,}(:fx)?$/i.test(value.trim()) ? undefined : 'sieht nicht wie ein DeepL-Schlüssel aus.'),
  },
  {
    name: 'QN_PUBLIC_URL',
    group: 'address',
    purpose: 'Die Adresse, auf die Links in Mails zeigen, wenn sie nicht die aus content/settings/site.yml (website_url) oder die Netlify-Adresse sein soll.',
    requiredInProduction: false,
    howToGet: 'Die eigene Domain, z. B. https://quartiersnetz-kinderhaus.de',
    check: httpsUrl,
  },
];

export type SettingStatus = 'missing' | 'malformed' | 'present';

export interface SettingState {
  setting: Setting;
  status: SettingStatus;
  /** German, for malformed values: what is wrong (never the value itself). */
  problem?: string;
}

/** Netlify tells a build and a function which deploy context it runs in. */
export function isProductionContext(env: NodeJS.ProcessEnv | Record<string, string | undefined>): boolean {
  return env.CONTEXT === 'production';
}

export function assessSettings(env: Record<string, string | undefined>): SettingState[] {
  return SETTINGS.map((setting) => {
    const value = env[setting.name]?.trim();
    if (!value) return { setting, status: 'missing' };
    const problem = setting.check?.(value);
    return problem ? { setting, status: 'malformed', problem } : { setting, status: 'present' };
  });
}

/** What stops a production deploy: required settings missing, and any malformed value. */
export function blockingSettings(states: SettingState[]): SettingState[] {
  return states.filter((s) => s.status === 'malformed' || (s.status === 'missing' && s.setting.requiredInProduction));
}

export function describeState(state: SettingState): string {
  const { setting } = state;
  if (state.status === 'present') return `${setting.name}: eingerichtet.`;
  if (state.status === 'malformed') return `${setting.name} ${state.problem} Wofür: ${setting.purpose} So geht es: ${setting.howToGet}`;
  const need = setting.requiredInProduction ? 'fehlt (für den Betrieb nötig)' : 'ist nicht gesetzt (freiwillig)';
  return `${setting.name} ${need}. Wofür: ${setting.purpose} So geht es: ${setting.howToGet}`;
}

/**
 * The build gate's message: names every blocking setting and what to do. Only production
 * builds are gated: a laptop (`npm start`, `npm test`) never needs any setting.
 */
export function productionGateMessage(env: Record<string, string | undefined>): string | undefined {
  if (!isProductionContext(env)) return undefined;
  const blocking = blockingSettings(assessSettings(env));
  if (blocking.length === 0) return undefined;
  return [
    `Die Website geht so nicht online: ${blocking.length === 1 ? 'eine Einstellung fehlt oder ist fehlerhaft' : `${blocking.length} Einstellungen fehlen oder sind fehlerhaft`}.`,
    ...blocking.map((state) => `- ${describeState(state)}`),
    'Tragen Sie die Werte bei Netlify unter „Site configuration → Environment variables“ ein und starten Sie den Build neu. Anleitung: docs/einrichtung.md. Prüfen: npm run setup:check',
  ].join('\n');
}

/** What Netlify's deploy button shows beside each variable it asks for. */
export function templateDescription(setting: Setting): string {
  return `${setting.purpose} ${setting.howToGet}`;
}

/** The settings the deploy button asks for: exactly those production needs. */
export function templateSettings(): Setting[] {
  return SETTINGS.filter((s) => s.requiredInProduction);
}
