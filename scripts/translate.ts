/**
 * `npm run translate`: fills missing and renews outdated machine translations of offers
 * and organisations through DeepL (deepl-node). Needs DEEPL_API_KEY; DEEPL_SERVER_URL
 * points the client at another endpoint (the test fake). Never touches a translation a
 * person checked, never Leichte Sprache.
 */
import { Translator } from 'deepl-node';
import { translateProject, type TranslateReport } from '../functions/lib/translate/engine.ts';
import { formatReport } from '../functions/lib/translate/report.ts';

const key = process.env.DEEPL_API_KEY?.trim();
if (!key) {
  console.error(
    'Es ist kein DeepL-Schlüssel eingetragen (Umgebungsvariable DEEPL_API_KEY). Es wurde nichts übersetzt und nichts geändert.\n' +
      'Legen Sie den Schlüssel Ihres DeepL-API-Kontos (z. B. DeepL API Free) in der Datei .env oder in den Netlify-Einstellungen an und starten Sie den Befehl erneut.',
  );
  process.exit(2);
}

const translator = new Translator(key, {
  serverUrl: process.env.DEEPL_SERVER_URL || undefined,
  maxRetries: Number(process.env.DEEPL_MAX_RETRIES ?? 5),
  sendPlatformInfo: false,
});

let report: TranslateReport;
try {
  report = await translateProject({ root: process.cwd(), translator, log: (line) => console.log(line) });
} catch (error) {
  console.error(`Die Übersetzung wurde abgebrochen: ${error instanceof Error ? error.message : String(error)}\nBereits übersetzte Dateien sind vollständig gespeichert; ein erneuter Start macht dort weiter.`);
  process.exit(1);
}
console.log(formatReport(report));
process.exitCode = report.stoppedByBudget ? 3 : 0;
