/** The registry Node.js versions this package holds, by alias. */
export declare const nodeRuntimes: readonly ['node22', 'node24', 'node26'];
/**
 * The `node` executable of a registry Node.js installed in this package, or `undefined` when
 * that version is not installed here (the packages are linux-x64 only).
 * @param name the alias of the version
 */
export declare function nodeBinary(name: 'node22' | 'node24' | 'node26'): string | undefined;
