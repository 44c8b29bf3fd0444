/**
 * A local Netlify Blobs server for tests: `getStore()` in this process (and in handlers
 * imported by the test) talks to it through NETLIFY_BLOBS_CONTEXT, like on Netlify.
 */
import { BlobsServer } from '@netlify/blobs/server';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LocalBlobs {
  url: string;
  directory: string;
  stop(): Promise<void>;
}

export async function startBlobs(): Promise<LocalBlobs> {
  const directory = mkdtempSync(join(tmpdir(), 'qn-blobs-'));
  const token = 'qn-test-token';
  const server = new BlobsServer({ directory, token, logger: () => {} });
  const { port } = await server.start();
  const url = `http://127.0.0.1:${port}`;
  const previous = process.env.NETLIFY_BLOBS_CONTEXT;
  const context = { siteID: 'qn-test-site', token, edgeURL: url, uncachedEdgeURL: url };
  process.env.NETLIFY_BLOBS_CONTEXT = Buffer.from(JSON.stringify(context)).toString('base64');
  return {
    url,
    directory,
    async stop() {
      await server.stop();
      if (previous === undefined) delete process.env.NETLIFY_BLOBS_CONTEXT;
      else process.env.NETLIFY_BLOBS_CONTEXT = previous;
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
