/**
 * The built site the tests read: dist/ (built once by tests/setup/build-site.ts).
 * QN_DIST points the a11y and security tests at another build, e.g. a private copy while
 * other work rebuilds dist/.
 */
export const DIST = process.env.QN_DIST ?? 'dist';
