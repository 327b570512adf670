export type { AwsAIConfig, RequestOptions } from '../config';
export * from '../errors';
export type { BotSession } from './bot-session';
export { Conversation } from './conversation-module';
export { decodeLexHeader, encodeLexHeader } from './header-codec';
export {
  CONVERSATION_AUDIO_CONTENT_TYPE,
  CONVERSATION_TEXT_MAX_CHARS,
  MESSAGES_MAX,
  SPEECH_MAX_MS,
  TEXT_MAX_CHARS,
  UTTERANCE_HEADERS_MAX_BYTES,
  WELCOME_MESSAGES_MAX,
} from './limits';
export type * from './types';
