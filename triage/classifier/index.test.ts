import { ROUTE_IDS, type RouteId } from '../routes';
import {
  CONFIDENT_THRESHOLD,
  PLAUSIBLE_THRESHOLD,
  createClassifier,
  defaultClassifier,
} from './index';
import { trainingExamples } from './training';

/** One message per route, none of them in the training data. */
const ROUTES: readonly (readonly [RouteId, string])[] = [
  ['crime', 'somebody nicked the lawnmower out of my shed overnight'],
  ['hate-crime', 'a group of lads shouted homophobic abuse at me and my husband in town'],
  ['rtc', 'a van reversed into my car at the retail park and drove off without stopping'],
  ['driving-complaint', 'i have dashcam video of a lorry overtaking on a blind bend'],
  ['asb', 'teenagers on scrambler bikes keep tearing round the playing field every evening'],
  [
    'intelligence',
    'i think the flat opposite is being used to deal drugs, people in and out all day',
  ],
  ['missing-person', 'my 15 year old son has not come home and his phone is off'],
  [
    'concern-for-welfare',
    'im worried about my elderly neighbour, her curtains have been shut for days',
  ],
  ['firearms-licensing', 'how long does a shotgun certificate renewal take'],
  ['clares-law', 'can i find out if my new boyfriend has a history of domestic violence'],
  ['sarahs-law', 'i want to check if the man babysitting my kids is a registered sex offender'],
  ['foi', 'freedom of information request for the number of tasers used last year'],
  ['subject-access', 'i want a copy of all the personal data the police hold about me'],
  ['recruitment', 'how do i apply to become a special constable'],
  ['foreign-nationals', 'my visa says i must register with the police, how do i do that'],
  ['events', 'we are organising a charity fun run through the town in june'],
  [
    'notice-to-film',
    'our film crew will be shooting a drama scene with prop guns on the high street',
  ],
  ['fingerprints', 'i need my fingerprints taken for a canadian visa'],
  ['media', 'i am a journalist at the evening paper, can the press office confirm the arrest'],
  ['feedback', 'i want to make a complaint about how rude the officer was to my mum'],
  ['update', 'any update on my case? my crime reference number is 42/9999/24'],
  ['your-area', 'who is the neighbourhood officer for my ward and when is the next pact meeting'],
  ['lost-property', 'i lost my wallet on the bus yesterday, has anyone handed it in'],
  ['general-enquiry', 'is it legal to carry pepper spray in the uk'],
  ['not-police', 'what time does the post office close today'],
  [
    'agency:report-fraud',
    'i was scammed buying a puppy online, the seller took my money and vanished',
  ],
  ['agency:council', 'there is a massive pile of fly tipping in the lane behind our houses'],
  ['agency:national-highways', 'there is a mattress in lane two of the m6 southbound'],
  ['agency:rspca', 'my neighbour leaves his dog chained up in the garden with no water'],
  ['agency:dvla', 'a car with no tax has been parked on my street for months'],
  ['agency:btp', 'my phone was stolen on the train into london this morning'],
  [
    'agency:ceop',
    'a grown man has been sending my 12 year old daughter messages on snapchat asking for photos',
  ],
  ['agency:crimestoppers', 'i want to give information anonymously, i do not want to give my name'],
  ['agency:nhs-111', 'i have had chest pains on and off and my gp is closed'],
  ['agency:consumer', 'the shop sold me a faulty fridge and refuses to refund me'],
  ['agency:environment-agency', 'there are dead fish all along the river and it smells of sewage'],
  ['agency:gas-emergency', 'there is a strong smell of gas in the street'],
  ['agency:power-cut', 'we have had a power cut on our whole road since 6pm'],
  ['agency:immigration', 'the car wash down the road is using illegal workers'],
  ['agency:cica', 'how do i claim criminal injuries compensation after being attacked'],
  [
    'agency:victim-support',
    'since the burglary i cannot sleep, is there someone who can support me',
  ],
  ['agency:hmrc', 'my neighbour is working cash in hand and not paying any tax'],
];

const WELSH_POLISH: readonly (readonly [RouteId, string])[] = [
  ['crime', 'mae rhywun wedi dwyn fy meic o flaen y tŷ'],
  ['lost-property', 'dwi wedi colli fy ffôn yn y dre'],
  ['agency:council', 'mae sŵn cerddoriaeth uchel drws nesa bob nos'],
  ['feedback', 'dwi isio gwneud cwyn am y swyddog'],
  ['crime', 'ktoś ukradł mi portfel w sklepie'],
  ['rtc', 'miałem stłuczkę na parkingu, drugi kierowca odjechał'],
  ['agency:report-fraud', 'oszukali mnie na olx, zapłaciłem i nic nie dostałem'],
  ['update', 'mam numer sprawy i chcę wiedzieć co się dzieje'],
];

describe('route classifier', () => {
  test('every route has training examples in English', () => {
    const seen = new Set(trainingExamples().en.map((e) => e.route));
    expect(ROUTE_IDS.filter((id) => !seen.has(id))).toEqual([]);
  });

  test('thresholds order: confident above plausible, both inside 0..1', () => {
    expect(PLAUSIBLE_THRESHOLD).toBeGreaterThan(0);
    expect(CONFIDENT_THRESHOLD).toBeGreaterThan(PLAUSIBLE_THRESHOLD);
    expect(CONFIDENT_THRESHOLD).toBeLessThan(1);
  });

  test.each([...ROUTES, ...WELSH_POLISH])('%s ← %s', (route, text) => {
    const result = defaultClassifier.classify(text);
    expect(result.emergency.emergency).toBe(false);
    expect(result.routes[0]?.route).toBe(route);
    expect(result.routes[0]?.confidence).toBeGreaterThanOrEqual(PLAUSIBLE_THRESHOLD);
    expect(result.routes[0]?.evidence.length).toBeGreaterThan(0);
  });

  test('ranked, calibrated, never the emergency route (the detector decides that)', () => {
    for (const [, text] of ROUTES) {
      const { routes } = defaultClassifier.classify(text);
      const confidences = routes.map((r) => r.confidence);
      expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
      expect(confidences.every((c) => c >= 0 && c <= 1)).toBe(true);
      expect(routes.some((r) => r.route === 'emergency')).toBe(false);
    }
  });

  test.each([
    ['German', 'Jemand hat mein Fahrrad vor dem Laden gestohlen, was soll ich tun?'],
    ['Spanish', 'Alguien me ha robado la bicicleta delante de la tienda'],
    ['Turkish', 'birisi dükkanın önünden bisikletimi çaldı ne yapmalıyım'],
    ['Chinese', '有人在商店门口偷了我的自行车'],
    ['Arabic', 'سرق شخص دراجتي من أمام المتجر'],
  ])('%s: no plausible route, so the menu and a person are offered', (_lang, text) => {
    const { routes, language } = defaultClassifier.classify(text);
    expect(language.supported).toBe(false);
    expect(routes.every((r) => r.confidence < PLAUSIBLE_THRESHOLD)).toBe(true);
  });

  test('words it has never seen: nothing plausible either', () => {
    const { routes } = defaultClassifier.classify('flurb wazzle kronk bibble snarf');
    expect(routes.every((r) => r.confidence < PLAUSIBLE_THRESHOLD)).toBe(true);
  });

  test.each([
    ['feedback', 'i want to complain, the officer who came about my burglary was rude to me'],
    [
      'update',
      'i have more photos of the damage for the criminal damage i reported, reference 1234',
    ],
    ['agency:btp', 'my bike was stolen from the railway station bike racks'],
    ['lost-property', 'i left my rucksack on the train home last night'],
    ['agency:victim-support', 'after the burglary my mum is too scared to sleep, is there support'],
  ])('precedence: %s ← %s', (route, text) => {
    expect(defaultClassifier.classify(text).routes[0]?.route).toBe(route);
  });

  test.each([
    [
      'driving-complaint',
      "a van nearly took me out on the zebra crossing, didn't touch me but my dashcam got it",
    ],
    [
      'rtc',
      'a car backed into my parked car outside the chemist and the driver left without leaving details',
    ],
    [
      'intelligence',
      "I'm not the victim but I know the lad who has been nicking bikes round here, he keeps them in his nan's garage",
    ],
    [
      'feedback',
      'officers never bothered to look at the doorbell footage of my burglary, really let down',
    ],
    [
      'agency:consumer',
      "the washing machine I bought last month has broken and the shop won't repair or replace it",
    ],
    ['not-police', "the chip shop gave me the wrong order and won't answer the phone"],
    ['recruitment', "how do I become a detective, I'm 24 and have a degree"],
    ['feedback', 'chcę złożyć skargę na policjanta który był niegrzeczny'],
    ['feedback', 'hoffwn gwyno am y ffordd y deliodd yr heddlu â fy achos'],
  ])('boundary: %s ← %s', (route, text) => {
    expect(defaultClassifier.classify(text).routes[0]?.route).toBe(route);
  });

  test('warming up (caches, JIT) does not change any answer', () => {
    const cold = createClassifier();
    const texts = [...ROUTES, ...WELSH_POLISH].map(([, text]) => text);
    const before = texts.map((t) => cold.classify(t));
    cold.warm();
    const warmed = createClassifier();
    warmed.warm();
    expect(texts.map((t) => warmed.classify(t))).toEqual(before);
  });

  test('greetings alone carry no route', () => {
    expect(defaultClassifier.classify('hello').routes).toEqual([]);
    expect(defaultClassifier.classify('hi there thanks').routes).toEqual([]);
  });

  test('nothing usable: no routes', () => {
    expect(defaultClassifier.classify('   ').routes).toEqual([]);
    expect(defaultClassifier.classify('?!').routes).toEqual([]);
  });

  test('builds from data in well under the 5 s start-up budget', () => {
    const classifier = createClassifier();
    expect(classifier.buildMs()).toBe(0);
    classifier.warm();
    expect(classifier.buildMs()).toBeGreaterThan(0);
    expect(classifier.buildMs()).toBeLessThan(5000);
  });

  test('trains on the examples it is given', () => {
    const classifier = createClassifier({
      examples: {
        en: [
          { route: 'crime', text: 'zorblax stolen' },
          { route: 'agency:council', text: 'quibbity pothole' },
        ],
      },
    });
    expect(classifier.classify('zorblax zorblax').routes[0]?.route).toBe('crime');
  });
});
