/** One network's meetings (including those for all networks) as an iCalendar subscription. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { meetingsCalendar } from '../../../lib/exports/calendars.ts';
import { textResponse } from '../../../lib/exports/respond.ts';
import { getNetworks } from '../../../lib/site-data.ts';

export const getStaticPaths = (async () => (await getNetworks()).map((network) => ({ params: { network: network.id }, props: { network } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ site, props }) => textResponse(await meetingsCalendar(site, props.network), 'text/calendar; charset=utf-8');
