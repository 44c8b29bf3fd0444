/** The problem list for the pull-request summary. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { formatProblemsMarkdown } from '../../src/lib/health/problems-markdown.ts';

describe('formatProblemsMarkdown', () => {
  it('groups problems by file, keeps code spans and escapes markup from content', () => {
    const md = formatProblemsMarkdown(
      [
        { file: 'content/offers/a.md', field: 'provider', message: 'Organisation `kai_ev` gibt es nicht. Wählen Sie eine vorhandene Organisation.' },
        { file: 'content/offers/a.md', message: 'Text mit <script>alert(1)</script> und [Link](https://evil.example) und *fett*' },
        { file: 'content/pages/impressum.md', message: 'Diese Pflichtseite fehlt.' },
      ],
      10,
    );
    expect(md).toContain('### Inhalte geprüft: 3 Probleme');
    expect(md).toContain('**`content/offers/a.md`**\n\n- Feld `provider`: Organisation `kai_ev` gibt es nicht.');
    expect(md).toContain('Text mit &lt;script&gt;alert(1)&lt;/script&gt; und \\[Link\\](https://evil.example) und \\*fett\\*');
    expect(md).not.toContain('<script>');
    expect(md.indexOf('content/pages/impressum.md')).toBeGreaterThan(md.indexOf('content/offers/a.md'));
  });

  it('says so when everything is fine', () => {
    expect(formatProblemsMarkdown([], 113)).toBe('### Inhalte geprüft: keine Probleme\n\n113 Einträge geprüft. Die Änderung kann veröffentlicht werden.\n');
  });

  it('is what npm run check -- --markdown prints, with exit 1 on problems', () => {
    const result = spawnSync(process.execPath, ['../../../scripts/check.ts', '--markdown'], { cwd: 'tests/fixtures/invalid-content', encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^### Inhalte geprüft: \d+ Probleme/);
    expect(result.stdout).toContain('**`content/organisations/bad-email.md`**');
  });
});
