export {
  mountWebChat,
  fromTranslator,
  type WebChatOptions,
  type WebChatMount,
  type WebTranslate,
} from './mount';
export { renderChatPage, type ChatConfig, type PageInput } from './page';
export { contrastRatio, accessibleOnWhite } from './contrast';
export { pickLocale } from './language';
