import type { DirectLineBot } from './mount';

export interface EchoBotWords {
  readonly greeting: (locale: string) => string;
  readonly echo: (text: string, locale: string) => string;
}

/**
 * A stand-in bot for exercising the channel and the page before the triage bot is wired in (and for
 * the protocol tests). It greets on conversationUpdate and repeats what it is sent; the words are
 * the caller's, so the locale a turn carried can be seen in the reply.
 */
export function createEchoBot(words: EchoBotWords): DirectLineBot {
  return (activity) => {
    const locale = activity.locale ?? 'en';
    if (activity.type === 'conversationUpdate') {
      return Promise.resolve([{ type: 'message', text: words.greeting(locale) }]);
    }
    if (activity.type === 'message') {
      return Promise.resolve([{ type: 'message', text: words.echo(activity.text, locale) }]);
    }
    return Promise.resolve([]);
  };
}
