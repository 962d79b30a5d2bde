// Route files import from next/*, as they would in a Next.js project; approute serves those
// imports from @approute/request, and these declarations give them the same types.
declare module 'next/server' {
  export * from '@approute/request/server';
}
declare module 'next/headers' {
  export * from '@approute/request/headers';
}
declare module 'next/navigation' {
  export * from '@approute/request/navigation';
}
