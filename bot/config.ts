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

/**
 * Blank counts as unset for the values with defaults too: `PORT=` would otherwise coerce to 0 (a
 * random port nobody is told about) and `DATA_DIR=` failed deep inside the store with a stack.
 */
function withDefault<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);
}

/** An http(s) URL, so a typo stops the start here rather than in the delivery worker later. */
const httpUrl = optionalString.pipe(
  z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }).optional(),
);

/** Large enough for any retention policy, small enough that `now - n` is still a valid Date. */
const MAX_DAYS = 36_500;

const EnvSchema = z.object({
  PORT: withDefault(z.coerce.number().int().min(0).max(65535).default(3978)),
  HOST: withDefault(z.string().default('0.0.0.0')),
  DATA_DIR: withDefault(z.string().default('./data')),
  DATABASE_URL: optionalString,
  FORCE_PROFILE: optionalString,
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  // Empty counts as unset (App Service templates leave it blank); a mistyped value stops the start.
  MicrosoftAppType: optionalString.pipe(
    z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  ),
  MicrosoftAppTenantId: optionalString,
  /** Signs web chat tokens; by default a key kept in DATA_DIR. Set one shared by every machine. */
  DIRECTLINE_TOKEN_SECRET: optionalString.pipe(
    z.string().min(32, 'must be at least 32 characters').optional(),
  ),
  LANGUAGE_ENDPOINT: httpUrl,
  LANGUAGE_KEY: optionalString,
  RECORDS_WEBHOOK_URL: httpUrl,
  RECORDS_WEBHOOK_SECRET: optionalString,
  /** The NDJSON drop; by default `records` inside DATA_DIR, so moving DATA_DIR moves it too. */
  RECORDS_DIR: optionalString,
  /** Delivered reports are kept this long, then purged (counts logged, never content). */
  RECORDS_RETENTION_DAYS: withDefault(z.coerce.number().min(0).max(MAX_DAYS).default(30)),
  RECORDS_TRANSCRIPT_RETENTION_DAYS: withDefault(
    z.coerce.number().min(0).max(MAX_DAYS).default(30),
  ),
  /** Conversations untouched for this long are forgotten (their state deleted). */
  IDLE_EXPIRY_MINUTES: withDefault(
    z.coerce
      .number()
      .positive()
      .max(MAX_DAYS * 24 * 60)
      .default(24 * 60),
  ),
  /** Someone returning after this long mid-form is asked whether to carry on or start again. */
  RESUME_PROMPT_MINUTES: withDefault(
    z.coerce
      .number()
      .positive()
      .max(MAX_DAYS * 24 * 60)
      .default(30),
  ),
  LOG_LEVEL: withDefault(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
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
  const authProblem = botAuthProblem(config);
  if (authProblem) throw new ConfigError(authProblem);
  if (Boolean(config.LANGUAGE_ENDPOINT) !== Boolean(config.LANGUAGE_KEY)) {
    throw new ConfigError(
      'Set both LANGUAGE_ENDPOINT and LANGUAGE_KEY, or neither (embedded analysers).',
    );
  }
  return config;
}

/**
 * botbuilder checks these combinations only with `assert` when the adapter is built (a stack trace
 * and exit 1), and a password without an app id silently leaves /api/messages unauthenticated.
 */
function botAuthProblem(c: Config): string | undefined {
  const { MicrosoftAppId: id, MicrosoftAppPassword: password, MicrosoftAppType: type } = c;
  if (!id) {
    const set = (['MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId'] as const)
      .filter((name) => c[name])
      .join(', ');
    return set
      ? `${set} set but MicrosoftAppId is not: /api/messages would be unauthenticated.`
      : undefined;
  }
  if ((type === 'SingleTenant' || type === 'UserAssignedMSI') && !c.MicrosoftAppTenantId) {
    return `MicrosoftAppType ${type} needs MicrosoftAppTenantId.`;
  }
  if (type === 'UserAssignedMSI' && password) {
    return 'MicrosoftAppType UserAssignedMSI takes no MicrosoftAppPassword (unset it).';
  }
  if (type !== 'UserAssignedMSI' && !password) {
    return `MicrosoftAppType ${type ?? 'MultiTenant'} needs MicrosoftAppPassword.`;
  }
  return undefined;
}
