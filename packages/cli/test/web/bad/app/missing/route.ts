import { userAgentOfSomething } from 'next/server';

export const GET = () => new Response(String(userAgentOfSomething));
