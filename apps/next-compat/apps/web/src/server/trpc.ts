import { addNote, currentTenant, findUser, listNotes } from '@acme/db';
import { initTRPC, TRPCError } from '@trpc/server';
import { getServerSession } from 'next-auth';
import { z } from 'zod';
import { authOptions } from '@/lib/auth';

/** The tRPC context: the next-auth session, read from the request's cookies. */
export async function createContext() {
  return { session: await getServerSession(authOptions) };
}

const t = initTRPC.context<Awaited<ReturnType<typeof createContext>>>().create();

const protectedProcedure = t.procedure.use(({ ctx, next }) => {
  const email = ctx.session?.user?.email;
  if (!email) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first.' });
  return next({ ctx: { email } });
});

/** The app's API. */
export const appRouter = t.router({
  greeting: t.procedure
    .input(z.object({ name: z.string().min(1).max(40) }))
    .query(({ input }) => ({ text: `Hello, ${input.name}!` })),
  tenant: t.procedure.query(async () => ({ tenant: await currentTenant() })),
  user: t.router({
    byId: t.procedure.input(z.string()).query(({ input }) => {
      const user = findUser(input);
      if (!user) throw new TRPCError({ code: 'NOT_FOUND', message: `No user ${input}.` });
      return { id: user.id, name: user.name };
    }),
  }),
  note: t.router({
    add: protectedProcedure
      .input(z.object({ text: z.string().min(1).max(200) }))
      .mutation(({ ctx, input }) => addNote(ctx.email, input.text)),
    list: protectedProcedure.query(() => listNotes()),
  }),
});

/** The router's type, for clients. */
export type AppRouter = typeof appRouter;
