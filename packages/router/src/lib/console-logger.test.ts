import { afterEach, describe, expect, it, vi } from 'vitest';
import { consoleLogger } from './console-logger.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the default logger', () => {
  it('writes an error as one text: the message, the stack, then the cause', () => {
    const written: unknown[][] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => written.push(args));
    const error = new Error('outer', { cause: new TypeError('inner') });
    consoleLogger.error('Route failed', error);
    consoleLogger.error('Just a line');
    consoleLogger.error('Not an Error', 42);
    expect(written).toHaveLength(3);
    const [text] = written[0] as [string];
    expect(text).toMatch(/^Route failed\nError: outer\n\s+at /);
    expect(text).toMatch(/\n\[cause\]: TypeError: inner\n\s+at /);
    expect(written[1]).toEqual(['Just a line']);
    expect(written[2]).toEqual(['Not an Error\n42']);
  });
});
