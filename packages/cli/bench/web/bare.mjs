// The baseline: the same two answers, routed by hand, as a bare fetch module for Bun.serve.
export default {
  fetch(request) {
    const { pathname } = new URL(request.url);
    if (pathname === '/hello') return Response.json({ message: 'Hello World' });
    if (pathname.startsWith('/dashboard/')) {
      const team = pathname.slice('/dashboard/'.length);
      if (team !== '' && !team.includes('/'))
        return Response.json({ team: decodeURIComponent(team) });
    }
    return new Response(null, { status: 404 });
  },
};
