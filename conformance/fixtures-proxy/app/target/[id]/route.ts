import { echo } from '../../_lib/echo';

// The destination of the proxy's rewrites: params come from the rewritten path.
export const GET = echo;
export const POST = echo;
