import { z } from 'zod';
import {
  AGENCY_ROUTE_IDS,
  DEFAULT_TEAM_NAMES,
  TEAM_IDS,
  type AgencyRouteId,
  type TeamId,
} from './routes';
import { DEFAULT_AGENCIES, type AgencyContact } from './agencies';
import { UI_LOCALES } from './languages';
import exampleProfile from '../profiles/example.json';

const phone = z.string().regex(/^[0-9 +()-]{3,20}$/, 'a telephone number');
const url = z.url({ protocol: /^https?$/ });
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const contact = z.strictObject({
  name: z.string().min(1),
  web: url.optional(),
  phone: phone.optional(),
  text: phone.optional(),
  email: z.email().optional(),
});

/** A force profile: everything a force may change without touching code. Route ids never change. */
export const ForceProfileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  /** What the bot calls itself in greetings. */
  botName: z.string().min(1).default('Bluelamp'),
  website: url,
  nonEmergencyNumber: phone.default('101'),
  /** Team display names by team id (only the ones the force renames). */
  teams: z.partialRecord(z.enum(TEAM_IDS), z.string().min(1)).default({}),
  /** Agency contact overrides by agency route id; `local` adds force-area contacts (e.g. the council). */
  agencies: z
    .partialRecord(
      z.enum(AGENCY_ROUTE_IDS),
      contact.partial().extend({ local: z.array(contact).optional() }),
    )
    .default({}),
  links: z
    .strictObject({
      yourArea: url,
      /**
       * The force's existing online report forms, linked from the chat page for people who would
       * rather fill in a form (and when JavaScript is off). Without it the link is left out.
       */
      reportOnline: url.optional(),
      lostProperty: url.optional(),
      privacy: url,
      accessibility: url.optional(),
      complaints: url.optional(),
    })
    .strict(),
  /** When people (the Quality of Service desk) answer chats; outside these the bot says so. */
  openingHours: z
    .strictObject({
      timezone: z.string().default('Europe/London'),
      desk: z.array(
        z.strictObject({ days: z.array(z.enum(DAYS)).min(1), open: time, close: time }),
      ),
    })
    .default({ timezone: 'Europe/London', desk: [] }),
  languages: z
    .strictObject({
      default: z.enum(UI_LOCALES).default('en'),
      offered: z.array(z.enum(UI_LOCALES)).min(1).default(['en', 'cy']),
    })
    .default({ default: 'en', offered: ['en', 'cy'] }),
  branding: z
    .strictObject({
      primaryColour: z
        .string()
        .regex(/^#[0-9a-fA-F]{6}$/)
        .default('#003366'),
      logoUrl: z.string().optional(),
    })
    .default({ primaryColour: '#003366' }),
});

export type ForceProfileInput = z.input<typeof ForceProfileSchema>;
export type ForceProfile = z.output<typeof ForceProfileSchema>;

/** The built-in example profile (a fictional force), used when FORCE_PROFILE is not set. */
export const EXAMPLE_PROFILE: ForceProfile = ForceProfileSchema.parse(exampleProfile);

export class ProfileError extends Error {}

/** Validates a profile read from `source` (a file path, for the message); says which field is wrong. */
export function parseProfile(raw: unknown, source: string): ForceProfile {
  const parsed = ForceProfileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ProfileError(`Force profile ${source} is not valid:\n  ${issues.join('\n  ')}`);
  }
  return parsed.data;
}

export function teamName(profile: ForceProfile, team: TeamId): string {
  return profile.teams[team] ?? DEFAULT_TEAM_NAMES[team];
}

export interface ResolvedAgency extends AgencyContact {
  readonly local: readonly AgencyContact[];
}

export function agencyContact(profile: ForceProfile, id: AgencyRouteId): ResolvedAgency {
  const { local, ...override } = profile.agencies[id] ?? {};
  return { ...DEFAULT_AGENCIES[id], ...override, local: local ?? [] };
}
