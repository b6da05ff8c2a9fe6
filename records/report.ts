import { z } from 'zod';
import { ANSWER_TYPES, REPORT_TARGETS } from '../triage/flows/schema';
import { UI_LOCALES } from '../triage/languages';
import { FLOW_ROUTE_IDS, ROUTE_IDS, TEAM_IDS, type FlowRouteId } from '../triage/routes';
import { REFERENCE_PATTERN } from './reference';

/**
 * `bluelamp.report/v1`: the one record a force's records system receives, whichever channel or
 * form it came from. It is POLE-shaped (Person, Object, Location, Event) so Niche, Athena, UNIFI or
 * anything else maps it in one pass; docs/records.md has the field-by-field mapping and
 * docs/report.schema.json is generated from this file (`z.toJSONSchema`).
 *
 * The schema is closed (no unknown properties): a receiver validating against it catches a
 * tampered or truncated body, and anything new means a new version, never a silent extra field.
 */

export const REPORT_SCHEMA_ID = 'bluelamp.report/v1';

const iso = z.iso.datetime({ offset: true });
const stepId = z.string().regex(/^[a-z][a-zA-Z0-9]*$/);
const shortText = z.string().min(1).max(1000);
const longText = z.string().min(1).max(20_000);

/** A question and the answer, in English, for a notes field; `step` names the flow step. */
export const NoteSchema = z
  .strictObject({
    step: stepId,
    question: longText,
    answer: longText,
  })
  .meta({ description: 'A question asked and the answer given, in English (for a notes field).' });

const Category = z.strictObject({
  step: stepId,
  values: z.array(z.string().regex(/^[a-z0-9-]+$/)).min(1),
  labels: z.array(shortText).min(1),
});

const Coordinates = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});

export const LocationSchema = z
  .strictObject({
    step: stepId,
    text: shortText.optional().describe('The words the person used, when they typed it.'),
    address: shortText.optional(),
    postcode: z
      .string()
      .regex(/^(?:GIR 0AA|[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2})$/)
      .optional()
      .describe('Royal Mail format, normalised ("CM1 1AA").'),
    description: shortText.optional(),
    coordinates: Coordinates.optional(),
  })
  .meta({ description: 'LOCATION: where, as precisely as the person could say.' });

export const WhenSchema = z
  .strictObject({
    step: stepId,
    text: z.string().max(500),
    exact: iso.optional().describe('Either an exact instant, or a range from..to (UTC).'),
    from: iso.optional(),
    to: iso.optional(),
    approximate: z.boolean().describe('The person hedged ("about 3pm") or gave no exact time.'),
  })
  .refine(
    (v) => (v.exact !== undefined) !== (v.from !== undefined && v.to !== undefined),
    'an exact time, or a range from..to',
  );

export const PERSON_ROLES = ['victim', 'witness', 'suspect', 'other'] as const;

export const PersonSchema = z
  .strictObject({
    role: z.enum(PERSON_ROLES),
    isReporter: z.boolean().describe('This person is the one reporting (see `reporter`).'),
    description: z
      .string()
      .max(3000)
      .optional()
      .describe("The description in the reporter's own words."),
    name: z.string().min(1).max(200).optional(),
    age: z.number().int().min(0).max(120).optional(),
    ageRange: z
      .strictObject({ min: z.number().int().min(0), max: z.number().int().max(120) })
      .optional(),
    sex: z.enum(['male', 'female']).optional(),
    height: z.string().max(50).optional(),
    heightCm: z.number().int().min(30).max(260).optional(),
    build: z.string().max(50).optional(),
    hair: z.string().max(200).optional(),
    clothing: z.string().max(1000).optional(),
    features: z.array(z.string().max(50)).optional(),
    phone: z.string().optional(),
    email: z.string().optional(),
    address: z.string().optional(),
    postcode: z.string().optional(),
    dateOfBirth: z.iso.date().optional(),
    notes: z.array(NoteSchema),
    steps: z.array(stepId).describe('The flow steps this entity was built from.'),
  })
  .meta({ description: 'PERSON: someone involved, with the role they played.' });

export const VehicleSchema = z
  .strictObject({
    registration: z
      .string()
      .max(8)
      .optional()
      .describe('DVLA format with its usual space ("AB12 CDE"), when one could be read.'),
    registrationPartial: z
      .string()
      .max(12)
      .optional()
      .describe('Part of a plate, as seen ("starts AB12").'),
    make: z.string().max(50).optional(),
    model: z.string().max(50).optional(),
    colour: z.string().max(30).optional(),
    kind: z.string().max(30).optional(),
    description: z.string().max(1000).optional(),
    notes: z.array(NoteSchema),
    steps: z.array(stepId),
  })
  .meta({ description: 'OBJECT (vehicle).' });

export const PropertySchema = z
  .strictObject({
    description: z.string().max(5000).optional(),
    notes: z.array(NoteSchema),
    steps: z.array(stepId),
  })
  .meta({ description: 'OBJECT (property): items stolen, damaged, lost or found.' });

export const AttachmentSchema = z
  .strictObject({
    step: stepId,
    name: z.string().min(1).max(255),
    contentType: z.string().min(1).max(255),
    size: z.number().int().nonnegative().optional(),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional()
      .describe('Hex SHA-256 of the bytes, when the channel gave us the bytes.'),
    url: z
      .string()
      .max(4000)
      .optional()
      .describe("Where the bytes are stored (the channel's or our store's URL)."),
  })
  .meta({ description: 'OBJECT (a file: photo, footage, document). The bytes are at `url`.' });

const ContactMethod = z.strictObject({
  type: z.enum(['phone', 'sms', 'email', 'post', 'chat']),
  value: z.string().min(1).max(500),
});

export const ReporterSchema = z
  .strictObject({
    role: z
      .string()
      .max(100)
      .optional()
      .describe('reporterRole-style answers: victim, witness, behalf, business, parent…'),
    name: z.string().max(200).optional(),
    dateOfBirth: z.iso.date().optional(),
    address: z.string().max(500).optional(),
    postcode: z.string().max(8).optional(),
    contactMethods: z
      .array(ContactMethod)
      .describe('Every way the person gave to reach them; `chat` is the channel they used.'),
    preferredContact: z
      .string()
      .max(50)
      .optional()
      .describe('How they asked to be contacted (chat, phone, email, sms, none).'),
    anonymous: z
      .boolean()
      .describe('They chose not to be contacted, or gave nothing to contact them by.'),
    accessibility: z
      .array(NoteSchema)
      .describe('Accessibility needs and when or how it is safe to contact them.'),
    interpreter: z
      .strictObject({ needed: z.boolean(), language: z.string().max(100).optional() })
      .optional(),
    notes: z.array(NoteSchema),
  })
  .meta({ description: 'PERSON (the informant): who is reporting and how to reach them.' });

export const ANSWER_VALUE = z.union([
  z.string(),
  z.boolean(),
  z.array(z.string()),
  z.record(z.string(), z.unknown()),
  z.array(z.record(z.string(), z.unknown())),
]);

export const AnswerEntrySchema = z
  .strictObject({
    step: stepId,
    type: z.enum(ANSWER_TYPES),
    maps: z
      .enum(REPORT_TARGETS)
      .describe("Where in this report the answer was used (the flow's `maps`)."),
    question: longText,
    answer: longText,
    value: ANSWER_VALUE.describe(
      "The typed value, in the answer type's own JSON shape (docs/records.md).",
    ),
  })
  .meta({ description: 'One answer, in the order asked: question, answer as shown, typed value.' });

export const ReportSchema = z
  .strictObject({
    schema: z.literal(REPORT_SCHEMA_ID),
    reference: z.string().regex(REFERENCE_PATTERN),
    route: z.enum(FLOW_ROUTE_IDS as unknown as [FlowRouteId, ...FlowRouteId[]]),
    title: shortText.describe('The route\'s title in English ("Report a crime").'),
    team: z.strictObject({ id: z.enum(TEAM_IDS), name: shortText }),
    force: z.strictObject({ id: z.string().min(1), name: shortText }),
    submittedAt: iso,
    startedAt: iso,
    channel: z
      .string()
      .regex(/^[a-z0-9_-]{1,50}$/i)
      .describe('Where the person was: webchat, facebook, whatsapp, sms, telegram, forms…'),
    language: z.enum(UI_LOCALES).describe('The language the person used with us (ISO 639-1).'),
    reporter: ReporterSchema,
    event: z
      .strictObject({
        what: z
          .strictObject({ categories: z.array(Category), notes: z.array(NoteSchema) })
          .describe('What kind of thing happened: the route and the categories the person chose.'),
        when: WhenSchema.optional(),
        where: LocationSchema.optional(),
        description: z
          .string()
          .max(20_000)
          .optional()
          .describe("The person's own first words, before any question was asked."),
        notes: z
          .array(NoteSchema)
          .describe('The narrative: answers about the event, and any not tied to one entity.'),
      })
      .meta({ description: 'EVENT: what happened, when and where.' }),
    people: z.array(PersonSchema),
    vehicles: z.array(VehicleSchema),
    property: z.array(PropertySchema),
    evidence: z.strictObject({ categories: z.array(Category), notes: z.array(NoteSchema) }),
    attachments: z.array(AttachmentSchema),
    safeguarding: z.strictObject({
      flagged: z.boolean().describe('Anything here a person should look at first.'),
      urgentRoute: z
        .boolean()
        .describe(
          'The route is one where someone may be at risk (missing person, concern for welfare).',
        ),
      flags: z
        .array(z.strictObject({ step: stepId, question: longText }))
        .describe('Safeguarding questions answered yes (e.g. "is the victim under 18?").'),
      notes: z.array(NoteSchema),
    }),
    consent: z.strictObject({
      agreed: z.literal(true),
      statement: z
        .string()
        .regex(/^[a-z]+:[a-zA-Z0-9_.-]+$/)
        .describe("The consent statement's i18n key."),
      text: longText.describe("The statement exactly as shown, in the person's language."),
      language: z.enum(UI_LOCALES),
      at: iso,
      other: z
        .array(
          z.strictObject({
            step: stepId,
            statement: z.string(),
            text: longText,
            agreed: z.boolean(),
          }),
        )
        .describe('Other agreements asked during the report (e.g. a referral to victim support).'),
    }),
    triage: z.strictObject({
      classifiedRoute: z
        .enum(ROUTE_IDS)
        .optional()
        .describe(
          'What the classifier made of the first message (absent when the person chose from a menu).',
        ),
      confidence: z.number().min(0).max(1).optional(),
      path: z
        .array(z.string().max(100))
        .describe('The states the conversation went through, in order.'),
    }),
    answers: z
      .array(AnswerEntrySchema)
      .describe('Every answer, in the order asked; the POLE sections above are built from these.'),
    transcript: z
      .strictObject({
        reference: z.string().regex(REFERENCE_PATTERN),
        lines: z.number().int().min(1),
      })
      .optional()
      .describe(
        'The conversation is kept in Bluelamp for a retention period: ask by this reference.',
      ),
  })
  .meta({
    id: 'BluelampReportV1',
    title: 'bluelamp.report/v1',
    description:
      'A report from Bluelamp for a police records system, POLE-shaped (Person, Object, Location, Event).',
  });

export type Report = z.output<typeof ReportSchema>;
export type Person = z.output<typeof PersonSchema>;
export type Vehicle = z.output<typeof VehicleSchema>;
export type Property = z.output<typeof PropertySchema>;
export type Note = z.output<typeof NoteSchema>;

/** The published JSON Schema (docs/report.schema.json), generated from the zod schema. */
export function reportJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ReportSchema, { target: 'draft-2020-12', unrepresentable: 'any' });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'urn:bluelamp:schema:report:v1',
    ...schema,
  };
}
