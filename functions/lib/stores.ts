/**
 * Netlify Blobs stores, always strongly consistent: a message written before the send
 * must be readable by the retry job that runs a minute later, and claims
 * (`set(..., { onlyIfNew: true })`) must see each other. Works on Netlify, under
 * `astro dev` (the adapter provides the context) and in tests (tests/helpers/blobs.ts).
 */
import { getStore, type Store } from '@netlify/blobs';

export function store(name: string): Store {
  return getStore({ name, consistency: 'strong' });
}
