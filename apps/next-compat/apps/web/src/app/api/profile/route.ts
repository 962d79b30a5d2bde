import { withAuth } from '@/lib/with-auth';

export const GET = withAuth(async (_request, _context, { session, agent }) =>
  Response.json({
    email: session.user?.email,
    browser: agent.browser.name ?? null,
    os: agent.os.name ?? null,
    device: agent.device.type ?? 'desktop',
    isBot: agent.isBot,
  }),
);
