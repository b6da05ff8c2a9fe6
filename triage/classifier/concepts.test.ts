import { EMERGENCY_LOCALES } from '../languages';
import {
  CONCEPT_CLASSES,
  CUE_CLASSES,
  conceptLexicons,
  conceptRules,
  type ConceptClass,
} from './concepts';
import { createEmergencyDetector, detectEmergency, sharedDetector } from './emergency';
import { trainingExamples, trainingVocabulary } from './training';

/**
 * The concept layer of the emergency detector, language by language. The sentences were written
 * for these tests (none from any evaluation file) and name danger the way the concepts do — a
 * weapon, being hit, a forced door, fire with people inside, not breathing, a young child lost,
 * a drunk driver with children — in other words than the vocabulary files use where possible.
 */

/** [locale, message] — danger now. */
const DANGER: readonly (readonly [string, string])[] = [
  ['en', 'PLEASE SEND SOMEONE THERE IS A MAN IN MY GARDEN WITH A BASEBALL BAT'],
  ['en', 'my neighbours flat is on fire and i think the old lady is still inside'],
  ['en', 'my 4 year old wandered off in the park, she was next to me a minute ago'],
  // A small child alone, with nobody looking after them: found by a stranger, not lost by a parent.
  ['en', 'theres a tiny boy about three walking along the dual carriageway on his own'],
  ['en', 'toddler outside the chip shop with no parents anywhere'],
  ['cy', 'mae plentyn bach ar ei phen ei hun wrth y llyn'],
  ['pl', 'mała dziewczynka bez opieki przy torach'],
  ['pl', 'trzylatek błąka się po parkingu'],
  // Polish puts "się" either side of the verb: "boję się" and "się boję" are both fear.
  ['pl', 'jakiś facet chodzi za mną od sklepu i strasznie się boję'],
  ['en', 'my wife is missing, she left a note and has self-harmed before'],
  [
    'en',
    'my stepdad is drunk and just got in the car with my little sister, he is driving off now',
  ],
  ['en', 'I think my brother has taken an overdose, he is slurring and can barely stay awake'],
  ['en', 'two men just forced a girl into the back of a silver car outside the school'],
  [
    'en',
    'a guy has been following me for 20 minutes and now hes waiting outside the shop I ran into',
  ],
  ['en', 'theres a car upside down in the ditch and the driver isnt moving'],
  [
    'en',
    'Good evening, I must report that my neighbour has barricaded himself in with his children and is threatening to set the house alight.',
  ],
  ['cy', "mae'r fflat drws nesa ar dân ac mae plant tu mewn"],
  ['cy', 'mae fy nghariad wedi fy nghloi yn y stafell ac yn bygwth fy lladd'],
  ['cy', 'mae fy merch fach 4 oed ar goll yn y parc, newydd ddigwydd'],
  ['cy', 'mae fy mrawd wedi cymryd gorddos ac yn anymwybodol'],
  ['cy', 'mae dyn yn fy nilyn i adref ac mae gen i ofn'],
  ['pl', 'ktoś wyważa nam drzwi, jesteśmy z dziećmi w domu'],
  ['pl', 'pali się mieszkanie sąsiadów a w środku jest starsza pani'],
  ['pl', 'zgubiłam w galerii mojego 4-letniego synka, przed chwilą był obok mnie'],
  ['pl', 'mój brat przedawkował i nie można go obudzić'],
  ['pl', 'jakiś mężczyzna wciągnął dziewczynę do samochodu przed szkołą'],
  ['ro', 'ajutor, fostul meu iubit e la ușă cu un cuțit'],
  ['ro', 'a luat foc bucătăria și copiii sunt sus'],
  ['ro', 'fratele meu a luat prea multe pastile și nu mai răspunde'],
  ['ro', 'un bărbat a răpit o fetiță chiar acum'],
  ['pa', 'ਮੇਰਾ ਪਤੀ ਸ਼ਰਾਬ ਪੀ ਕੇ ਗੱਡੀ ਚਲਾਉਣ ਲੱਗਾ ਹੈ ਬੱਚਿਆਂ ਨਾਲ'],
  ['pa', 'mera putt nehar te khada hai te chaal maarn di gal karda'],
  ['pa', 'ਘਰ ਨੂੰ ਅੱਗ ਲੱਗ ਗਈ ਹੈ'],
  ['pa', 'koi mainu maar reha hai'],
  ['ur', 'mera shohar mujhe maar raha hai aur bachon ko dhamki de raha hai'],
  ['ur', 'گھر میں آگ لگ گئی ہے اور امی اندر ہیں'],
  ['ur', 'koi ghar mein ghus aaya hai'],
  ['ur', 'mere bhai ne bohat goliyan kha li hain aur behosh hai'],
  ['pt', 'há um homem armado no café'],
  ['pt', 'o meu pai desmaiou e não respira'],
  ['pt', 'está um homem a tentar entrar pela janela com uma faca'],
  ['pt', 'a minha filha diz que se quer matar'],
  ['es', 'mi hijo de 3 años se ha perdido en el supermercado'],
  ['es', 'mi padre se ha desmayado y no respira'],
  ['es', 'un hombre está golpeando a una mujer en la calle'],
  ['es', 'mi hija dice que quiere suicidarse'],
  ['ar', 'رجل يحمل سكين في المحل ويهدد الناس'],
  ['ar', 'ابنتي عمرها 6 سنوات ضاعت في السوق قبل ربع ساعة'],
  ['ar', 'أبي لا يتنفس'],
  ['ar', 'هناك حريق في العمارة'],
  ['bn', 'আমার ভাই ছুরি নিয়ে মাকে মারছে'],
  ['bn', 'দোকানে একজন লোক ছুরি নিয়ে ঢুকেছে'],
  ['bn', 'আমার বাবা শ্বাস নিচ্ছে না'],
  ['bn', 'আমাদের বাড়িতে আগুন লেগেছে'],
  ['gu', 'મારો દીકરો ખોવાઈ ગયો છે, 5 વર્ષનો છે'],
  ['gu', 'એક માણસ છરી લઈને ઘરમાં ઘૂસી ગયો'],
  ['gu', 'ઘરમાં આગ લાગી છે'],
  ['gu', 'મારા પતિ મને મારી રહ્યા છે'],
  ['it', 'un uomo ha accoltellato un ragazzo davanti alla stazione'],
  ['it', 'mia sorella ha preso tutte le pillole e non risponde'],
  ['it', "c'è un incendio nel palazzo e mio nonno è bloccato dentro"],
  ['it', 'un uomo armato è entrato nel negozio'],
  ['lt', 'kažkas laužiasi į butą, esame su vaikais'],
  ['lt', 'mano vyras girtas ir grasina mane nužudyti'],
  ['lt', 'mano sūnus nekvėpuoja'],
  ['lt', 'gaisras name, vaikai viduje'],
  ['fr', "il y a le feu dans l'immeuble, ma voisine est coincée au troisième"],
  ['fr', 'mon copain me frappe, je suis enfermée dans la salle de bain'],
  ['fr', 'mon père ne respire plus'],
  ['fr', 'un homme avec un couteau menace les clients'],
  ['zh', '有人拿着刀在我家门口'],
  ['zh', '我女儿五岁，在商场走丢了'],
  ['zh', '我爸爸晕倒了没有呼吸'],
  ['zh', '有人要杀我'],
  ['tr', 'evimize hırsız girdi, şu anda içeride'],
  ['tr', 'kızım 4 yaşında, parkta kayboldu'],
  ['tr', 'babam bayıldı ve nefes almıyor'],
  ['tr', 'adam elinde bıçakla bağırıyor'],
  ['so', 'ninkii hore wuxuu wataa mindi, wuxuu leeyahay waan ku dilayaa'],
  ['so', 'gurigii dab ayaa qabsaday, caruurta ayaa gudaha ku jira'],
  ['so', 'aabbahay ma neefsanayo'],
  ['so', 'nin qori wata ayaa dukaanka ku jira'],
  ['uk', 'мій син на даху і каже, що стрибне'],
  ['uk', 'хтось ломиться в квартиру, ми з дітьми вдома'],
  ['uk', 'мій батько не дихає'],
  ['uk', 'чоловік з ножем погрожує людям'],
  ['ru', 'на улице мужчина с пистолетом'],
  ['ru', 'отец упал и не дышит'],
  ['ru', 'муж избивает меня'],
  ['ru', 'в доме пожар, дети внутри'],
  ['ta', 'என் கணவர் என்னை அடிக்கிறார், காப்பாத்துங்க'],
  ['ta', 'வீட்டில் தீப்பிடித்துவிட்டது'],
  ['ta', 'என் அப்பா மயக்கமாக இருக்கிறார்'],
  ['ta', 'ஒருவன் கத்தியுடன் மிரட்டுகிறான்'],
];

/** [locale, message] — no danger now, though some of them name danger words. */
const NOT_NOW: readonly (readonly [string, string])[] = [
  ['en', 'my 5 year old lost her tooth today'],
  ['en', 'my 9 year old wants to walk to school on her own, is that allowed'],
  ['en', 'last summer a toddler wandered on his own into our garden, we took him home'],
  ['pl', 'mój mały syn bawi się sam w pokoju'],
  ['en', 'I lost a letter from the council'],
  ['en', 'the fire brigade came and put out the bin fire, nobody was hurt'],
  ['en', 'i was mugged in may and now im too scared to go out'],
  ['en', 'kids on bikes are throwing stones at cars on the bridge every evening'],
  ['en', 'my car got keyed while parked at the retail park this afternoon'],
  ['en', "I'd like to report a man who threatened me at work last month"],
  ['en', 'can I get a copy of my statement about the stabbing I witnessed in 2022'],
  ['cy', 'cafodd fy nghar ei ddwyn neithiwr'],
  ['cy', 'roedd damwain fach ar y ffordd ddoe, neb wedi brifo'],
  ['cy', 'dwi isio gwybod sut mae adnewyddu fy nhrwydded dryll'],
  ['pl', 'wczoraj ktoś ukradł mi rower spod sklepu'],
  ['pl', 'mój syn zgubił telefon w szkole'],
  ['pl', 'chcę zgłosić że ktoś porysował mi auto w zeszłym tygodniu'],
  ['ro', 'mi s-a furat telefonul ieri în autobuz'],
  ['ro', 'vreau să raportez un accident fără răniți de săptămâna trecută'],
  ['pa', 'ਮੇਰਾ ਬਟੂਆ ਗੁੰਮ ਗਿਆ'],
  ['pa', 'mera phone gum gaya'],
  ['ur', 'mera phone chori ho gaya kal bus mein'],
  ['ur', 'mera batwa gum ho gaya'],
  ['pt', 'perdi a minha carteira no comboio'],
  ['pt', 'quero saber o horário da esquadra'],
  ['es', 'quiero denunciar que me robaron la bicicleta la semana pasada'],
  ['es', 'perdí mis llaves en el autobús'],
  ['ar', 'أريد أن أبلغ عن سرقة هاتفي'],
  ['ar', 'فقدت محفظتي في الحافلة'],
  ['bn', 'আমার মোবাইল চুরি হয়ে গেছে'],
  ['bn', 'আমি আমার মানিব্যাগ হারিয়েছি'],
  ['gu', 'મારું પાકીટ ચોરાઈ ગયું'],
  ['gu', 'મારો ફોન ખોવાઈ ગયો'],
  ['it', "vorrei sapere l'orario dello sportello della polizia"],
  ['it', 'mi hanno rubato la bici ieri'],
  ['lt', 'pamečiau piniginę parduotuvėje'],
  ['lt', 'noriu pranešti apie vagystę'],
  ['fr', 'je voudrais signaler un vol de vélo'],
  ['fr', "j'ai perdu mon portefeuille dans le bus"],
  ['zh', '我的自行车在火车站被偷了'],
  ['zh', '我的钱包丢了'],
  ['tr', 'arabamın camı kırılmış, bir şey çalınmamış'],
  ['tr', 'telefonumu kaybettim'],
  ['so', 'waxaan rabaa inaan ka warbixiyo tuugo'],
  ['so', 'waxaan lumiyay boorsadayda'],
  ['uk', 'у мене вкрали телефон вчора'],
  ['uk', 'я загубив гаманець'],
  ['ru', 'как получить справку о несудимости'],
  ['ru', 'у меня украли велосипед'],
  ['ta', 'என் போன் திருடு போச்சு'],
  ['ta', 'என் பணப்பை தொலைந்துவிட்டது'],
];

describe('concept lexicons', () => {
  test('every emergency locale has one, with the core danger concepts', () => {
    const byLang = new Map(conceptLexicons().map((l) => [l.lang, l]));
    expect([...byLang.keys()].sort()).toEqual([...EMERGENCY_LOCALES].sort());
    const core: readonly ConceptClass[] = [
      'weapon',
      'attack',
      'kill',
      'fire',
      'trapped',
      'medical',
      'bleeding',
      'suicide',
      'child',
      'young',
      'lost',
      'kidnap',
      'drunk',
      'drive',
      'crash',
      'injured',
    ];
    for (const [lang, lexicon] of byLang) {
      const missing = core.filter((c) => lexicon.classes[c].length === 0);
      expect({ lang, missing }).toEqual({ lang, missing: [] });
      expect({ lang, urgent: lexicon.classes.urgent.length > 0 }).toEqual({ lang, urgent: true });
    }
  });

  test('rules only name known classes and every class is used by a rule or is a cue', () => {
    const used = new Set(conceptRules().rules.flatMap((r) => r.all.flat()));
    const unused = CONCEPT_CLASSES.filter((c) => !used.has(c));
    expect(unused).toEqual([]);
    expect(CUE_CLASSES.every((c) => c in conceptRules().cues)).toBe(true);
  });

  test('no word of another language is also a word people write in English, Welsh or Polish', () => {
    // A collision would make an English message "foreign" (recall-first) or a concept of the
    // wrong meaning ("lladd" squeezes to "lad", Romanian "beat" is drunk).
    const vocabulary = new Set(trainingVocabulary());
    const english = new Set(
      trainingExamples().en.flatMap((e) => e.text.toLowerCase().split(/\W+/)),
    );
    const risky = ['bill', 'will', 'the', 'lad', 'beat', 'nudes', 'case', 'home', 'most', 'pull'];
    for (const word of risky) expect(vocabulary.has(word) || english.has(word)).toBe(true);
    for (const word of risky) {
      const result = detectEmergency(`the ${word} is here now, please`);
      expect({ word, emergency: result.emergency }).toEqual({ word, emergency: false });
    }
  });
});

describe('concept detection', () => {
  test.each(DANGER)('[%s] %s → emergency', (_lang, text) => {
    const result = detectEmergency(text);
    expect(result.emergency).toBe(true);
    expect(result.evidence.length).toBeGreaterThan(0);
    expect(result.confidence).toBeGreaterThan(0.5);
  });

  test.each(NOT_NOW)('[%s] %s → not an emergency', (_lang, text) => {
    expect(detectEmergency(text).emergency).toBe(false);
  });

  test('a single danger concept is enough in a language the route classifier cannot read', () => {
    // Told as past, so quiet in English; recall first in Spanish, where the person would only
    // reach the menu anyway.
    expect(detectEmergency('a man with a knife was outside the shop last week').emergency).toBe(
      false,
    );
    expect(
      detectEmergency('la semana pasada un hombre con un cuchillo en la tienda').emergency,
    ).toBe(true);
  });

  test('English loanwords count in a foreign message ("bridge" with Urdu "kood")', () => {
    expect(
      detectEmergency('mera beta bridge pe khara hai aur kood jane ki baat kar raha hai').emergency,
    ).toBe(true);
  });

  test('a weak concept needs a sign that it is happening now', () => {
    expect(detectEmergency('he has a knife').emergency).toBe(true); // phrase layer: has .. knife
    expect(detectEmergency('there was a fight').emergency).toBe(false);
    expect(detectEmergency('there is a fight outside right now').emergency).toBe(true);
    expect(detectEmergency('smoke is coming from the house next door right now').emergency).toBe(
      true,
    );
  });

  test('a calm phrase that is only part of a concept does not calm it', () => {
    // "she left" is calm ("he's gone now"); "she left a note" is a missing-person risk.
    expect(detectEmergency('my wife is missing and she left a note').emergency).toBe(true);
    expect(detectEmergency('he pushed me but he has left and i am safe').emergency).toBe(false);
  });

  test('negation removes a concept: "no one is hurt", "sin heridos"', () => {
    expect(detectEmergency('car crash on my road, no one is hurt').emergency).toBe(false);
    expect(detectEmergency('un accidente en la calle sin heridos').emergency).toBe(false);
  });

  test('explain() names the rule that fired and its score', () => {
    const matches = sharedDetector().explain(
      'mi abuela no puede salir, hay un incendio en el piso',
    );
    const fired = matches.filter((m) => m.category === 'rule' && m.fired === true);
    expect(fired.length).toBe(1);
    expect(fired[0]?.pattern).toMatch(/^fire/);
    expect(matches.some((m) => m.category === 'fire')).toBe(true);
  });

  test('prime() and detectPrepared() give the same answers as the plain call', () => {
    const detector = createEmergencyDetector({ knownWords: trainingVocabulary() });
    detector.prime(['knife', 'cuchillo', 'пожар']);
    for (const [, text] of [...DANGER.slice(0, 5), ...NOT_NOW.slice(0, 5)]) {
      expect(detector(text)).toEqual(detectEmergency(text));
    }
  });
});
