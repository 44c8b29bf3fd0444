/** Expiry and "upcoming" are judged in Europe/Berlin, whatever zone the build runs in. */
import { describe, expect, it } from 'vitest';
import { isMeetingUpcoming, isOfferPublished, todayIn } from '../../src/lib/publication.ts';
import { addMonths } from '../../src/lib/dates.ts';

describe('offer publication', () => {
  it('hides drafts', () => {
    expect(isOfferPublished({ draft: true }, '2026-11-21')).toBe(false);
  });

  it('shows an offer on its last day and hides it the day after', () => {
    expect(isOfferPublished({ draft: false, ends_on: '2026-11-21' }, '2026-11-21')).toBe(true);
    expect(isOfferPublished({ draft: false, ends_on: '2026-11-20' }, '2026-11-21')).toBe(false);
  });

  it('uses the Berlin date: 23:30 UTC on 20 Nov is already 21 Nov in Münster', () => {
    expect(todayIn(new Date('2026-11-20T23:30:00Z'))).toBe('2026-11-21');
    expect(todayIn(new Date('2026-07-20T22:30:00Z'))).toBe('2026-07-21');
    expect(todayIn(new Date('2026-07-20T21:30:00Z'))).toBe('2026-07-20');
  });
});

describe('meetings', () => {
  it('is upcoming until it has ended', () => {
    const meeting = { starts_at: '2026-11-21T09:00:00+01:00', ends_at: '2026-11-21T11:00:00+01:00' };
    expect(isMeetingUpcoming(meeting, new Date('2026-11-21T10:30:00+01:00'))).toBe(true);
    expect(isMeetingUpcoming(meeting, new Date('2026-11-21T11:30:00+01:00'))).toBe(false);
  });
});

describe('addMonths', () => {
  it('clamps to the end of shorter months', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2025-11-21', 12)).toBe('2026-11-21');
  });
});
