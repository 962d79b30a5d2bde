import { echo } from './_lib/echo';

// `/` is matched by the negative-lookahead matcher: the middleware runs for it.
export const GET = echo;
