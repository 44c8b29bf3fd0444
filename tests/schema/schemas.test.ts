/** The collection schemas on their own: what they accept, normalise and refuse. */
import { describe, expect, it } from 'vitest';
import { dropEmpty, meetingSchema, offerSchema, organisationSchema } from '../../src/schema/index.ts';
import { germanErrorMap } from '../../src/schema/messages.ts';

const baseOffer = {
  title: 'Deutschkurs A1',
  summary: 'Deutsch lernen mit Kinderbetreuung.',
  provider: 'volkshochschule-muenster',
  categories: ['sprache'],
  cost: { free: true },
  location: { street: 'Sprickmannstraße 1', postal_code: '48159', city: 'Münster' },
  reviewed_at: '2026-05-01',
};

const parse = <Schema extends typeof offerSchema | typeof meetingSchema | typeof organisationSchema>(schema: Schema, data: unknown): ReturnType<Schema['safeParse']> =>
  schema.safeParse(dropEmpty(data), { error: germanErrorMap }) as ReturnType<Schema['safeParse']>;

describe('offer schema', () => {
  it('accepts a minimal offer and fills the defaults', () => {
    const result = parse(offerSchema, baseOffer);
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ languages: ['de'], online: false, draft: false });
  });

  it('reads dates that a YAML 1.1 parser turned into Date objects as YYYY-MM-DD', () => {
    const result = parse(offerSchema, { ...baseOffer, reviewed_at: new Date('2026-05-01T00:00:00Z') });
    expect(result.success && result.data.reviewed_at).toBe('2026-05-01');
  });

  it('treats empty strings as left out (what Decap writes for a cleared field)', () => {
    const result = parse(offerSchema, { ...baseOffer, schedule_note: '', ends_on: '' });
    expect(result.success).toBe(true);
    expect(result.data).not.toHaveProperty('schedule_note');
  });

  it('needs a location unless the offer is online', () => {
    const { location: _, ...withoutLocation } = baseOffer;
    expect(parse(offerSchema, withoutLocation).success).toBe(false);
    expect(parse(offerSchema, { ...withoutLocation, online: true }).success).toBe(true);
  });

  it('refuses a schedule slot that closes before it opens', () => {
    const result = parse(offerSchema, { ...baseOffer, schedule: [{ days: ['tu'], opens: '11:00', closes: '09:00' }] });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].path).toEqual(['schedule', 0, 'closes']);
  });

  it('refuses unknown weekdays with the allowed list', () => {
    const result = parse(offerSchema, { ...baseOffer, schedule: [{ days: ['di'], opens: '09:00', closes: '11:00' }] });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].message).toContain('mo, tu, we');
  });

  it('refuses a summary over 200 characters and says how long it is', () => {
    const result = parse(offerSchema, { ...baseOffer, summary: 'x'.repeat(201) });
    expect(result.error!.issues[0].message).toBe('Zu lang: höchstens 200 Zeichen, jetzt 201. Bitte kürzen.');
  });
});

describe('meeting schema', () => {
  it('keeps date-times with offset and refuses them without', () => {
    expect(parse(meetingSchema, { title: 'T', starts_at: '2026-03-04T17:00:00+01:00' }).success).toBe(true);
    expect(parse(meetingSchema, { title: 'T', starts_at: '2026-03-04T17:00:00' }).success).toBe(false);
  });

  it('refuses an end before the start', () => {
    const result = parse(meetingSchema, { title: 'T', starts_at: '2026-03-04T17:00:00+01:00', ends_at: '2026-03-04T16:00:00+01:00' });
    expect(result.success).toBe(false);
  });

  it('refuses documents outside /uploads/', () => {
    const result = parse(meetingSchema, {
      title: 'T',
      starts_at: '2026-03-04T17:00:00+01:00',
      documents: [{ title: 'P', file: 'https://example.org/p.pdf', kind: 'protokoll' }],
    });
    expect(result.success).toBe(false);
  });
});

describe('organisation schema', () => {
  it('keeps emails unpublished by default', () => {
    const result = parse(organisationSchema, {
      name: 'KAI e. V.',
      kind: 'verein',
      summary: 'Initiative.',
      email: 'info@example.org',
      reviewed_at: '2026-01-01',
    });
    expect(result.success && result.data.show_email).toBe(false);
  });

  it('needs a role for every contact', () => {
    const result = parse(organisationSchema, {
      name: 'KAI e. V.',
      kind: 'verein',
      summary: 'Initiative.',
      contacts: [{ phone: '0251 0001234' }],
      reviewed_at: '2026-01-01',
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].path).toEqual(['contacts', 0, 'role']);
  });
});
