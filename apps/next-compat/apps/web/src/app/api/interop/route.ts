// Default imports of CommonJS modules that set __esModule, as Next's bundler resolves them.
import CredentialsProvider from 'next-auth/providers/credentials';
import NextAuth from 'next-auth';

export async function GET() {
  return Response.json({
    credentialsProvider: typeof CredentialsProvider,
    nextAuth: typeof NextAuth,
  });
}
