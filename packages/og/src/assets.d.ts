// The binary files the web entry bundles (`with { type: 'bytes' }`, esbuild's import attribute)
// or, on workerd, imports as WebAssembly modules.
declare module '*.wasm' {
  const contents: unknown;
  export default contents;
}
declare module '*.ttf' {
  const contents: Uint8Array;
  export default contents;
}
