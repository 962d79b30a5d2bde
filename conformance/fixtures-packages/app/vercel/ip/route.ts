import { geolocation, ipAddress } from '@vercel/functions';
import type { NextRequest } from 'next/server';

// ipAddress() and geolocation() from @vercel/functions: they read X-Real-IP and X-Vercel-IP-*.
export async function GET(request: NextRequest) {
  return Response.json({ ip: ipAddress(request) ?? null, geo: geolocation(request) });
}
