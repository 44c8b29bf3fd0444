/**
 * Netlify Blobs stores, always strongly consistent: a message written before the send
 * must be readable by the retry job that runs a minute later, and the ordered events of
 * blobs/events.ts must see each other in a listing. Works on Netlify, under `astro dev`
 * and `netlify serve` (the tooling provides the context) and in tests
 * (tests/helpers/blobs.ts). Concurrency control lives in blobs/.
 */
import { getStore, type Store } from '@netlify/blobs';

export function store(name: string): Store {
  return getStore({ name, consistency: 'strong' });
}
