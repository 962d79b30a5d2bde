import { streamText } from 'ai';
import { demoModel } from '@/lib/model';

export const maxDuration = 30;

export async function POST(request: Request) {
  const { prompt } = (await request.json()) as { prompt?: string };
  const result = streamText({ model: demoModel(), prompt: prompt ?? 'Say something.' });
  return result.toUIMessageStreamResponse();
}
