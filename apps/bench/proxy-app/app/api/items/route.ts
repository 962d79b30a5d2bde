// The same route as ../../../app/api/items/route.ts, behind ../../../proxy.ts.
export { GET } from '../../../../app/api/items/route.ts';
