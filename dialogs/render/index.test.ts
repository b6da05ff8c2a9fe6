import type { Prompt } from '../../triage/types';
import { OutboundActivitySchema } from '../activity';
import { render, rendererName } from './index';
import * as F from './testing';

const translator = F.testTranslator();

describe('rendererName', () => {
  it.each([
    ['webchat', 'webchat'],
    ['directline', 'webchat'],
    ['emulator', 'webchat'],
    ['DirectLine', 'webchat'],
    ['facebook', 'facebook'],
    ['sms', 'sms'],
    ['twilio-sms', 'sms'],
    ['acs-sms', 'sms'],
    ['whatsapp', 'whatsapp'],
    ['telegram', 'telegram'],
    ['msteams', 'plain'],
    ['slack', 'plain'],
    ['test', 'plain'],
    ['', 'plain'],
  ])('%j → %s', (channelId, name) => {
    expect(rendererName(channelId)).toBe(name);
  });
});

const CHANNELS = [
  'webchat',
  'directline',
  'emulator',
  'facebook',
  'sms',
  'twilio-sms',
  'whatsapp',
  'telegram',
  'test',
];
const PROMPTS: Prompt[] = [
  F.SAFETY,
  F.MENU_7,
  F.MENU_14,
  F.DESCRIBE,
  F.FLOW_TEXT_OPTIONAL,
  F.FLOW_CHOICE,
  F.FLOW_YESNO_OPTIONAL,
  F.FLOW_MULTI,
  F.CHECK_8,
  F.AGENCY_BTP,
  F.AGENCY_COUNCIL,
  F.EMERGENCY,
  F.SUBMITTED,
  F.LONG,
  F.WELSH_SAFETY,
  { ...F.SAFETY, locale: 'pl' },
  { ...F.CHECK_8, locale: 'cy' },
  {
    id: 'submitting',
    locale: 'en',
    messages: [{ key: 'common:submitting' }],
    input: 'none',
    options: [],
  },
  { id: 'empty', locale: 'en', messages: [], input: 'none', options: [] },
];

describe.each(CHANNELS)('render on %s', (channelId) => {
  it.each(PROMPTS.map((p) => [`${p.id} (${p.locale})`, p] as const))(
    '%s: valid activities, every string translated',
    (_name, prompt) => {
      const activities = render({ prompt, notices: [F.NOTICE_ERROR], channelId, translator });
      for (const a of activities) expect(OutboundActivitySchema.parse(a)).toEqual(a);
      // An untranslated key would show as "ns:key" or "key.path".
      expect(JSON.stringify(activities)).not.toMatch(/\b(dialogs|common|routes|emergency):[a-z]/);
      expect(JSON.stringify(activities)).not.toMatch(/"(reply|check|agency|option)\.[a-zA-Z]+/);
    },
  );
});

describe.each(CHANNELS)('options with nothing else to say, on %s', (channelId) => {
  it('still reach the person, with words', () => {
    const prompt: Prompt = { ...F.SAFETY, messages: [] };
    const activities = F.messages(render({ prompt, notices: [], channelId, translator }));
    expect(activities.length).toBeGreaterThan(0);
    const shown = JSON.stringify(activities);
    expect(shown).toContain('Yes, someone is in');
    expect(shown).toMatch(/\bNo\b/);
  });
});
