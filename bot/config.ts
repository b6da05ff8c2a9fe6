import { z } from 'zod';
import { defaultDropDir } from '../records/drop';

/**
 * Configuration comes only from the environment, parsed once at start-up by zod, so a mistyped
 * variable stops the start with a message naming it — never a half-configured service.
 * Names are the public contract in ../shared/DESIGN.md.
 */
const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: optionalString,
  FORCE_PROFILE: optionalString,
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  // Empty counts as unset (App Service templates leave it blank); a mistyped value stops the start.
  MicrosoftAppType: optionalString.pipe(
    z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  ),
  MicrosoftAppTenantId: optionalString,
  LANGUAGE_ENDPOINT: optionalString,
  LANGUAGE_KEY: optionalString,
  RECORDS_WEBHOOK_URL: optionalString,
  RECORDS_WEBHOOK_SECRET: optionalString,
  /** The NDJSON drop; by default `records` inside DATA_DIR, so moving DATA_DIR moves it too. */
  RECORDS_DIR: optionalString,
  /** Delivered reports are kept this long, then purged (counts logged, never content). */
  RECORDS_RETENTION_DAYS: z.coerce.number().min(0).default(30),
  RECORDS_TRANSCRIPT_RETENTION_DAYS: z.coerce.number().min(0).default(30),
  /** Conversations untouched for this long are forgotten (their state deleted). */
  IDLE_EXPIRY_MINUTES: z.coerce
    .number()
    .positive()
    .default(24 * 60),
  /** Someone returning after this long mid-form is asked whether to carry on or start again. */
  RESUME_PROMPT_MINUTES: z.coerce.number().positive().default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = Omit<z.output<typeof EnvSchema>, 'RECORDS_DIR'> & {
  readonly RECORDS_DIR: string;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${issues.join('\n  ')}`);
  }
  const config = {
    ...parsed.data,
    RECORDS_DIR: parsed.data.RECORDS_DIR ?? defaultDropDir(parsed.data.DATA_DIR),
  };
  if (config.RECORDS_WEBHOOK_URL && !config.RECORDS_WEBHOOK_SECRET) {
    throw new ConfigError(
      'RECORDS_WEBHOOK_URL is set but RECORDS_WEBHOOK_SECRET is not: deliveries must be signed.',
    );
  }
  if (Boolean(config.LANGUAGE_ENDPOINT) !== Boolean(config.LANGUAGE_KEY)) {
    throw new ConfigError(
      'Set both LANGUAGE_ENDPOINT and LANGUAGE_KEY, or neither (embedded analysers).',
    );
  }
  return config;
}
