// approute's routes for the in-process measurements (micro-adapter.mjs, micro-router.mjs): the
// manifest \`approute build\` writes for app/, and the route modules as app/**/route.ts has them.
import { cookies } from '@approute/request/headers';
import { NextResponse } from '@approute/request/server';
import { createManifest } from '@approute/router';

/** The route manifest of app/ (what `approute build` writes). */
export const manifest = createManifest([
  'hello/route.ts',
  'dashboard/[team]/route.ts',
  'api/items/route.ts',
  'static/route.ts',
]);

/** The route modules, by file, as in app/. */
export const modules = {
  'app/hello/route.ts': {
    async GET() {
      return Response.json({ message: 'Hello World' });
    },
  },
  'app/dashboard/[team]/route.ts': {
    async GET(_request, { params }) {
      const { team } = await params;
      const theme = (await cookies()).get('theme')?.value ?? 'light';
      return Response.json({ team, theme });
    },
  },
  'app/api/items/route.ts': {
    async GET(request) {
      const q = request.nextUrl.searchParams.get('q') ?? '';
      const theme = request.cookies.get('theme')?.value ?? 'light';
      return NextResponse.json({ items: [{ id: 1, name: q }], theme });
    },
  },
  'app/static/route.ts': {
    dynamic: 'force-static',
    async GET() {
      return Response.json({ message: 'Hello from the cache' });
    },
  },
};
