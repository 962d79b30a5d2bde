// Prints, as base64, the PNG that @vercel/og 1.0.1 (the copy Next.js 16.4 ships) draws for the
// element described by argv[2] (JSON: { text, width, height }).
import { Buffer } from 'node:buffer';
import { ImageResponse } from '@vercel/og';
import { createElement } from 'react';
import { element } from './element.mjs';

const { text, width, height } = JSON.parse(process.argv[2] ?? '{}');
const png = await new ImageResponse(element(createElement, text), { width, height }).arrayBuffer();
process.stdout.write(Buffer.from(png).toString('base64'));
