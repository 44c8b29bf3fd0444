/**
 * Plain German hints for fields whose schema carries no `description`: every field in
 * the CMS gets one (the drift test checks that). A schema description always wins;
 * these fill the gaps from what the field is (its name or its kind), so they stay true
 * wherever the field appears.
 */

/** Fields that mean the same thing in every collection. */
export const HINTS_BY_NAME: Record<string, string> = {
  street: 'Straße und Hausnummer, z. B. „Idenbrockplatz 8“.',
  postal_code: 'Fünf Ziffern, z. B. 48159.',
  city: 'Der Ort, z. B. „Münster“.',
  phone: 'Mit Vorwahl, z. B. 0251 000000. Erlaubt sind Ziffern, Leerzeichen und + / - ( ).',
  lat: 'Breitengrad als Zahl mit Punkt, z. B. 52.0031.',
  lng: 'Längengrad als Zahl mit Punkt, z. B. 7.6104.',
  title: 'Kurz und klar: so erscheint es als Überschrift.',
  label: 'So erscheint es auf der Website.',
  note: 'Ein kurzer Zusatz, falls nötig.',
  how: 'z. B. „telefonisch oder persönlich in der Sprechstunde“.',
  required: 'Einschalten, wenn man sich vorher anmelden muss.',
  free: 'Einschalten, wenn das Angebot nichts kostet.',
  wheelchair: 'Einschalten, wenn Menschen im Rollstuhl ohne fremde Hilfe hineinkommen.',
  cancelled: 'Einschalten, wenn das Treffen ausfällt. Es bleibt sichtbar und wird als abgesagt markiert.',
  footer: 'Einschalten, damit die Seite unten auf jeder Seite verlinkt ist (z. B. Impressum).',
  order: 'Eine ganze Zahl. Kleinere Zahlen stehen weiter vorn.',
  kind: 'Bitte aus der Liste wählen.',
  date: 'Das Datum der Meldung. Wählen Sie es im Kalender aus.',
  starts_on: 'Erster Tag. Leer lassen, wenn das Angebot schon läuft.',
  starts_at: 'Datum und Uhrzeit des Beginns in deutscher Zeit.',
  ends_at: 'Datum und Uhrzeit des Endes in deutscher Zeit.',
  name: 'Der Name, wie er auf der Website erscheinen soll.',
  role: 'Die Funktion, z. B. „Beratung“. Keine Namen von Privatpersonen.',
  opens: 'Uhrzeit des Beginns, z. B. 09:00.',
  closes: 'Uhrzeit des Endes, z. B. 12:00.',
  summary: 'Ein bis zwei Sätze.',
  file: 'Laden Sie eine PDF-Datei hoch oder wählen Sie eine schon hochgeladene aus.',
  body: 'Der ausführliche Text. Überschriften, Listen und Links sind möglich.',
  location: 'Wo es stattfindet. Leer lassen, wenn es nur online stattfindet.',
  cost: 'Was die Teilnahme kostet.',
  registration: 'Ob und wie man sich vorher anmeldet.',
  contact: 'Wer Fragen beantwortet. Die E-Mail-Adresse wird nie veröffentlicht.',
  accessibility: 'Zugang für Menschen mit Behinderung.',
  address: 'Die Postanschrift.',
  contacts: 'Funktionen mit Telefon oder E-Mail. E-Mail-Adressen werden nie veröffentlicht.',
  map: 'Die Karte auf der Website.',
  center: 'Der Punkt, auf den die Karte beim Öffnen zeigt.',
  newsletter: 'Absender der Newsletter-E-Mails.',
  tiles_url: 'Vorlage mit {z}, {x} und {y}.',
};

/** Fallbacks by the kind of editor, for names not listed above. */
export const HINTS_BY_WIDGET: Record<string, string> = {
  email: 'Eine E-Mail-Adresse, z. B. info@beispiel.de.',
  url: 'Die vollständige Adresse mit https://, z. B. https://www.beispiel.de.',
  date: 'Wählen Sie das Datum im Kalender aus.',
  datetime: 'Datum und Uhrzeit in deutscher Zeit. Die Zeitzone wird mitgespeichert.',
  time: 'Uhrzeit als HH:MM, z. B. 09:30.',
  boolean: 'Einschalten heißt ja, ausgeschaltet heißt nein.',
  relation: 'Tippen Sie die ersten Buchstaben und wählen Sie aus der Liste.',
  relationMultiple: 'Tippen Sie die ersten Buchstaben und wählen Sie einen oder mehrere Einträge aus der Liste.',
  select: 'Bitte aus der Liste wählen.',
  number: 'Eine Zahl.',
  list: 'Mit „Hinzufügen“ kommt ein neuer Eintrag dazu; jeder Eintrag hat ein eigenes Feld.',
  object: 'Mehrere zusammengehörige Angaben.',
  geo: 'Tragen Sie die Koordinaten ein oder klicken Sie auf „Karte zeigen“ und dann auf den Ort.',
  string: 'Kurzer Text.',
};

/** What one entry of a list is called ("Sprache hinzufügen", "1 Sprache"). */
export const LIST_ITEM_LABELS: Record<string, string> = {
  languages: 'Sprache',
  schedule: 'Zeit',
  keywords: 'Suchwort',
  contacts: 'Ansprechstelle',
  goals: 'Ziel',
  agenda: 'Punkt',
  documents: 'Dokument',
  attachments: 'Anhang',
  synonyms: 'Wort',
  networks: 'Netzwerk',
  categories: 'Thema',
  audiences: 'Zielgruppe',
  days: 'Tag',
};
