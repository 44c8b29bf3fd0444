/**
 * The `downloadUrl` of each OParl File: a copy of the upload at its own address, which
 * netlify.toml serves with `Content-Disposition: attachment` (OParl requires it there and
 * forbids it on the `accessUrl`). Netlify stores identical files once, so the copy costs
 * no space in a deploy.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getOparlExport } from '../../../../lib/exports/source.ts';

export const getStaticPaths = (async () => {
  const { downloads } = await getOparlExport();
  return [...downloads].map(([path, upload]) => {
    const [, , key, name] = path.split('/');
    return { params: { key, name }, props: { upload } };
  });
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => new Response(readFileSync(join(process.cwd(), 'public', props.upload as string)));
