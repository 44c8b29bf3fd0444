/**
 * The built site names a partner's post's author (`author` in content/news, issue 18):
 * "von <Organisation>", linked to its page, on the post, in /aktuelles/ and on the network
 * page. The sample post content/news/rueckblick-ferien-bewerbungscamp-2026.md has one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const POST = 'rueckblick-ferien-bewerbungscamp-2026';
const LINE = 'data-news-author="jugendzentrum-wuddi">von <a href="/organisationen/jugendzentrum-wuddi/">Jugendzentrum Wuddi im Bürgerhaus Kinderhaus</a>';

describe('the author of a partner’s post', () => {
  it.each([`aktuelles/${POST}`, 'aktuelles', 'netzwerke/netzwerk-jugend-ausbildung'])('is named on /%s/', (path) => {
    const html = readFileSync(`dist/${path}/index.html`, 'utf8');
    expect(html).toContain(LINE);
  });

  it('is not invented for the office’s own posts', () => {
    const html = readFileSync('dist/aktuelles/ausbildungsplatzboerse-2027-betriebe-gesucht/index.html', 'utf8');
    expect(html).not.toContain('data-news-author');
  });
});
