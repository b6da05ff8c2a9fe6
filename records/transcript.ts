import { z } from 'zod';
import type { TranscriptLine } from '../dialogs/turn';

export type { TranscriptLine } from '../dialogs/turn';

/** dialogs/turn.ts's TranscriptLine, parsed where it crosses into the store. */
export const TranscriptLineSchema: z.ZodType<TranscriptLine> = z.object({
  at: z.string().max(64),
  from: z.enum(['person', 'bot']),
  text: z.string().max(50_000),
});
