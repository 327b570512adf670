export type { AwsAIConfig, RequestOptions } from '../config';
export * from '../core/errors';
export type { BotSession } from './bot-session';
export { Conversation } from './conversation-module';
export { decodeLexHeader, encodeLexHeader } from './header-codec';
export {
  MESSAGES_MAX,
  SPEECH_MAX_MS,
  TEXT_MAX_CHARS,
  UTTERANCE_HEADERS_MAX_BYTES,
} from './limits';
export type * from './types';
