import type { EmergencyLocale } from '../../triage/languages';

/**
 * Emergencies as people type them, in every language the product answers 999 in. Written for the
 * machine tests independently of the detector's own vocabulary, so these check the detector rather
 * than echo it. Used to prove the interruption works from every state of the conversation.
 */
export const EMERGENCY_PHRASES: Readonly<Record<EmergencyLocale, readonly string[]>> = {
  en: [
    'theres a man outside with a knife trying to get in',
    'help my partner is hitting me right now',
  ],
  cy: ["mae dyn efo cyllell tu allan i'r tŷ", 'help mae rhywun yn ymosod arna i nawr'],
  pl: ['pomocy ktoś włamuje się do mojego domu teraz', 'mąż mnie bije, boję się o życie'],
  ro: ['ajutor, cineva intră în casa mea acum', 'soțul meu mă bate, vă rog ajutați-mă'],
  pa: ['ਮਦਦ ਕਰੋ ਕੋਈ ਮੈਨੂੰ ਮਾਰ ਰਿਹਾ ਹੈ', 'madad karo koi mainu maar reha hai'],
  ur: ['مدد کرو کوئی مجھے مار رہا ہے', 'madad karo mera shohar mujhe maar raha hai'],
  pt: [
    'socorro, alguém está a tentar entrar em casa com uma faca',
    'ajuda o meu marido está a bater-me agora',
  ],
  es: ['ayuda, hay un hombre con un cuchillo en mi casa', 'socorro me están pegando ahora mismo'],
  ar: ['النجدة شخص يحاول قتلي', 'ساعدوني زوجي يضربني الآن'],
  bn: ['বাঁচাও কেউ আমাকে মারছে', 'সাহায্য করুন একজন ছুরি নিয়ে ঘরে ঢুকেছে'],
  gu: ['બચાવો કોઈ મને મારી રહ્યું છે', 'મદદ કરો કોઈ ઘરમાં છરી લઈને ઘૂસી ગયું છે'],
  it: [
    'aiuto, un uomo con un coltello sta entrando in casa',
    'mio marito mi sta picchiando adesso',
  ],
  lt: ['padėkite, kažkas laužiasi į mano namus', 'vyras mane muša, gelbėkite'],
  fr: [
    "au secours, un homme essaie d'entrer chez moi avec un couteau",
    'aidez-moi mon mari me frappe',
  ],
  zh: ['救命 有人拿刀在我家门口', '救命 我丈夫正在打我'],
  tr: ['imdat biri evime zorla giriyor', 'yardım edin kocam beni dövüyor'],
  so: ['i caawiya nin mindi wata ayaa gurigeyga jooga', 'caawimaad ninkeygu wuu i garaacayaa'],
  uk: ['допоможіть хтось ломиться в мою квартиру', 'рятуйте чоловік мене б’є'],
  ru: ['помогите кто-то ломится ко мне в квартиру', 'спасите муж меня бьёт'],
  ta: ['காப்பாற்றுங்கள் யாரோ என்னை அடிக்கிறார்கள்', 'உதவி கத்தியுடன் ஒருவர் வீட்டுக்குள் நுழைந்துள்ளார்'],
};
