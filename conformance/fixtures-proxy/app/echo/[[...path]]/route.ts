import { echo } from '../../_lib/echo';

export const GET = echo;
export const POST = echo;
