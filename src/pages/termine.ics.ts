/** All meetings of all networks as an iCalendar subscription. */
import type { APIRoute } from 'astro';
import { meetingsCalendar } from '../lib/exports/calendars.ts';
import { textResponse } from '../lib/exports/respond.ts';

export const GET: APIRoute = async ({ site }) => textResponse(await meetingsCalendar(site), 'text/calendar; charset=utf-8');
