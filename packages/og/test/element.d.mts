import type { createElement, ReactElement } from 'react';

/** The test image: light text on a dark background, centred. */
export function element(h: typeof createElement, text: string): ReactElement;
