import { FLOW_ROUTE_IDS, type FlowRouteId } from '../triage/routes';
import { EXAMPLE_PROFILE } from '../triage/profile';
import { answersSchema, getFlow } from '../triage/flows';
import { answerIssues, buildReport, ReportValidationError } from './build';
import { sampleOrigin, sampleSubmission } from './fixtures';
import { defaultTranslator } from './records';
import { ReportSchema, type Report } from './report';

const translator = defaultTranslator();
const NOW = new Date('2026-11-24T10:00:00Z');
const REF = 'BL-7K3M-9QX2';
const build = (
  route: FlowRouteId,
  variant = 0,
  extra: Parameters<typeof sampleSubmission>[2] = {},
) =>
  buildReport(
    sampleSubmission(route, translator, { variant, now: NOW, ...extra }),
    sampleOrigin('webchat', 6),
    { profile: EXAMPLE_PROFILE, translator, reference: REF, submittedAt: NOW },
  );

describe('buildReport: every route, many branches, no per-route code', () => {
  const IDS = FLOW_ROUTE_IDS as readonly FlowRouteId[];

  test.each(IDS)('%s builds a valid bluelamp.report/v1 on 12 walks', (route) => {
    for (let k = 0; k < 12; k++) {
      const report = build(route, k, { locale: (['en', 'cy', 'pl'] as const)[k % 3] });
      expect(ReportSchema.safeParse(report).success).toBe(true);
      expect(report.route).toBe(route);
      // Nothing is dropped: every answer is in `answers`, in the order asked.
      const input = sampleSubmission(route, translator, {
        variant: k,
        now: NOW,
        locale: report.language,
      });
      expect(report.answers.map((a) => a.step)).toEqual(Object.keys(input.answers));
      for (const a of report.answers) {
        expect(a.question).not.toMatch(/^flows:|\{\{/);
        expect(a.answer).not.toMatch(/^answers:|\{\{/);
      }
    }
  });

  test('a crime report puts each answer in its POLE place', () => {
    const report = build('crime', 0, {
      answers: {
        reporterRole: 'victim',
        crimeType: 'theft',
        where: {
          postcode: 'CM1 1AA',
          address: '10 High Street, Chelmsford',
          lat: 51.73,
          lon: 0.47,
        },
        propertyAffected: true,
        propertyItems: 'A red Trek mountain bike',
        propertyValue: 'about £600',
        vehicleInvolved: true,
        vehicle: {
          text: 'white van ab12cde',
          registration: 'AB12 CDE',
          colour: 'white',
          kind: 'van',
        },
        suspectKnown: 'seen',
        suspect: {
          text: 'man about 30 in a black hoodie',
          age: 30,
          sex: 'male',
          clothing: 'black hoodie',
        },
        victimUnder18: true,
        atRisk: false,
        contactMethod: 'phone',
        contactName: { name: 'Jane Smith' },
        contactPhone: { phone: '+447911123456' },
        interpreter: true,
        interpreterLanguage: 'Polish',
      },
    });
    expect(report.schema).toBe('bluelamp.report/v1');
    expect(report.reference).toBe(REF);
    expect(report.team).toEqual({ id: 'crime-bureau', name: 'Crime Bureau' });
    expect(report.force).toEqual({ id: 'example', name: 'Example Constabulary' });
    expect(report.event.what.categories).toEqual([
      { step: 'crimeType', values: ['theft'], labels: ['Something was stolen'] },
    ]);
    expect(report.event.where).toEqual({
      step: 'where',
      postcode: 'CM1 1AA',
      address: '10 High Street, Chelmsford',
      coordinates: { lat: 51.73, lon: 0.47 },
    });
    expect(report.event.when?.step).toBe('when');
    expect(report.event.description).toMatch(/^Someone took my bike/);
    expect(report.property).toEqual([
      expect.objectContaining({
        description: 'A red Trek mountain bike',
        steps: expect.arrayContaining(['propertyAffected', 'propertyItems', 'propertyValue']),
      }),
    ]);
    expect(report.vehicles).toEqual([
      expect.objectContaining({ registration: 'AB12 CDE', colour: 'white', kind: 'van' }),
    ]);
    expect(report.vehicles[0]?.notes.map((n) => n.step)).toEqual(['vehicleInvolved']);
    const suspect = report.people.find((p) => p.role === 'suspect');
    expect(suspect).toEqual(
      expect.objectContaining({
        isReporter: false,
        age: 30,
        sex: 'male',
        clothing: 'black hoodie',
      }),
    );
    expect(suspect?.notes.map((n) => n.step)).toEqual(['suspectKnown']);
    const victim = report.people.find((p) => p.role === 'victim');
    expect(victim?.isReporter).toBe(true);
    expect(report.reporter).toEqual(
      expect.objectContaining({
        role: 'victim',
        name: 'Jane Smith',
        preferredContact: 'phone',
        anonymous: false,
        contactMethods: [{ type: 'phone', value: '+447911123456' }],
        interpreter: { needed: true, language: 'Polish' },
      }),
    );
    expect(report.safeguarding).toEqual(
      expect.objectContaining({
        flagged: true,
        urgentRoute: false,
        flags: [{ step: 'victimUnder18', question: expect.stringMatching(/18/) }],
      }),
    );
    expect(report.consent).toEqual(
      expect.objectContaining({
        agreed: true,
        statement: 'common:consent.statement',
        language: 'en',
        text: expect.stringContaining('Example Constabulary will use what you have told us'),
      }),
    );
    expect(report.consent.text).toContain('https://www.example.police.uk/privacy');
    expect(report.triage).toEqual({
      classifiedRoute: 'crime',
      confidence: 0.91,
      path: ['safety', 'describe', 'confirm', 'flow', 'check', 'consent'],
    });
    expect(report.transcript).toEqual({ reference: REF, lines: 6 });
    expect(report.channel).toBe('webchat');
  });

  test('the consent statement is recorded as shown, in the person’s language', () => {
    const cy = build('crime', 1, { locale: 'cy' });
    const en = build('crime', 1, { locale: 'en' });
    expect(cy.consent.language).toBe('cy');
    expect(cy.consent.text).not.toBe(en.consent.text);
    expect(cy.consent.text).toContain('Example Constabulary');
  });

  test('a person who chooses no contact is anonymous; chat is a contact method', () => {
    const anon = build('intelligence', 0, { answers: { contactMethod: 'none' } });
    expect(anon.reporter.anonymous).toBe(true);
    expect(anon.reporter.contactMethods).toEqual([]);
    const chat = build('crime', 0, {
      answers: { contactMethod: 'chat', contactName: { name: 'Sam Jones' } },
    });
    expect(chat.reporter.anonymous).toBe(false);
    expect(chat.reporter.contactMethods).toEqual([{ type: 'chat', value: 'webchat' }]);
  });

  test('urgent routes are flagged for safeguarding even with no flag answered', () => {
    const report = build('missing-person', 0, {
      answers: { under18: false, health: false, harmRisk: false },
    });
    expect(report.safeguarding.urgentRoute).toBe(true);
    expect(report.safeguarding.flagged).toBe(true);
    expect(report.safeguarding.flags).toEqual([]);
    // The missing person, described in several steps, is one Person.
    const others = report.people.filter((p) => p.role === 'other');
    expect(others).toHaveLength(1);
    expect(others[0]?.name).toBe('Answer to name, in my own words.');
  });

  test('an rtc with two vehicles keeps their shared notes on the event, not on a guessed vehicle', () => {
    const report = build('rtc', 0, {
      answers: {
        vehiclesCount: 'two',
        yourVehicle: { text: 'my blue Golf', registration: 'AB12 CDE', colour: 'blue' },
        otherVehicle: { text: 'a black BMW', registration: 'XY65 ZZZ'.replace('ZZZ', 'ABC') },
      },
    });
    expect(report.vehicles.map((v) => v.registration)).toEqual(['AB12 CDE', 'XY65 ABC']);
    expect(report.vehicles.every((v) => v.notes.length === 0)).toBe(true);
    expect(report.event.notes.map((n) => n.step)).toContain('vehiclesCount');
  });

  test('attachments keep name, type, size and where they are stored', () => {
    const report = build('driving-complaint', 0, {
      answers: {
        hasFootage: true,
        footage: [
          {
            name: 'photo.jpg',
            contentType: 'image/jpeg',
            size: 1234,
            url: 'https://files.example.net/a/photo.jpg',
          },
        ],
      },
    });
    expect(report.attachments).toEqual([
      {
        step: 'footage',
        name: 'photo.jpg',
        contentType: 'image/jpeg',
        size: 1234,
        url: 'https://files.example.net/a/photo.jpg',
      },
    ]);
  });

  test('answers that break the route’s schema are refused, never half-mapped', () => {
    const input = sampleSubmission('crime', translator, { now: NOW });
    const broken = { ...input, answers: { ...input.answers, crimeType: 'piracy', ghost: 'boo' } };
    expect(() =>
      buildReport(broken, sampleOrigin(), {
        profile: EXAMPLE_PROFILE,
        translator,
        reference: REF,
        submittedAt: NOW,
      }),
    ).toThrow(ReportValidationError);
  });

  test('no transcript lines, no transcript reference', () => {
    const report: Report = buildReport(
      sampleSubmission('foi', translator, { now: NOW }),
      sampleOrigin('forms', 0),
      { profile: EXAMPLE_PROFILE, translator, reference: REF, submittedAt: NOW },
    );
    expect(report.transcript).toBeUndefined();
    expect(report.channel).toBe('forms');
  });

  test.each(IDS)('%s: the cached answer checks agree with triage’s answersSchema', (route) => {
    const flow = getFlow(route);
    const schema = answersSchema(flow);
    for (let k = 0; k < 6; k++) {
      const { answers } = sampleSubmission(route, translator, { variant: k, now: NOW });
      const ids = Object.keys(answers);
      const inactive = flow.steps.find((s) => !(s.id in answers) && s.when);
      const cases = [
        answers,
        { ...answers, ghost: 'boo' },
        ...ids.map((id) => Object.fromEntries(Object.entries(answers).filter(([k2]) => k2 !== id))),
        ...ids.map((id) => ({ ...answers, [id]: { not: 'the right shape' } })),
        ...(inactive ? [{ ...answers, [inactive.id]: 'x' }] : []),
      ];
      for (const c of cases) {
        expect([route, answerIssues(flow, c).length === 0]).toEqual([
          route,
          schema.safeParse(c).success,
        ]);
      }
    }
  });
});
