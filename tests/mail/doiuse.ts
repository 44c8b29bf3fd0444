/**
 * doiuse-email (the caniemail data) for the clients partners and residents read mail in.
 * doiuse-email 0.4 matches client globs against a list older than its own data, which
 * lacks GMX, WEB.DE, outlook.com and Thunderbird for Windows: the checker is given the
 * clients directly, and a feature the data says nothing about for one client is skipped
 * for that client (unknown is not an error).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DoIUseEmail } from 'doiuse-email';

// The package exports only its entry; its data file sits beside it.
const data = JSON.parse(readFileSync(fileURLToPath(new URL('data/can-i-email.json', import.meta.resolve('doiuse-email'))), 'utf8')) as {
  data: { title: string; stats: Record<string, Record<string, unknown>> }[];
};
const STATS = new Map(data.data.map((f) => [f.title, f.stats]));
const known = (title: string, client: string) => {
  const [family, platform] = client.split('.');
  return STATS.get(title)?.[family]?.[platform] !== undefined;
};

export const MAIL_CLIENTS = [
  'outlook.windows',
  'outlook.windows-mail',
  'outlook.macos',
  'outlook.outlook-com',
  'gmail.desktop-webmail',
  'gmail.ios',
  'gmail.android',
  'gmail.mobile-webmail',
  'apple-mail.macos',
  'apple-mail.ios',
  'gmx.desktop-webmail',
  'gmx.ios',
  'gmx.android',
  'web-de.desktop-webmail',
  'web-de.ios',
  'web-de.android',
  'yahoo.desktop-webmail',
  'yahoo.ios',
  'yahoo.android',
  'thunderbird.macos',
  'thunderbird.windows',
] as const;

/**
 * Features whose absence costs the reader nothing, with the reason. Everything else the
 * data calls unsupported is an error.
 */
export const HARMLESS: Record<string, string> = {
  '`lang attribute`': 'GMX and WEB.DE ignore `lang`: the text shows the same, only hyphenation and screen-reader voice guess the language.',
  '`role attribute`': 'role="presentation"/"article" only tells screen readers what a table or the wrapper is; a client that drops it shows the same.',
  '`aria-label attribute`': 'the wrapper\'s accessible name for screen readers; a client that drops it shows the same.',
  '`<body> element`':
    'Yahoo\'s apps replace <body> by a <div> and drop its attributes; the layout repeats the page colour on the wrapper inside (tests/mail/layout.test.ts checks it), so nothing is lost.',
};
const HTML5_SEMANTICS = /^`(<article>|<section>|<header>|<footer>|<nav>|<main>|<aside>|HTML5)/;

export interface EmailCheck {
  errors: string[];
  /** Errors filtered out as harmless, kept so a test can show what was excused. */
  excused: string[];
  warnings: string[];
}

class AllClients extends DoIUseEmail {
  constructor() {
    super({ emailClients: ['gmail.*'] });
    // The package's client type is its old list; its data (and check()) know all of these.
    this.emailClients = [...MAIL_CLIENTS] as unknown as DoIUseEmail['emailClients'];
  }

  override checkFeaturesSupport(featureTitles: string | string[]): void {
    const all = this.emailClients;
    for (const title of [featureTitles].flat()) {
      this.emailClients = all.filter((client) => known(title, client));
      super.checkFeaturesSupport(title);
    }
    this.emailClients = all;
  }
}

export function checkEmail(html: string): EmailCheck {
  const result = new AllClients().check(html);
  const all = result.success ? [] : result.errors;
  const harmless = (message: string) => Object.keys(HARMLESS).some((feature) => message.startsWith(feature)) || HTML5_SEMANTICS.test(message);
  return { errors: all.filter((m) => !harmless(m)), excused: all.filter(harmless), warnings: result.warnings };
}
