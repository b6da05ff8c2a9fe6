import { loadResources } from '../../locales/load';
import { getFlow } from '../../triage/flows';
import type { StepDef } from '../../triage/flows/schema';
import { createTranslator } from '../../triage/i18n';
import { MENU } from '../../triage/menu';
import { FLOW_ROUTE_IDS, ROUTE_IDS, type FlowRouteId, type RouteId } from '../../triage/routes';

/**
 * The people the benchmark pretends to be. Each conversation plays one persona from the first
 * message to the end of its report or redirect, the way the web chat would: it reads the bot's
 * replies, works out what is being asked (from the options' values and the English locale text,
 * never from internals), and answers with something valid — sometimes pressing a button,
 * sometimes typing the option's number or words, sometimes typing free text. At the end it says
 * "start again", and the next script starts on a fresh conversation id.
 */

/** The part of an outgoing activity a script decides; the driver adds ids, channel and accounts. */
export interface ScriptActivity {
  readonly type: 'message' | 'conversationUpdate';
  readonly text?: string;
  readonly value?: unknown;
  readonly attachments?: readonly { contentType: string; contentUrl: string; name: string }[];
}

/** What the bot sent back, as much of it as a script reads. */
export interface ReplyActivity {
  readonly type?: string;
  readonly text?: string;
  readonly suggestedActions?: {
    readonly actions?: readonly { readonly title?: string; readonly value?: unknown }[];
  };
  readonly attachments?: readonly { readonly contentType?: string; readonly content?: unknown }[];
}

export type Outcome =
  /** A report went all the way to a reference number. */
  | 'submitted'
  /** The flow, check and consent were done but the hand-off did not take the report. */
  | 'submit-failed'
  /** Sent to another agency. */
  | 'redirected'
  /** Given information (lost property, your area, ...). */
  | 'informed'
  /** The script could not tell what it was being asked, or its answers kept being refused. */
  | 'stuck'
  /** The per-script turn limit was reached. */
  | 'turn-limit'
  /** The echo baseline's fixed script ended. */
  | 'echoed';

export interface Script {
  readonly persona: string;
  /** The next activity, given the replies to the last one (none yet: undefined); undefined = over. */
  next(replies: readonly ReplyActivity[] | undefined): ScriptActivity | undefined;
  readonly outcome: Outcome | undefined;
  /** Answers the bot did not take (it asked the same thing again). */
  readonly reprompts: number;
  /** Replies in which the bot apologised for a failed turn ("something went wrong on our side"). */
  readonly turnErrors: number;
}

export interface Persona {
  readonly name: string;
  /** Web Chat joins first (conversationUpdate); Messenger and SMS users just say hello. */
  readonly opening: 'join' | 'hello';
  readonly story: string;
  /** Routes this story is about; the script steers the menu towards them if it comes to that. */
  readonly expect: readonly [RouteId, ...RouteId[]];
  /** Choice answers this persona gives, by step id (option values); others take the first option. */
  readonly choices?: Readonly<Record<string, string>>;
}

/** A mix weighted like seed 000's weekly volumes: crime first, then RTCs, redirects, ASB, the rest. */
export const PERSONAS: readonly Persona[] = [
  {
    name: 'bike-theft',
    opening: 'hello',
    story: 'my bike was stolen from outside the station',
    expect: ['crime', 'agency:btp'],
    choices: { crimeType: 'theft', reporterRole: 'victim', suspectKnown: 'no' },
  },
  {
    name: 'parcel-scam',
    opening: 'join',
    story: 'got a text saying my parcel was held, paid the fee and it was a scam',
    expect: ['agency:report-fraud'],
  },
  {
    name: 'car-park-collision',
    opening: 'join',
    story: 'a car reversed into mine in the supermarket car park and drove off without stopping',
    expect: ['rtc', 'crime'],
  },
  {
    name: 'shed-burglary',
    opening: 'join',
    story: 'someone broke into my garden shed last night and took my tools',
    expect: ['crime'],
    choices: { crimeType: 'burglary', reporterRole: 'victim', suspectKnown: 'seen' },
  },
  {
    name: 'fly-tipping',
    opening: 'hello',
    story: 'someone has dumped a load of rubbish and an old mattress in the lane behind my house',
    expect: ['agency:council'],
  },
  {
    name: 'youths-asb',
    opening: 'join',
    story:
      'a group of teenagers keep gathering outside the shops every night shouting and throwing bottles',
    expect: ['asb'],
  },
  {
    name: 'stolen-phone',
    opening: 'join',
    story: 'my phone was stolen from my bag in a pub in town',
    expect: ['crime'],
    choices: { crimeType: 'theft', reporterRole: 'victim', suspectKnown: 'no' },
  },
  {
    name: 'lost-wallet',
    opening: 'hello',
    story: 'I lost my wallet somewhere in town yesterday',
    expect: ['lost-property'],
  },
  {
    name: 'dangerous-driving',
    opening: 'join',
    story: 'a van was driving dangerously and overtaking on a blind bend, I have dashcam footage',
    expect: ['driving-complaint'],
  },
];

/** What the echo baseline is sent: the kind of messages people type to Bluelamp, in that order. */
export const ECHO_LINES: readonly string[] = [
  'hello',
  'no',
  'my bike was stolen from outside the station',
  'yes',
  'It was locked to the railings by the main entrance and when I came back the lock was cut.',
  '1',
  'yesterday at 6pm',
  'outside the station on Station Road, CM1 1AA',
  'Yes, it happened to me',
  'no',
  'no',
  'No',
  'no',
  'yes',
  'a blue Carrera mountain bike with a black seat, worth about £400',
  'no',
  'no',
  '2',
  'Jo Bloggs',
  '07911 123456',
  'continue',
  'I agree, send my report',
  'No, that is all',
  'start again',
];

export interface StepInfo {
  readonly route: FlowRouteId;
  readonly step: StepDef;
  /** The step's question in English, as the bot says it. */
  readonly prompt: string;
}

/**
 * The English text the scripts recognise prompts by, built once from locales/ and the flows, so a
 * reworded prompt changes the catalogue with it.
 */
export interface Catalogue {
  /** Every flow step, longest prompt first (a prompt that contains a shorter one must win). */
  readonly steps: readonly StepInfo[];
  /** The literal pieces of an English template, in order, with its {{interpolations}} cut out. */
  pieces(key: string): readonly string[];
  /** English route title → route id. */
  readonly routeByTitle: ReadonlyMap<string, RouteId>;
}

export function buildCatalogue(translator = createTranslator(loadResources())): Catalogue {
  const steps: StepInfo[] = [];
  for (const route of FLOW_ROUTE_IDS as readonly FlowRouteId[]) {
    for (const step of getFlow(route).steps) {
      steps.push({ route, step, prompt: translator.t({ key: step.prompt }, 'en') });
    }
  }
  steps.sort((a, b) => b.prompt.length - a.prompt.length);
  const cache = new Map<string, readonly string[]>();
  // With no params i18next leaves each {{name}} in place, so what lies between them is literal.
  const pieces = (key: string): readonly string[] => {
    let hit = cache.get(key);
    if (!hit) {
      hit = translator
        .t({ key }, 'en')
        .split(/\{\{[^}]*\}\}/)
        .map((piece) => piece.trim());
      cache.set(key, hit);
    }
    return hit;
  };
  const routeByTitle = new Map<string, RouteId>();
  for (const route of ROUTE_IDS) {
    routeByTitle.set(translator.t({ key: `routes:${route.replace(':', '.')}.title` }, 'en'), route);
  }
  return { steps, pieces, routeByTitle };
}

/** Whether a reply says this template: its longest literal piece is in the text. */
function says(catalogue: Catalogue, text: string, key: string): boolean {
  const longest = [...catalogue.pieces(key)].sort((a, b) => b.length - a.length)[0];
  return longest !== undefined && longest.length >= 4 && text.includes(longest);
}

/** "It sounds like this is about: Report a crime. Is that right?" → crime. */
export function proposedRoute(cat: Catalogue, text: string): RouteId | undefined {
  const [before = '', after = ''] = cat.pieces('common:confirm.single');
  const start = before ? text.indexOf(before) : -1;
  if (start < 0) return undefined;
  const from = start + before.length;
  const end = after ? text.indexOf(after, from) : text.length;
  if (end < 0) return undefined;
  return cat.routeByTitle.get(text.slice(from, end).trim());
}

export interface Option {
  readonly value: string;
  readonly title: string;
  /** 1-based position among the choices, as "type its number" counts. */
  readonly number: number;
  /** A suggested action (messageBack) sends its text and value; a card's Action.Submit, the value. */
  readonly from: 'button' | 'card' | 'multi';
}

function choiceOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const choice = (value as { choice?: unknown }).choice;
  return typeof choice === 'string' ? choice : undefined;
}

/** Walks an Adaptive Card for Action.Submit buttons and a multi-select's choices. */
function cardOptions(content: unknown, out: Option[]): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const el = node as Record<string, unknown>;
    if (el.type === 'Action.Submit') {
      const value = choiceOf(el.data);
      if (value) {
        const title = typeof el.title === 'string' ? el.title : value;
        out.push({ value, title, number: out.length + 1, from: 'card' });
      }
    }
    if (el.type === 'Input.ChoiceSet' && Array.isArray(el.choices)) {
      for (const c of el.choices as { title?: unknown; value?: unknown }[]) {
        if (typeof c.value === 'string') {
          const title = typeof c.title === 'string' ? c.title : c.value;
          out.push({ value: c.value, title, number: out.length + 1, from: 'multi' });
        }
      }
    }
    for (const [k, v] of Object.entries(el)) if (k !== 'data') visit(v);
  };
  visit(content);
}

/** Every choice the replies offer: card buttons and checkboxes, then the last reply's buttons. */
export function optionsOf(replies: readonly ReplyActivity[]): Option[] {
  const out: Option[] = [];
  for (const reply of replies) {
    for (const a of reply.attachments ?? []) {
      if (a.contentType === 'application/vnd.microsoft.card.adaptive') cardOptions(a.content, out);
    }
  }
  for (const action of replies.at(-1)?.suggestedActions?.actions ?? []) {
    const value = choiceOf(action.value);
    if (value) {
      out.push({ value, title: action.title ?? value, number: out.length + 1, from: 'button' });
    }
  }
  return out;
}

/** A small deterministic generator (mulberry32), so a run's scripts are the same every time. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function futureDate(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${String(d.getUTCFullYear())} at 2pm`;
}

const CONTACT: Readonly<Record<string, string>> = {
  name: 'Jo Bloggs',
  phone: '07911 123456',
  email: 'jo.bloggs@example.com',
  address: '1 High Street, Chelmsford CM1 1AA',
  dateOfBirth: '01/02/1980',
};

/** What a person could type for a step of this type. */
export function typedAnswer(step: StepDef, story: string): string {
  switch (step.type) {
    case 'datetime':
      return step.constraints?.tense === 'future' ? futureDate(40) : 'yesterday at 6pm';
    case 'location':
      return 'outside Tesco on the High Street, CM1 1AA';
    case 'person':
      return 'a man about 30, tall and thin, black hoodie, jeans and white trainers';
    case 'vehicle':
      return 'AB12 CDE, a red Ford Focus';
    case 'contact':
      return (step.constraints?.require ?? ['name']).map((n) => CONTACT[n] ?? '').join(', ');
    case 'text':
      return `${story}. It happened on my way home and I would like it recorded please.`.slice(
        0,
        step.constraints?.maxLength ?? 2000,
      );
    default:
      return 'yes';
  }
}

/** Turns after which a script gives up: more than any flow plus its detours. */
export const MAX_SCRIPT_TURNS = 80;
/** Asked the same thing this many times in a row: the script is not getting through. */
const MAX_SAME_PROMPT = 4;

type Decision =
  | { readonly kind: 'send'; readonly activity: ScriptActivity }
  | { readonly kind: 'end'; readonly outcome: Outcome };

function say(text: string): Decision {
  return { kind: 'send', activity: { type: 'message', text } };
}

function send(activity: ScriptActivity): Decision {
  return { kind: 'send', activity };
}

/**
 * One persona's conversation with Bluelamp. It only maps replies to the next activity, so it is
 * tested against the real service in-process and driven over HTTP by the load generator.
 */
export class BluelampScript implements Script {
  outcome: Outcome | undefined;
  reprompts = 0;
  turnErrors = 0;
  private turns = 0;
  private toldStory = false;
  private route: RouteId | undefined;
  private lastPrompt = '';
  private samePrompt = 0;
  private finishing: Outcome | undefined;
  private readonly random: () => number;

  constructor(
    private readonly who: Persona,
    private readonly catalogue: Catalogue,
    seed: number,
  ) {
    this.random = rng(seed);
  }

  get persona(): string {
    return this.who.name;
  }

  next(replies: readonly ReplyActivity[] | undefined): ScriptActivity | undefined {
    if (this.outcome) return undefined;
    if (this.turns >= MAX_SCRIPT_TURNS) {
      this.outcome = 'turn-limit';
      return undefined;
    }
    const decision = replies === undefined ? this.open() : this.decide(replies);
    if (decision.kind === 'end') {
      this.outcome = decision.outcome;
      return undefined;
    }
    this.turns++;
    return decision.activity;
  }

  private open(): Decision {
    return this.who.opening === 'join' ? send({ type: 'conversationUpdate' }) : say('hello');
  }

  /** Ends the way people do: "start again" (a global command); the next script is a new id. */
  private finish(outcome: Outcome): Decision {
    if (this.finishing) return { kind: 'end', outcome: this.finishing };
    this.finishing = outcome;
    return say('start again');
  }

  private endRoute(): Outcome {
    return this.route?.startsWith('agency:') === true ? 'redirected' : 'informed';
  }

  private decide(replies: readonly ReplyActivity[]): Decision {
    if (this.finishing) return { kind: 'end', outcome: this.finishing };
    const cat = this.catalogue;
    const all = replies.map((r) => r.text ?? '').join('\n');
    // The question is the last thing said (a card may follow it).
    const last = replies.findLast((r) => (r.text ?? '') !== '')?.text ?? '';
    if (says(cat, all, 'common:turnError')) this.turnErrors++;

    const step = this.stepAsked(all);
    // A re-asked step keeps its "Step 3 of 17"; anything else is re-asked in the same words.
    const asked = step ? `${step.prompt}|${/Step \d+ of \d+/.exec(all)?.[0] ?? ''}` : last;
    if (asked === this.lastPrompt) {
      this.reprompts++;
      if (++this.samePrompt >= MAX_SAME_PROMPT) return this.finish('stuck');
    } else {
      this.samePrompt = 0;
    }
    this.lastPrompt = asked;

    const options = optionsOf(replies);
    const find = (value: string) => options.find((o) => o.value === value);
    const has = (value: string) => find(value) !== undefined;

    if (has('not-emergency')) return this.press(find('not-emergency'));
    if (has('back-to-bot')) return this.press(find('back-to-bot'));
    if (has('restart')) return this.press(find('restart'));
    if (has('retry')) return this.finish('submit-failed');
    if (has('more') && has('done')) {
      return this.finish(says(cat, all, 'common:submitted') ? 'submitted' : this.endRoute());
    }
    if (has('continue')) return this.press(find('continue'));
    if (has('agree')) return this.press(find('agree'));
    if (says(cat, last, 'common:safety.question')) return this.choose(options, 'no');
    if (says(cat, last, 'common:describe.question')) return this.tell();

    const proposed = proposedRoute(cat, last);
    if (proposed !== undefined) {
      // "hello" gets "None of these?": tell the story. A story read another way: go along with it.
      if (!this.who.expect.includes(proposed) && !this.toldStory) return this.tell();
      this.route = proposed;
      return this.choose(options, 'yes');
    }
    const routes = options.filter((o) => o.value.startsWith('route:'));
    const groups = options.filter((o) => o.value.startsWith('group:'));
    if (routes.length > 0 || groups.length > 0) {
      return this.toldStory ? this.menu(routes, groups) : this.tell();
    }

    if (step) return this.answer(step.step, options);
    if (says(cat, all, 'common:done')) return this.finish(this.endRoute());
    const first = options[0];
    return first ? this.press(first) : this.finish('stuck');
  }

  private tell(): Decision {
    this.toldStory = true;
    return say(this.who.story);
  }

  private menu(routes: readonly Option[], groups: readonly Option[]): Decision {
    const wanted = this.who.expect;
    const route = routes.find((o) => wanted.some((r) => o.value === `route:${r}`));
    if (route) {
      this.route = route.value.slice('route:'.length) as RouteId;
      return this.press(route);
    }
    const group = groups.find((o) =>
      MENU.some((g) => o.value === `group:${g.id}` && g.routes.some((r) => wanted.includes(r))),
    );
    return group ? this.press(group) : this.finish('stuck');
  }

  private stepAsked(text: string): StepInfo | undefined {
    const steps = this.catalogue.steps;
    return (
      steps.find((s) => s.route === this.route && text.includes(s.prompt)) ??
      steps.find((s) => text.includes(s.prompt))
    );
  }

  private answer(step: StepDef, options: readonly Option[]): Decision {
    const skip = options.find((o) => o.value === 'skip');
    // Typed, "skip" says it; a bare number would be read as the answer to a free-text question.
    if (step.optional && skip && this.random() < 0.2) return this.press(skip, false);
    switch (step.type) {
      case 'choice': {
        const wanted = this.who.choices?.[step.id];
        const pick =
          options.find((o) => o.value === wanted) ?? options.find((o) => o.value !== 'skip');
        return pick ? this.press(pick) : this.finish('stuck');
      }
      case 'multi': {
        const pick = options.find((o) => o.value !== 'skip');
        if (!pick) return this.finish('stuck');
        if (pick.from === 'multi' && this.random() < 0.7) {
          return send({ type: 'message', value: { submit: 'multi', choices: pick.value } });
        }
        return say(String(pick.number));
      }
      case 'yesno':
      case 'consent':
        return this.choose(options, step.type === 'consent' || this.random() < 0.25 ? 'yes' : 'no');
      case 'attachments':
        return send({
          type: 'message',
          attachments: [
            {
              contentType: 'image/jpeg',
              contentUrl: 'https://files.example.org/photo.jpg',
              name: 'photo.jpg',
            },
          ],
        });
      default:
        return say(typedAnswer(step, this.who.story));
    }
  }

  /** Presses the option with this value, or types the word ("no", "yes"). */
  private choose(options: readonly Option[], value: string): Decision {
    const o = options.find((x) => x.value === value);
    if (o && this.random() < 0.6) return this.press(o);
    return say(value);
  }

  /** A button press; three times in ten typed instead, as its number or its words. */
  private press(o: Option | undefined, byNumber = true): Decision {
    if (!o) return this.finish('stuck');
    if (o.from === 'button') {
      const r = this.random();
      if (r < 0.15 && byNumber) return say(String(o.number));
      if (r < 0.3) return say(o.title);
      return send({ type: 'message', text: o.title, value: { choice: o.value } });
    }
    return send({ type: 'message', value: { choice: o.value } });
  }
}

/** The echo baseline's script: join, then the fixed lines, then done. */
export class EchoScript implements Script {
  readonly persona = 'echo';
  outcome: Outcome | undefined;
  readonly reprompts = 0;
  readonly turnErrors = 0;
  private i = -1;

  next(): ScriptActivity | undefined {
    if (this.i >= ECHO_LINES.length) {
      this.outcome = 'echoed';
      return undefined;
    }
    const line = this.i < 0 ? undefined : ECHO_LINES[this.i];
    this.i++;
    return line === undefined ? { type: 'conversationUpdate' } : { type: 'message', text: line };
  }
}
