import { z } from 'zod';
import type { AnswerTypeDef } from './types';
import { readYesNo } from './yesno';
import { fail, ok } from './words';

/**
 * Agreement to a statement shown to the person (the step's prompt). The statement's key is stored
 * with the answer, so a report records exactly what was agreed to, in whichever language it was read.
 */
export type ConsentAnswer = { readonly agreed: boolean; readonly statement: string };

export const ConsentAnswerSchema = z.strictObject({
  agreed: z.boolean(),
  statement: z.string().regex(/^[a-z]+:[a-zA-Z0-9_.-]+$/),
});

const AGREE =
  /^(?:i )?(?:agree|consent|accept|give consent|cytuno|rwy n cytuno|dwi n cytuno|zgadzam sie|wyrazam zgode|akceptuje)$/;
const DISAGREE =
  /^(?:i )?(?:disagree|do not agree|dont agree|do not consent|dont consent|refuse|decline|dim yn cytuno|ddim yn cytuno|nie zgadzam sie|nie wyrazam zgody)$/;

export const consent: AnswerTypeDef<ConsentAnswer> = {
  schema: () => ConsentAnswerSchema,
  parseText(text, step) {
    const s = text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[’']/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
    const agreed = DISAGREE.test(s) ? false : AGREE.test(s) ? true : readYesNo(text);
    return agreed === undefined ? fail('consent.invalid') : ok({ agreed, statement: step.prompt });
  },
  parseValue(value, step, ctx) {
    if (typeof value === 'boolean') return ok({ agreed: value, statement: step.prompt });
    if (value === 'yes' || value === 'agree') return ok({ agreed: true, statement: step.prompt });
    if (value === 'no' || value === 'disagree')
      return ok({ agreed: false, statement: step.prompt });
    if (typeof value === 'string') return this.parseText(value, step, ctx);
    const parsed = z.looseObject({ agreed: z.boolean() }).safeParse(value);
    return parsed.success
      ? ok({ agreed: parsed.data.agreed, statement: step.prompt })
      : fail('consent.invalid');
  },
  format: (value) => ({ key: value.agreed ? 'answers:format.agreed' : 'answers:format.notAgreed' }),
};
