import type { AttachmentAnswer } from '../triage/answers/attachments';
import type { ConsentAnswer } from '../triage/answers/consent';
import type { ContactAnswer } from '../triage/answers/contact';
import type { DateTimeAnswer } from '../triage/answers/datetime';
import type { LocationAnswer } from '../triage/answers/location';
import type { PersonAnswer } from '../triage/answers/person';
import type { AnswerValue } from '../triage/answers/types';
import { normaliseRegistration, type VehicleAnswer } from '../triage/answers/vehicle';
import { ANSWER_TYPE_DEFS, answerSchema } from '../triage/answers';
import { activeSteps, getFlow, type ParseContext } from '../triage/flows';
import type { FlowDef, ReportTarget, StepDef } from '../triage/flows/schema';
import type { Answers } from '../triage/answers/types';
import type { z } from 'zod';
import type { Translator } from '../triage/i18n';
import type { Message } from '../triage/types';
import type { SubmissionInput } from '../triage/machine';
import { teamName, type ForceProfile } from '../triage/profile';
import { POLICE_ROUTES } from '../triage/routes';
import type { TranscriptLine } from '../dialogs/turn';
import {
  REPORT_SCHEMA_ID,
  ReportSchema,
  type Note,
  type Person,
  type Property,
  type Report,
  type Vehicle,
} from './report';

/**
 * SubmissionInput → `bluelamp.report/v1`, driven only by each step's `maps` and answer type: there
 * is no per-route code, so a new flow (or a force's changed one) produces a correct report as soon
 * as its steps say where their answers belong. The rules, in docs/records.md:
 *
 * - Structured answers become POLE entities: `person`/`contact` answers in `people.<role>` → one
 *   Person per role (they describe the same person from several angles); each `vehicle` answer →
 *   a Vehicle; `location`/`datetime` → the event's where/when; `attachments` → attachments.
 * - Every other answer in a bucket becomes a Note (question and answer in English) on that bucket's
 *   entity when there is exactly one, on a bare entity when there is none and the answer says there
 *   is one ("yes", some text), and otherwise on the event narrative (`event.notes`).
 * - Nothing is dropped: every answer is also in `answers`, in the order asked, with its typed value.
 */

export interface SubmitOrigin {
  /** The Bot Framework channel id (webchat, facebook, whatsapp, sms, telegram…) or `forms`. */
  readonly channel: string;
  readonly conversationId: string;
  readonly transcript: readonly TranscriptLine[];
}

export interface BuildContext {
  readonly profile: ForceProfile;
  readonly translator: Translator;
  readonly reference: string;
  readonly submittedAt: Date;
}

/** The answers themselves failed the route's schema: a bug upstream, never the person's fault. */
export class ReportValidationError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`report is not valid: ${issues.slice(0, 5).join('; ')}`);
    this.name = 'ReportValidationError';
  }
}

/** Choice values that mean "nothing here" rather than "there is one". */
const NEGATIVE = new Set(['no', 'none', 'unknown', 'not-sure', 'dont-know']);

interface Item {
  readonly step: StepDef;
  readonly value: AnswerValue;
  readonly note: Note;
}

function affirmative(item: Item): boolean {
  const { step, value } = item;
  switch (step.type) {
    case 'yesno':
      return value === true;
    case 'choice':
      return typeof value === 'string' && !NEGATIVE.has(value);
    case 'multi':
      return Array.isArray(value) && value.some((v) => typeof v === 'string' && !NEGATIVE.has(v));
    case 'attachments':
      return Array.isArray(value) && value.length > 0;
    case 'consent':
      return (value as ConsentAnswer).agreed;
    default:
      return true;
  }
}

const isText = (item: Item) => item.step.type === 'text' && typeof item.value === 'string';

/** By the step-id convention `name` / `…Name`, a text answer in a people bucket is the name. */
const isNameStep = (item: Item) =>
  isText(item) && (item.step.id === 'name' || /^[a-z][a-zA-Z0-9]*Name$/.test(item.step.id));

function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The checks of triage's `answersSchema(flow)` (records.test.ts proves they agree), with each
 * step's zod schema built once: building a schema costs ten times more than using it, and
 * answersSchema builds one per answer per call — most of a submit's time at hundreds a second.
 */
const stepSchemas = new WeakMap<StepDef, z.ZodType<AnswerValue>>();
function stepSchema(step: StepDef): z.ZodType<AnswerValue> {
  let schema = stepSchemas.get(step);
  if (!schema) {
    schema = answerSchema(step);
    stepSchemas.set(step, schema);
  }
  return schema;
}

export function answerIssues(flow: FlowDef, answers: Answers): string[] {
  const issues: string[] = [];
  const steps = new Map(flow.steps.map((s) => [s.id, s]));
  const active = new Set(activeSteps(flow, answers).map((s) => s.id));
  for (const [id, value] of Object.entries(answers)) {
    const step = steps.get(id);
    if (!step) issues.push(`${id}: no step ${id} in ${flow.id}`);
    else if (!active.has(id)) issues.push(`${id}: step ${id} does not apply`);
    else {
      const checked = stepSchema(step).safeParse(value);
      if (!checked.success) {
        for (const i of checked.error.issues)
          issues.push(`${[id, ...i.path].join('.')}: ${i.message}`);
      }
    }
  }
  for (const id of active) {
    if (!steps.get(id)?.optional && answers[id] === undefined)
      issues.push(`${id}: ${id} is required`);
  }
  return issues;
}

/** Translations without parameters never change: looked up once each. */
const englishCache = new WeakMap<Translator, Map<string, string>>();
function english(translator: Translator, key: string): string {
  let cache = englishCache.get(translator);
  if (!cache) {
    cache = new Map();
    englishCache.set(translator, cache);
  }
  let text = cache.get(key);
  if (text === undefined) {
    text = translator.t({ key }, 'en');
    cache.set(key, text);
  }
  return text;
}

export function buildReport(
  input: SubmissionInput,
  origin: SubmitOrigin,
  ctx: BuildContext,
): Report {
  const flow = getFlow(input.route);
  const issues = answerIssues(flow, input.answers);
  if (issues.length > 0) throw new ReportValidationError(issues);
  const en = (key: string) => english(ctx.translator, key);
  // `answers:format.text` is "{{value}}": the person's words as they are, no lookup needed.
  const display = (message: Message): string =>
    message.key === 'answers:format.text' && typeof message.params?.value === 'string'
      ? message.params.value
      : message.params
        ? ctx.translator.t(message, 'en')
        : en(message.key);
  const parseCtx: ParseContext = { locale: 'en', now: ctx.submittedAt, label: (key) => en(key) };

  const items: Item[] = flow.steps.flatMap((step) => {
    const value = input.answers[step.id];
    if (value === undefined) return [];
    return [
      {
        step,
        value,
        note: {
          step: step.id,
          question: en(step.prompt),
          // Every value has passed its step's schema above, so the type's formatter applies as is.
          answer: display(ANSWER_TYPE_DEFS[step.type].format(value, step, parseCtx)) || '—',
        },
      },
    ];
  });
  const bucket = (target: ReportTarget) => items.filter((i) => i.step.maps === target);
  const eventNotes: Note[] = [];

  const categories = (list: readonly Item[]) =>
    list
      .filter((i) => (i.step.type === 'choice' || i.step.type === 'multi') && i.step.options)
      .flatMap((i) => {
        const values = (Array.isArray(i.value) ? i.value : [i.value]).filter(
          (v): v is string => typeof v === 'string',
        );
        if (values.length === 0) return [];
        const labels = values.map((v) => {
          const option = i.step.options?.find((o) => o.value === v);
          return option ? en(option.label) : v;
        });
        return [{ step: i.step.id, values, labels }];
      });
  const isCategory = (i: Item) => i.step.type === 'choice' || i.step.type === 'multi';

  /* --------------------------------------------------------------------------- reporter */
  const contactItems = bucket('reporter.contact');
  const methodItem = contactItems.find((i) => i.step.type === 'choice');
  const preferredContact = typeof methodItem?.value === 'string' ? methodItem.value : undefined;
  const contact: ContactAnswer = Object.assign(
    {},
    ...contactItems.filter((i) => i.step.type === 'contact').map((i) => i.value as ContactAnswer),
  ) as ContactAnswer;
  const contactMethods: Report['reporter']['contactMethods'] = [];
  if (contact.phone) {
    contactMethods.push({ type: 'phone', value: contact.phone });
    if (preferredContact === 'sms') contactMethods.push({ type: 'sms', value: contact.phone });
  }
  if (contact.email) contactMethods.push({ type: 'email', value: contact.email });
  if (contact.address) contactMethods.push({ type: 'post', value: contact.address });
  if (preferredContact === 'chat') contactMethods.push({ type: 'chat', value: origin.channel });
  const anonymous =
    preferredContact === 'none' ||
    (!contact.name && !contact.phone && !contact.email && !contact.address);

  const roleItems = bucket('reporter.role');
  const roleItem = roleItems.find((i) => i.step.type === 'choice');
  const reporterRole = typeof roleItem?.value === 'string' ? roleItem.value : undefined;

  const interpreterItems = bucket('reporter.interpreter');
  const needed = interpreterItems.find((i) => i.step.type === 'yesno');
  const language = interpreterItems.find(isText);

  const reporter: Report['reporter'] = defined({
    role: reporterRole,
    name: contact.name,
    dateOfBirth: contact.dateOfBirth,
    address: contact.address,
    postcode: contact.postcode,
    contactMethods,
    preferredContact,
    anonymous,
    accessibility: bucket('reporter.accessibility').map((i) => i.note),
    interpreter:
      needed || language
        ? defined({
            needed: needed ? needed.value === true : true,
            language: language && needed?.value !== false ? (language.value as string) : undefined,
          })
        : undefined,
    notes: [
      ...contactItems.filter((i) => i !== methodItem && i.step.type !== 'contact'),
      ...roleItems.filter((i) => i !== roleItem),
      ...interpreterItems.filter((i) => i !== needed && i !== language),
    ].map((i) => i.note),
  });

  /* --------------------------------------------------------------------------- people */
  const people: Person[] = [];
  for (const role of ['victim', 'witness', 'suspect', 'other'] as const) {
    const list = bucket(`people.${role}`);
    const structured = list.filter((i) => i.step.type === 'person' || i.step.type === 'contact');
    const rest = list.filter((i) => !structured.includes(i));
    // The reporter is the victim when they say so and describe nobody else as the victim.
    const reporterIsThis =
      role === 'victim' && reporterRole === 'victim' && structured.length === 0;
    if (structured.length === 0 && !reporterIsThis && !rest.some(affirmative)) {
      if (rest.length > 0) eventNotes.push(...rest.map((i) => i.note));
      continue;
    }
    const person: Person = { role, isReporter: reporterIsThis, notes: [], steps: [] };
    for (const item of structured) {
      if (item.step.type === 'person') {
        const p = item.value as PersonAnswer;
        Object.assign(
          person,
          defined({
            description: (person.description ? `${person.description}\n${p.text}` : p.text).slice(
              0,
              3000,
            ),
            name: person.name ?? p.name,
            age: person.age ?? p.age,
            ageRange: person.ageRange ?? p.ageRange,
            sex: person.sex ?? p.sex,
            height: person.height ?? p.height,
            heightCm: person.heightCm ?? p.heightCm,
            build: person.build ?? p.build,
            hair: person.hair ?? p.hair,
            clothing: person.clothing ?? p.clothing,
            features: person.features ?? p.features,
          }),
        );
      } else {
        const c = item.value as ContactAnswer;
        Object.assign(
          person,
          defined({
            name: person.name ?? c.name,
            phone: person.phone ?? c.phone,
            email: person.email ?? c.email,
            address: person.address ?? c.address,
            postcode: person.postcode ?? c.postcode,
            dateOfBirth: person.dateOfBirth ?? c.dateOfBirth,
          }),
        );
      }
      person.steps.push(item.step.id);
    }
    for (const item of rest) {
      if (isNameStep(item) && person.name === undefined) person.name = item.value as string;
      person.notes.push(item.note);
      person.steps.push(item.step.id);
    }
    people.push(person);
  }
  if (reporterRole === 'witness') {
    people.push({
      role: 'witness',
      isReporter: true,
      notes: [],
      steps: roleItem ? [roleItem.step.id] : [],
    });
  }

  /* --------------------------------------------------------------------------- objects */
  const vehicleItems = bucket('vehicles');
  const vehicles: Vehicle[] = vehicleItems
    .filter((i) => i.step.type === 'vehicle')
    .map((i) => {
      const v = i.value as VehicleAnswer;
      const registration = v.registration
        ? (normaliseRegistration(v.registration, true) ?? v.registration)
        : undefined;
      return defined({
        registration,
        registrationPartial: v.registrationPartial,
        make: v.make,
        model: v.model,
        colour: v.colour,
        kind: v.kind,
        description: v.text,
        notes: [],
        steps: [i.step.id],
      });
    });
  attachNotes(
    vehicles,
    vehicleItems.filter((i) => i.step.type !== 'vehicle'),
    eventNotes,
    (notes) => ({ notes: [], steps: [], ...firstText(notes) }),
  );

  const property: Property[] = [];
  attachNotes(property, bucket('property'), eventNotes, (notes) => ({
    notes: [],
    steps: [],
    ...firstText(notes),
  }));

  const attachments = items
    .filter((i) => i.step.type === 'attachments')
    .flatMap((i) =>
      (i.value as readonly AttachmentAnswer[]).map((a) =>
        defined({
          step: i.step.id,
          name: a.name,
          contentType: a.contentType,
          size: a.size,
          url: a.url,
        }),
      ),
    );
  const stray = bucket('attachments').filter((i) => i.step.type !== 'attachments');
  eventNotes.push(...stray.map((i) => i.note));

  const evidenceItems = bucket('evidence');
  const evidence = {
    categories: categories(evidenceItems),
    notes: evidenceItems.filter((i) => !isCategory(i)).map((i) => i.note),
  };

  /* --------------------------------------------------------------------------- event */
  const whatItems = bucket('event.what');
  const whenItems = bucket('event.when');
  const whereItems = bucket('event.where');
  const whenItem = whenItems.find((i) => i.step.type === 'datetime');
  const whereItem = whereItems.find((i) => i.step.type === 'location');
  const descriptionItems = bucket('event.description');
  const firstWords = input.description?.trim();
  const descriptionText = descriptionItems.find(isText);

  const when = whenItem
    ? (() => {
        const d = whenItem.value as DateTimeAnswer;
        return defined({
          step: whenItem.step.id,
          text: d.text,
          exact: d.exact,
          from: d.from,
          to: d.to,
          approximate: d.approximate,
        });
      })()
    : undefined;
  const where = whereItem
    ? (() => {
        const l = whereItem.value as LocationAnswer;
        return defined({
          step: whereItem.step.id,
          text: l.text,
          address: l.address,
          postcode: l.postcode,
          description: l.description,
          coordinates:
            l.lat !== undefined && l.lon !== undefined ? { lat: l.lat, lon: l.lon } : undefined,
        });
      })()
    : undefined;

  const event: Report['event'] = defined({
    what: {
      categories: categories(whatItems),
      notes: whatItems.filter((i) => !isCategory(i)).map((i) => i.note),
    },
    when,
    where,
    description: (firstWords || (descriptionText?.value as string | undefined))?.slice(0, 20_000),
    notes: [
      ...descriptionItems.map((i) => i.note),
      ...whenItems.filter((i) => i !== whenItem).map((i) => i.note),
      ...whereItems.filter((i) => i !== whereItem).map((i) => i.note),
      ...eventNotes,
    ],
  });

  /* --------------------------------------------------------------------------- safeguarding */
  const safeguardingItems = bucket('safeguarding');
  const flags = safeguardingItems
    .filter((i) => i.step.safeguarding === true && i.value === true)
    .map((i) => ({ step: i.step.id, question: i.note.question }));
  const urgentRoute = POLICE_ROUTES[input.route].urgent === true;

  const consentOther = items
    .filter((i) => i.step.type === 'consent')
    .map((i) => {
      const c = i.value as ConsentAnswer;
      return {
        step: i.step.id,
        statement: c.statement,
        text: ctx.translator.t({ key: c.statement }, input.locale),
        agreed: c.agreed,
      };
    });

  const lines = origin.transcript.length;
  const report: Report = {
    schema: REPORT_SCHEMA_ID,
    reference: ctx.reference,
    route: input.route,
    title: en(`routes:${input.route}.title`),
    team: { id: input.team, name: teamName(ctx.profile, input.team) },
    force: { id: ctx.profile.id, name: ctx.profile.name },
    submittedAt: ctx.submittedAt.toISOString(),
    startedAt: input.startedAt,
    channel: origin.channel,
    language: input.locale,
    reporter,
    event,
    people,
    vehicles,
    property,
    evidence,
    attachments,
    safeguarding: {
      flagged: urgentRoute || flags.length > 0,
      urgentRoute,
      flags,
      notes: safeguardingItems.map((i) => i.note),
    },
    consent: {
      agreed: true,
      statement: input.consent.statement,
      text: ctx.translator.t(
        {
          key: input.consent.statement,
          params: { force: ctx.profile.name, privacy: ctx.profile.links.privacy },
        },
        input.locale,
      ),
      language: input.locale,
      at: input.consent.at,
      other: consentOther,
    },
    triage: defined({
      classifiedRoute: input.triage.classifiedRoute,
      confidence: input.triage.confidence,
      path: [...input.triage.path],
    }),
    answers: items.map((i) => ({
      step: i.step.id,
      type: i.step.type,
      maps: i.step.maps ?? 'event.description',
      question: i.note.question,
      answer: i.note.answer,
      value: i.value as Report['answers'][number]['value'],
    })),
    ...(lines > 0 ? { transcript: { reference: ctx.reference, lines } } : {}),
  };

  const valid = ReportSchema.safeParse(report);
  if (!valid.success) {
    throw new ReportValidationError(
      valid.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    );
  }
  return valid.data;
}

function firstText(notes: readonly Item[]): { description?: string } {
  const text = notes.find(isText);
  return text ? { description: text.value as string } : {};
}

/**
 * Notes go on the one entity of their bucket; with none, on a new bare entity when they say there
 * is one; with several, on the event narrative, since guessing which would mislead.
 */
function attachNotes<T extends { notes: Note[]; steps: string[] }>(
  entities: T[],
  notes: readonly Item[],
  eventNotes: Note[],
  bare: (notes: readonly Item[]) => T,
): void {
  if (notes.length === 0) return;
  let target: T | undefined;
  if (entities.length === 1) target = entities[0];
  else if (entities.length === 0 && notes.some(affirmative)) {
    target = bare(notes);
    entities.push(target);
  }
  if (!target) {
    eventNotes.push(...notes.map((i) => i.note));
    return;
  }
  for (const item of notes) {
    target.notes.push(item.note);
    target.steps.push(item.step.id);
  }
}
