/**
 * Netlify Blobs promise that `set(..., { onlyIfNew: true })` is atomic; the local
 * BlobsServer checks and writes in two steps, so two concurrent claims in one test can
 * both win there. This wrapper serialises conditional writes per key inside the test
 * process, giving the local store the production semantics the claim logic relies on.
 */
import type { Store } from '@netlify/blobs';

// Shared by every wrapped store: the runs of one test each wrap their own store object.
const queues = new Map<string, Promise<unknown>>();

export function atomicClaims(store: Store): Store {
  const serialised = <T>(key: string, write: () => Promise<T>): Promise<T> => {
    const next = (queues.get(key) ?? Promise.resolve()).then(write, write);
    queues.set(key, next.catch(() => undefined));
    return next;
  };
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if ((property === 'set' || property === 'setJSON') && typeof value === 'function') {
        return (key: string, data: unknown, options?: { onlyIfNew?: boolean; onlyIfMatch?: string }) => {
          const call = () => value.call(target, key, data, options);
          return options?.onlyIfNew || options?.onlyIfMatch ? serialised(key, call) : call();
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
