export {
  mountDirectLine,
  MAX_TEXT_LENGTH,
  type DirectLineBot,
  type DirectLineChannel,
  type DirectLineLogger,
  type DirectLineOptions,
  type DirectLineStats,
} from './mount';
export { createEchoBot, type EchoBotWords } from './echoBot';
export { TokenService, type TokenClaims } from './tokens';
export { loadTokenKey, TOKEN_KEY_FILE, type TokenKey } from './token-key';
