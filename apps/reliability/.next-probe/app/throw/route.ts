export async function GET() {
  throw new Error('secret-database-password-in-message');
}
