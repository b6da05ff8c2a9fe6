import { ask, type StepSpec } from './build';

/**
 * Questions many flows ask in the same words: who was affected, injuries, the suspect, vehicles,
 * property, evidence, risk, and the person's language and access needs. Their text lives once, under
 * `flows:common.*`; each flow picks the ones that fit and may add conditions of its own.
 */

export const reporterRole = (options = ['victim', 'witness', 'behalf']): StepSpec =>
  ask('reporterRole', 'choice', { keys: 'common.reporterRole', options, maps: 'reporter.role' });

/** Only when the person reporting is not the one it happened to. */
export const victim: StepSpec = ask('victim', 'person', {
  keys: 'common.victim',
  hint: true,
  when: { step: 'reporterRole', in: ['witness', 'behalf'] },
  maps: 'people.victim',
});

export const victimUnder18: StepSpec = ask('victimUnder18', 'yesno', {
  keys: 'common.victimUnder18',
  maps: 'safeguarding',
  safeguarding: true,
});

export const injuries: readonly StepSpec[] = [
  ask('injured', 'yesno', { keys: 'common.injured', maps: 'people.victim' }),
  ask('injuries', 'text', {
    keys: 'common.injuries',
    when: { step: 'injured', equals: true },
    maps: 'people.victim',
  }),
];

export const suspect: readonly StepSpec[] = [
  ask('suspectKnown', 'choice', {
    keys: 'common.suspectKnown',
    options: ['known', 'seen', 'no'],
    maps: 'people.suspect',
  }),
  ask('suspectName', 'text', {
    keys: 'common.suspectName',
    hint: true,
    when: { step: 'suspectKnown', equals: 'known' },
    constraints: { maxLength: 500 },
    maps: 'people.suspect',
  }),
  ask('suspect', 'person', {
    keys: 'common.suspect',
    hint: true,
    optional: true,
    when: { step: 'suspectKnown', in: ['known', 'seen'] },
    maps: 'people.suspect',
  }),
];

export const vehicle: readonly StepSpec[] = [
  ask('vehicleInvolved', 'yesno', { keys: 'common.vehicleInvolved', maps: 'vehicles' }),
  ask('vehicle', 'vehicle', {
    keys: 'common.vehicle',
    hint: true,
    optional: true,
    when: { step: 'vehicleInvolved', equals: true },
    maps: 'vehicles',
  }),
];

export const property: readonly StepSpec[] = [
  ask('propertyItems', 'text', {
    keys: 'common.propertyItems',
    hint: true,
    when: { step: 'propertyAffected', equals: true },
    maps: 'property',
  }),
  ask('propertyValue', 'text', {
    keys: 'common.propertyValue',
    optional: true,
    when: { step: 'propertyAffected', equals: true },
    constraints: { maxLength: 200 },
    maps: 'property',
  }),
  ask('propertySerials', 'text', {
    keys: 'common.propertySerials',
    hint: true,
    optional: true,
    when: { step: 'propertyAffected', equals: true },
    maps: 'property',
  }),
];

export const witnesses: readonly StepSpec[] = [
  ask('witnesses', 'yesno', { keys: 'common.witnesses', maps: 'people.witness' }),
  ask('witnessDetails', 'text', {
    keys: 'common.witnessDetails',
    optional: true,
    when: { step: 'witnesses', equals: true },
    maps: 'people.witness',
  }),
];

const FOOTAGE = ['photos', 'video', 'dashcam', 'doorbell', 'messages'];

export const evidence: readonly StepSpec[] = [
  ask('evidence', 'multi', {
    keys: 'common.evidence',
    hint: true,
    options: ['cctv', ...FOOTAGE, 'none'],
    maps: 'evidence',
  }),
  ask('cctvDetails', 'text', {
    keys: 'common.cctvDetails',
    optional: true,
    when: { step: 'evidence', in: ['cctv'] },
    maps: 'evidence',
  }),
  ask('evidenceFiles', 'attachments', {
    keys: 'common.evidenceFiles',
    hint: true,
    optional: true,
    when: { step: 'evidence', in: FOOTAGE },
    constraints: { maxFiles: 10 },
    maps: 'attachments',
  }),
];

export const atRisk: readonly StepSpec[] = [
  ask('atRisk', 'yesno', { keys: 'common.atRisk', maps: 'safeguarding', safeguarding: true }),
  ask('atRiskDetails', 'text', {
    keys: 'common.atRiskDetails',
    when: { step: 'atRisk', equals: true },
    maps: 'safeguarding',
  }),
];

export const access: readonly StepSpec[] = [
  ask('interpreter', 'yesno', { keys: 'common.interpreter', maps: 'reporter.interpreter' }),
  ask('interpreterLanguage', 'text', {
    keys: 'common.interpreterLanguage',
    when: { step: 'interpreter', equals: true },
    constraints: { maxLength: 100 },
    maps: 'reporter.interpreter',
  }),
  ask('accessibility', 'text', {
    keys: 'common.accessibility',
    hint: true,
    optional: true,
    constraints: { maxLength: 1000 },
    maps: 'reporter.accessibility',
  }),
];

export const files = (
  id: string,
  keys: string,
  maxFiles = 10,
  extra: Partial<StepSpec> = {},
): StepSpec =>
  ask(id, 'attachments', {
    keys,
    optional: true,
    constraints: { maxFiles },
    maps: 'attachments',
    ...extra,
  });
