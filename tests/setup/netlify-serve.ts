/**
 * Gives the test run a directory in which tests/helpers/netlify-serve.ts keeps its shared
 * servers (started on first use by whichever test file needs one), and stops them all when
 * the run ends.
 */
import { SERVE_RUN_DIR_VARIABLE, startServeRun, stopServeRun } from '../helpers/netlify-serve.ts';

export default function serveRun() {
  const dir = startServeRun();
  return async () => {
    await stopServeRun(dir);
    delete process.env[SERVE_RUN_DIR_VARIABLE];
  };
}
