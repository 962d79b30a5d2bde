export { NextResponse } from './lib/next-response.js';
