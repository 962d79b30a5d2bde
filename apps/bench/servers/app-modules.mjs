// approute's routes for the in-process measurements (micro-adapter.mjs, micro-router.mjs): the
// manifest \`approute build\` writes for app/, and the route modules as app/**/route.ts has them.
import { cookies } from '@approute/request/headers';

/** The route manifest of app/ (what `approute build` writes). */
export const manifest = {
  version: 1,
  routes: [
    { id: '/hello', pathname: '/hello', file: 'hello/route.ts', params: [] },
    {
      id: '/dashboard/[team]',
      pathname: '/dashboard/:team',
      file: 'dashboard/[team]/route.ts',
      params: [{ name: 'team', kind: 'single' }],
    },
  ],
};

/** The route modules, by file, as in app/. */
export const modules = {
  'hello/route.ts': {
    async GET() {
      return Response.json({ message: 'Hello World' });
    },
  },
  'dashboard/[team]/route.ts': {
    async GET(_request, { params }) {
      const { team } = await params;
      const theme = (await cookies()).get('theme')?.value ?? 'light';
      return Response.json({ team, theme });
    },
  },
};
