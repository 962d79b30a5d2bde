// Types for route files that import from next/*, as they would in a Next.js project. approute
// serves those imports from @approute/request; reference this file to type-check them:
//   /// <reference types="approute/next-env" />   (or "types": ["approute/next-env"] in tsconfig)
// It also brings Node's types (`process`, `Buffer`), which TypeScript 6+ leaves out by default
// and a Next.js project gets through `next`.
/// <reference types="node" />
declare module 'next/server' {
  export * from '@approute/request/server';
}
declare module 'next/headers' {
  export * from '@approute/request/headers';
}
declare module 'next/navigation' {
  export * from '@approute/request/navigation';
}
declare module 'next/cache' {
  export * from '@approute/request/cache';
}
declare module 'next/og' {
  export * from '@approute/request/og';
}
