import { defaultClassifier } from './index';

const identify = (text: string, locale?: string) =>
  defaultClassifier.classify(text, locale ? { locale } : undefined).language;

describe('language identification', () => {
  test.each([
    ['en', 'someone has stolen my bike from outside the shop'],
    ['cy', 'mae rhywun wedi dwyn fy meic o flaen y siop'],
    ['cy', 'dwi isio riportio lladrad plis'],
    ['pl', 'ktoś ukradł mi rower sprzed sklepu'],
    ['pl', 'ktos ukradl mi rower sprzed sklepu wczoraj'],
    ['ro', 'cineva mi-a furat bicicleta din fața magazinului'],
    ['pt', 'alguém roubou a minha bicicleta em frente da loja'],
    ['es', 'alguien me ha robado la bicicleta delante de la tienda'],
    ['it', 'qualcuno ha rubato la mia bicicletta davanti al negozio'],
    ['fr', "quelqu'un a volé mon vélo devant le magasin"],
    ['lt', 'kažkas pavogė mano dviratį prie parduotuvės'],
    ['tr', 'birisi dükkanın önünden bisikletimi çaldı'],
    ['so', 'qof ayaa xaday baaskiilkayga oo ku yaal dukaanka hortiisa'],
    ['ur', 'کسی نے دکان کے سامنے سے میری سائیکل چوری کر لی ہے'],
    ['ur', 'kisi ne meri cycle chori kar li hai dukaan ke samne se'],
    ['ar', 'سرق شخص دراجتي من أمام المتجر'],
    ['pa', 'ਕਿਸੇ ਨੇ ਦੁਕਾਨ ਦੇ ਸਾਹਮਣੇ ਤੋਂ ਮੇਰੀ ਸਾਈਕਲ ਚੋਰੀ ਕਰ ਲਈ'],
    ['bn', 'কেউ দোকানের সামনে থেকে আমার সাইকেল চুরি করেছে'],
    ['gu', 'કોઈએ દુકાનની સામેથી મારી સાયકલ ચોરી લીધી'],
    ['ta', 'கடைக்கு முன்னால் இருந்து யாரோ என் சைக்கிளை திருடிவிட்டார்கள்'],
    ['zh', '有人在商店门口偷了我的自行车'],
    ['uk', 'хтось вкрав мій велосипед біля магазину'],
    ['ru', 'кто-то украл мой велосипед у магазина'],
  ])('%s: %s', (code, text) => {
    const guess = identify(text);
    expect(guess.code).toBe(code);
    expect(guess.confidence).toBeGreaterThan(0.5);
    expect(guess.supported).toBe(['en', 'cy', 'pl'].includes(code));
  });

  test.each([
    ['hi', 'cy', 'cy'],
    ['help', 'pl', 'pl'],
    ['ok', 'en', 'en'],
    ['diolch', 'en', 'cy'],
    ['pomocy', 'en', 'pl'],
  ])('short "%s" in a %s conversation → %s', (text, locale, expected) => {
    expect(identify(text, locale).code).toBe(expected);
  });

  test('nothing to go on: the conversation language, or und without one', () => {
    expect(identify('!!! 999', 'cy')).toMatchObject({ code: 'cy', supported: true });
    expect(identify('???')).toEqual({ code: 'und', confidence: 0, supported: false });
  });
});
