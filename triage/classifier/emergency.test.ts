import { EMERGENCY_LOCALES } from '../languages';
import { detectEmergency, sharedDetector } from './emergency';
import { emergencyLexicons } from './lexicons';
import { trainingExamples } from './training';

/** [locale, message] — someone in danger now. */
const DANGER: readonly (readonly [string, string])[] = [
  ['en', 'someone is kicking my back door in'],
  ['en', 'my boyfriend has a knife and says he will kill me'],
  ['en', 'there is a man with a gun outside the school'],
  ['en', 'my baby is not breathing'],
  ['en', 'i have taken a whole box of paracetamol'],
  ['en', 'i am going to kill myself tonight'],
  ['en', 'our house is on fire and my nan is upstairs'],
  ['en', 'a man is dragging a woman into a car on the high street'],
  ['en', 'my husband is beating me please send someone'],
  ['en', 'i cant talk he is in the next room'],
  ['en', 'HELP!!!'],
  ['en', 'help me'],
  ['en', 'a lorry has hit a cyclist and he is not moving'],
  ['en', 'my dad is drunk and is about to drive the kids to school'],
  ['en', 'someone has been stabbed outside the chip shop'],
  // Loose animals on a road are a 999 call in UK police guidance (a danger to everyone driving).
  ['en', 'two ponies are running down the middle of the bypass'],
  ['en', 'cattle got out and are wandering all over the road by the farm'],
  ['cy', 'helpwch fi, mae dyn yn trio torri mewn i fy nhŷ'],
  ['cy', 'mae fy nghariad yn fy nharo i nawr'],
  ['cy', 'dyw fy mabi ddim yn anadlu'],
  ['cy', "mae'r tŷ ar dân"],
  ['pl', 'pomocy, ktoś się włamuje do mieszkania'],
  ['pl', 'mój mąż mnie bije, przyjedźcie szybko'],
  ['pl', 'on ma nóż i grozi że mnie zabije'],
  ['pl', 'dziecko nie oddycha'],
  ['ro', 'ajutor, soțul meu mă bate'],
  ['ro', 'cineva a intrat în casa mea acum'],
  ['pa', 'ਮੈਨੂੰ ਬਚਾਓ'],
  ['pa', 'mainu bachao, oh mainu maar reha'],
  ['ur', 'مجھے بچاؤ وہ مجھے مار رہا ہے'],
  ['ur', 'bachao koi ghar mein ghus gaya hai'],
  ['pt', 'socorro, ele vai me matar'],
  ['pt', 'o meu filho não respira'],
  ['es', 'ayúdenme, alguien está entrando en mi casa'],
  ['es', 'mi marido me está pegando'],
  ['ar', 'النجدة، رجل يحمل سكين'],
  ['ar', 'ساعدوني'],
  ['bn', 'বাঁচাও'],
  ['bn', 'amake bachao'],
  ['gu', 'બચાવો'],
  ['gu', 'mane bachavo'],
  ['it', 'aiuto, mio marito mi sta picchiando'],
  ['lt', 'gelbėkit, mane muša'],
  ['fr', 'au secours, il veut me tuer'],
  ['fr', "quelqu'un est entré chez moi"],
  ['zh', '救命，有人闯进我家'],
  ['zh', '救救我'],
  ['tr', 'imdat, kocam beni dövüyor'],
  ['so', 'i caawiya, wuu i garaacayaa'],
  ['uk', 'рятуйте, він мене вбʼє'],
  ['ru', 'помогите, меня бьёт муж'],
  ['ru', 'spasite'],
  ['ta', 'காப்பாத்துங்க'],
  ['ta', 'ennai kaapaathunga'],
];

/** [locale, message] — not an emergency, though it mentions danger words. */
const CALM: readonly (readonly [string, string])[] = [
  ['en', 'my car was stolen last night'],
  ['en', 'i was assaulted last month and want to report it'],
  ['en', "it's not an emergency but someone has damaged my fence"],
  ['en', 'is it legal to ride a horse on the road at night'],
  ['en', 'last month a few sheep got out onto the lane, the farmer sorted it'],
  ['en', 'there was a crash, no one is hurt, we swapped details'],
  ['en', 'he hit me on saturday but he has gone now and i am safe'],
  ['en', 'the music next door is killing me'],
  ['en', "i'm dying to know when the front counter opens"],
  ['en', 'i would kill for a job with the police'],
  ['en', 'how do i renew my shotgun certificate'],
  ['en', 'we are filming a scene with replica guns on friday'],
  ['en', 'can you help me with my lost wallet'],
  ['en', 'help'],
  ['en', 'what are the knife crime figures for my town'],
  ['en', 'my son was stabbed two years ago and we want compensation'],
  ['en', 'a dog is being kicked by its owner in the park'],
  ['en', 'the bonfire smoke from next door is everywhere'],
  ['cy', 'cafodd fy meic ei ddwyn ddoe'],
  ['cy', 'nid yw hyn yn argyfwng ond mae rhywun wedi difrodi fy nghar'],
  ['pl', 'wczoraj ukradli mi rower'],
  ['pl', 'to nie jest nagły wypadek, chcę zgłosić kradzież'],
  ['pl', 'umieram z ciekawości co z moją sprawą'],
  ['ro', 'ieri mi-au furat bicicleta'],
  ['pt', 'roubaram a minha bicicleta ontem'],
  ['es', 'me robaron el móvil la semana pasada'],
  ['fr', "on m'a volé mon vélo hier"],
  ['it', 'ieri mi hanno rubato la bici'],
  ['tr', 'dün bisikletim çalındı'],
  ['ru', 'вчера украли велосипед'],
  ['uk', 'вчора вкрали велосипед'],
  ['ur', 'kal meri cycle chori ho gayi'],
  ['zh', '昨天我的自行车被偷了'],
];

describe('detectEmergency', () => {
  test.each(DANGER)('[%s] %s → emergency', (_lang, text) => {
    const result = detectEmergency(text);
    expect(result.evidence).not.toEqual([]);
    expect(result.emergency).toBe(true);
    expect(result.confidence).toBeGreaterThan(0.5);
  });

  test.each(CALM)('[%s] %s → not an emergency', (_lang, text) => {
    expect(detectEmergency(text)).toEqual({ emergency: false, confidence: 0, evidence: [] });
  });

  // Someone too frightened to type may send an emoji; the tokenizer would drop it as punctuation.
  test.each([
    '🆘',
    'help 🆘🆘',
    'he has a 🔪',
    'there is a man with a 🔫 outside my house',
    '🚑 🩸 everywhere',
    'he has a 🗡\uFE0F',
  ])('an emoji that names the danger: %s → emergency', (text) => {
    expect(detectEmergency(text).emergency).toBe(true);
  });

  test.each(['thanks 👍', 'my bike was stolen 😭', 'great service 🔥🔥'])(
    'other emoji change nothing: %s → not an emergency',
    (text) => {
      expect(detectEmergency(text).emergency).toBe(false);
    },
  );

  test('every emergency locale has a vocabulary with cries and alarms', () => {
    const langs = emergencyLexicons().map((l) => l.lang);
    expect([...langs].sort()).toEqual([...EMERGENCY_LOCALES].sort());
    for (const lexicon of emergencyLexicons()) {
      expect(lexicon.alarm.length).toBeGreaterThan(5);
      expect(lexicon.cry.length + lexicon.alarm.length).toBeGreaterThan(8);
    }
  });

  test.each([
    ['typos', 'hes got a nife and hes gona stab me'],
    ['text-speak', 'sum1 is tryin 2 get in my hse rn pls'],
    ['no punctuation or capitals', 'there is a man outside my house with a machete'],
    ['all caps', 'SOMEONE IS BREAKING INTO MY HOUSE'],
    [
      'danger buried at the end of a rambling message',
      'hi so last week i reported my bike stolen and nobody got back to me which is annoying ' +
        'and i wanted to ask about that but anyway my ex has just turned up and is smashing the windows',
    ],
    ['letters repeated', 'hellllp he is hitting meeee'],
  ])('%s', (_why, text) => {
    expect(detectEmergency(text).emergency).toBe(true);
  });

  test.each([
    [
      'a past event with a present-day aftermath',
      'i was mugged in may and now im too scared to go out',
    ],
    ['an explicit negation', 'no one was hurt and the car fire is out now'],
    ['a question about the law', 'is it legal to carry a knife for fishing'],
    ['habit, not now', 'my neighbour always carries a knife, i think he deals'],
  ])('%s', (_why, text) => {
    expect(detectEmergency(text).emergency).toBe(false);
  });

  test('evidence names the words that fired', () => {
    expect(detectEmergency('he has got a knife').evidence).toContain('has got a knife');
  });

  test('explain() shows what quietened a trigger', () => {
    const matches = sharedDetector().explain('i was attacked last week');
    expect(matches.some((m) => m.category === 'past')).toBe(true);
    expect(matches.filter((m) => m.fired === true)).toEqual([]);
  });

  test('recall on every emergency example and ≤1 % false alarms on the route examples', () => {
    let missed = 0;
    let negatives = 0;
    let falseAlarms = 0;
    for (const examples of Object.values(trainingExamples())) {
      for (const e of examples) {
        const fired = detectEmergency(e.text).emergency;
        if (e.route === 'emergency') missed += fired ? 0 : 1;
        else {
          negatives++;
          falseAlarms += fired ? 1 : 0;
        }
      }
    }
    expect(missed).toBe(0);
    expect(falseAlarms / negatives).toBeLessThanOrEqual(0.01);
  });
});
