import { createActor, waitFor, type Actor } from 'xstate';
import { loadResources } from '../../locales/load';
import { defaultClassifier, detectEmergency } from '../../triage/classifier';
import { createTranslator, type Translator } from '../../triage/i18n';
import {
  createTriageMachine,
  type SubmissionInput,
  type TriageDeps,
  type TriageMachine,
} from '../../triage/machine';
import { EXAMPLE_PROFILE } from '../../triage/profile';
import { getPrompt } from '../../triage/prompt';
import type { Prompt, TriageEmitted, TriageEvent } from '../../triage/types';
import type { UiLocale } from '../../triage/languages';

let translator: Translator | undefined;
export function testTranslator(): Translator {
  translator ??= createTranslator(loadResources());
  return translator;
}

/** Real classifier, detector, flows and translations; a recording submitter. */
export function testDeps(
  overrides: Partial<TriageDeps> = {},
): TriageDeps & { submitted: SubmissionInput[] } {
  const submitted: SubmissionInput[] = [];
  let n = 0;
  return {
    classifier: defaultClassifier,
    detectEmergency,
    profile: EXAMPLE_PROFILE,
    translator: testTranslator(),
    submit: (input) => {
      submitted.push(input);
      return Promise.resolve({ reference: `BL-TEST${String(submitted.length)}` });
    },
    now: () => new Date('2026-11-25T14:00:00Z'),
    newId: () => `id-${String(++n)}`,
    ...overrides,
    submitted,
  };
}

/** A running conversation for tests: send events, read prompts and what was emitted. */
export class Conversation {
  readonly actor: Actor<TriageMachine>;
  readonly emitted: TriageEmitted[] = [];

  constructor(
    readonly deps: TriageDeps,
    locale: UiLocale = 'en',
    snapshot?: ReturnType<Actor<TriageMachine>['getPersistedSnapshot']>,
  ) {
    const machine = createTriageMachine(deps);
    this.actor = createActor(
      machine,
      snapshot ? { snapshot, input: { locale } } : { input: { locale } },
    );
    this.actor.on('*', (e) => this.emitted.push(e));
    this.actor.start();
  }

  send(event: TriageEvent): this {
    this.emitted.length = 0;
    this.actor.send(event);
    return this;
  }
  text(text: string): this {
    return this.send({ type: 'TEXT', text });
  }
  choose(value: string): this {
    return this.send({ type: 'CHOOSE', value });
  }
  get prompt(): Prompt {
    return getPrompt(this.actor.getSnapshot(), this.deps);
  }
  get context() {
    return this.actor.getSnapshot().context;
  }
  notices(): string[] {
    return this.emitted.flatMap((e) => (e.type === 'notice' ? [e.message.key] : []));
  }
  say(): string[] {
    const t = this.deps.translator;
    return this.prompt.messages.map((m) => t.t(m, this.prompt.locale));
  }
  async settled(): Promise<this> {
    await waitFor(this.actor, (s) => !s.matches({ conversation: 'submitting' }), { timeout: 5000 });
    return this;
  }
}
