import { describe, expect, it } from 'vitest';
import { buildRecipientDirectory } from '../../src/lib/recipients.ts';
import { loadContent, type ContentSet } from '../../src/lib/load-content.ts';
import { TEST_TODAY } from '../helpers/clock.ts';

const entry = <T>(id: string, data: T) => ({ id, file: `content/${id}.md`, data, body: '' });

function sample(): ContentSet {
  const office = { name: 'Sozialbüro', street: 'Platz 1', postal_code: '48159', city: 'Münster', email: 'buero@example.org', phone: '0251 0001000' };
  return {
    settings: { office } as ContentSet['settings'],
    categories: [],
    audiences: [],
    networks: [
      entry('netz-a', { title: 'Netzwerk A', coordinator: 'traeger-mit' }),
      entry('netz-b', { title: 'Netzwerk B', coordinator: 'traeger-ohne' }),
      entry('netz-c', { title: 'Netzwerk C' }),
    ] as ContentSet['networks'],
    organisations: [
      entry('traeger-mit', { name: 'Träger mit Adresse', email: 'traeger@example.org' }),
      entry('traeger-ohne', { name: 'Träger ohne Adresse' }),
    ] as ContentSet['organisations'],
    offers: [
      entry('eigener-kontakt', { title: 'Kurs mit Kontakt', provider: 'traeger-mit', contact: { role: 'Kursleitung', email: 'kurs@example.org' } }),
      entry('vom-traeger', { title: 'Kurs vom Träger', provider: 'traeger-mit' }),
      entry('ohne-adresse', { title: 'Kurs ohne Adresse', provider: 'traeger-ohne' }),
      entry('entwurf', { title: 'Entwurf', provider: 'traeger-mit', draft: true }),
      entry('vorbei', { title: 'Vorbei', provider: 'traeger-mit', ends_on: '2026-11-20' }),
      entry('letzter-tag', { title: 'Letzter Tag', provider: 'traeger-mit', ends_on: '2026-11-21' }),
    ] as ContentSet['offers'],
    meetings: [],
    news: [],
    pages: [],
  };
}

describe('recipient directory', () => {
  const directory = buildRecipientDirectory(sample(), '2026-11-21');

  it('resolves offers to their contact, else their provider, else the office as forwarder', () => {
    expect(directory['offers/eigener-kontakt']).toMatchObject({ email: 'kurs@example.org', name: 'Kursleitung (Träger mit Adresse)', topic: 'Kurs mit Kontakt', path: '/angebote/eigener-kontakt/', forwarded: false });
    expect(directory['offers/vom-traeger']).toMatchObject({ email: 'traeger@example.org', name: 'Träger mit Adresse', forwarded: false });
    expect(directory['offers/ohne-adresse']).toMatchObject({ email: 'buero@example.org', name: 'Sozialbüro', topic: 'Kurs ohne Adresse', forwarded: true });
  });

  it('leaves out drafts and offers past their last day, keeps the last day itself', () => {
    expect(directory['offers/entwurf']).toBeUndefined();
    expect(directory['offers/vorbei']).toBeUndefined();
    expect(directory['offers/letzter-tag']).toBeDefined();
  });

  it("writes to a network's coordinator, and to the office when there is none", () => {
    expect(directory['networks/netz-a']).toMatchObject({ email: 'traeger@example.org', name: 'Koordination Netzwerk A (Träger mit Adresse)', path: '/netzwerke/netz-a/' });
    expect(directory['networks/netz-b']).toMatchObject({ email: 'buero@example.org', forwarded: true });
    expect(directory['networks/netz-c']).toMatchObject({ email: 'buero@example.org', forwarded: true });
  });

  it('has the office and every organisation', () => {
    expect(directory.office).toMatchObject({ email: 'buero@example.org', path: '/kontakt/' });
    expect(directory['organisations/traeger-ohne']).toMatchObject({ email: 'buero@example.org', forwarded: true });
    expect(Object.keys(directory)).toHaveLength(1 + 2 + 4 + 3);
  });

  it('covers every published entry of the real content with an address from content', () => {
    const { content } = loadContent(process.cwd());
    const real = buildRecipientDirectory(content, TEST_TODAY);
    const addresses = new Set(JSON.stringify(content).match(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}/g));
    for (const recipient of Object.values(real)) expect(addresses.has(recipient.email)).toBe(true);
    for (const org of content.organisations) expect(real[`organisations/${org.id}`]).toBeDefined();
    for (const network of content.networks) expect(real[`networks/${network.id}`]).toBeDefined();
    expect(real['offers/repair-cafe-brueningheide']).toBeUndefined(); // a draft
  });
});
