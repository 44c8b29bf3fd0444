/**
 * `npm run setup:check`: which settings (environment variables) are set up, from the one
 * list in src/lib/setup/settings.ts, in German, never showing a value. With a key present,
 * a harmless live read tells whether Resend and GitHub accept it (`--offline` skips that).
 * Exit 1 when a value is malformed or refused, or, with CONTEXT=production (as on Netlify),
 * when a setting production needs is missing. A laptop needs none of them: exit 0.
 */
import { loadContent } from '../src/lib/load-content.ts';
import { assessSettings, isProductionContext, type SettingState } from '../src/lib/setup/settings.ts';
import { checkGitHub, checkResend, type LiveCheck } from '../src/lib/setup/live-checks.ts';

const env = process.env;
const production = isProductionContext(env);
const offline = process.argv.includes('--offline');
const states = assessSettings(env);

const live: LiveCheck[] = [];
const present = (name: string) => states.find((s) => s.setting.name === name)?.status === 'present';
if (!offline && present('RESEND_API_KEY')) {
  const sender = env.MAIL_FROM?.trim() || loadContent(process.cwd()).content.settings?.newsletter?.from_email;
  live.push(await checkResend(env.RESEND_API_KEY!.trim(), sender));
}
if (!offline && present('GITHUB_TOKEN') && present('GITHUB_REPO')) {
  live.push(await checkGitHub(env.GITHUB_TOKEN!.trim(), env.GITHUB_REPO!.trim()));
}

const mark: Record<string, string> = { present: '✓', malformed: '✗', missing: '–' };
function line(state: SettingState): string {
  const { setting } = state;
  const check = live.find((c) => c.name === setting.name);
  if (state.status === 'present' && check) return `${check.ok ? '✓' : '✗'} ${setting.name}: ${check.message}`;
  if (state.status === 'present') return `✓ ${setting.name}: eingerichtet.`;
  if (state.status === 'malformed') return `✗ ${setting.name} ${state.problem}\n    So geht es: ${setting.howToGet}`;
  const need = setting.requiredInProduction ? (production ? '✗' : '–') : '·';
  const label = setting.requiredInProduction ? 'fehlt – für den Betrieb nötig' : 'nicht gesetzt – freiwillig';
  return `${need} ${setting.name}: ${label}.\n    Wofür: ${setting.purpose}\n    So geht es: ${setting.howToGet}`;
}

console.log(`Einrichtung prüfen (${production ? 'Produktion: CONTEXT=production' : 'lokal: Einstellungen sind hier freiwillig'})\n`);
for (const state of states) console.log(line(state));

const malformed = states.filter((s) => s.status === 'malformed');
const refused = live.filter((c) => !c.ok);
const missingRequired = states.filter((s) => s.status === 'missing' && s.setting.requiredInProduction);
const failed = malformed.length + refused.length + (production ? missingRequired.length : 0);
console.log('');
if (failed === 0) {
  console.log(production || missingRequired.length === 0 ? 'Alles eingerichtet.' : `Lokal ist alles bereit. Für den Betrieb fehlen noch ${missingRequired.length} Einstellungen (siehe docs/einrichtung.md).`);
} else {
  const names = [...malformed.map((s) => s.setting.name), ...refused.map((c) => c.name), ...(production ? missingRequired.map((s) => s.setting.name) : [])];
  console.log(`Noch zu tun: ${[...new Set(names)].join(', ')}. Anleitung: docs/einrichtung.md`);
}
process.exitCode = failed === 0 ? 0 : 1;
