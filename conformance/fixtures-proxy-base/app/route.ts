import { echo } from './_lib/echo';

// `/base/` itself: the matcher `/` covers it.
export const GET = echo;
