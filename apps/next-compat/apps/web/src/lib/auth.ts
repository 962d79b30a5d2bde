import { createHash, timingSafeEqual } from 'node:crypto';
import { findUserByEmail } from '@acme/db';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';

function passwordMatches(password: string, hash: string): boolean {
  const given = createHash('sha256').update(password).digest();
  return timingSafeEqual(given, Buffer.from(hash, 'hex'));
}

/** next-auth v4: e-mail + password against the workspace's `@acme/db`, JWT sessions. */
export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: 'jwt' },
  providers: [
    CredentialsProvider({
      name: 'Email',
      credentials: {
        email: { label: 'E-mail', type: 'email' },
        password: { label: 'Password', type: 'password' },
      },
      authorize(credentials) {
        const user = credentials ? findUserByEmail(credentials.email) : undefined;
        if (!user || !credentials || !passwordMatches(credentials.password, user.passwordHash))
          return null;
        return { id: user.id, name: user.name, email: user.email };
      },
    }),
  ],
  callbacks: {
    session({ session, token }) {
      return { ...session, userId: token.sub };
    },
  },
};
