import { describe, expect, it } from 'vitest';
import { exportId, UUID_PATTERN, uuidV5 } from '../../src/lib/exports/ids.ts';

describe('deterministic ids', () => {
  it('computes RFC 9562 version-5 UUIDs (known vector: www.example.com in the DNS namespace)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('gives the same id for the same slug and different ids for different kinds or slugs', () => {
    const id = exportId('service', 'job-cafe');
    expect(id).toMatch(UUID_PATTERN);
    expect(exportId('service', 'job-cafe')).toBe(id);
    expect(exportId('organization', 'job-cafe')).not.toBe(id);
    expect(exportId('service', 'job-cafe-2')).not.toBe(id);
    // Parts are joined unambiguously enough for our keys: kind and slug cannot trade places.
    expect(exportId('schedule', 'a', '1')).not.toBe(exportId('schedule', 'a-1'));
  });
});
