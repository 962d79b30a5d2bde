import { headers } from 'next/headers';

/**
 * The tenant of the current request, from the `x-tenant` header the edge proxy sets (`public`
 * when there is none). Data-access packages read it themselves, through `next/headers`, so the
 * request scope has to reach them.
 */
export async function currentTenant(): Promise<string> {
  const tenant = (await headers()).get('x-tenant');
  return tenant !== null && /^[a-z0-9-]{1,32}$/.test(tenant) ? tenant : 'public';
}
