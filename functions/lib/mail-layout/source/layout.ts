/**
 * The one mail layout, as MJML: a 600 px column (MJML writes the MSO ghost tables Outlook
 * for Windows needs for that width), the site's name on top, a white card for the
 * content and a footer. Markers (`%%QN_…%%`) mark where each mail's parts go; the
 * compiled HTML is filled at run time (./render.ts), so no function loads MJML.
 */
import type { MailTheme } from './theme.ts';

export const MARKERS = ['TITLE', 'PREHEADER', 'SITE', 'SITE_URL', 'MAIN', 'FOOTER'] as const;
export type Marker = (typeof MARKERS)[number];
export const marker = (name: Marker) => `%%QN_${name}%%`;

export function layoutMjml(theme: MailTheme): string {
  return `<mjml lang="de">
  <mj-head>
    <mj-title>${marker('TITLE')}</mj-title>
    <mj-attributes>
      <mj-all font-family="${theme.font}" />
      <mj-text font-size="16px" line-height="24px" color="${theme.text}" padding="0px" />
      <mj-section padding="0px" />
      <mj-column padding="0px" />
    </mj-attributes>
  </mj-head>
  <mj-body width="600px" background-color="${theme.page}">
    <mj-raw>${marker('PREHEADER')}</mj-raw>
    <mj-section padding="24px 16px 12px">
      <mj-column>
        <mj-text font-size="20px" line-height="28px" font-weight="700" color="${theme.brand}"><a href="${marker('SITE_URL')}" style="color:${theme.brand};text-decoration:none">${marker('SITE')}</a></mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="${theme.card}" border="1px solid ${theme.border}" padding="24px">
      <mj-column>
        <mj-text>${marker('MAIN')}</mj-text>
      </mj-column>
    </mj-section>
    <mj-section padding="16px 24px 32px">
      <mj-column>
        <mj-text font-size="14px" line-height="21px" color="${theme.muted}">${marker('FOOTER')}</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>
`;
}
