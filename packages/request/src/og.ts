// next/og: `ImageResponse`, from @approute/og (satori and resvg, as Next.js ships them).
export { ImageResponse } from '@approute/og';
export type { ImageResponseOptions } from '@approute/og';
