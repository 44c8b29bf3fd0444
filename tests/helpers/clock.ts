/** The fixed "now" of the test build: the sample content was written for this day. */
export const TEST_NOW = '2026-11-21T10:00:00+01:00';
export const TEST_TODAY = '2026-11-21';
