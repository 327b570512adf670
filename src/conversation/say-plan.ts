import { ValidationError } from '../errors';
import { encodeLexHeader } from './header-codec';
import { UTTERANCE_HEADERS_MAX_BYTES } from './limits';
import type { BotSayOptions } from './types';
import {
  checkAttributes,
  checkAudio,
  checkSessionState,
  responseContentType,
  type UtteranceAudio,
} from './validate';

/** A RecognizeUtterance turn, checked and with its headers encoded. @internal */
export interface SayPlan {
  input: UtteranceAudio;
  responseType: string;
  stateHeader: string | undefined;
  attributesHeader: string | undefined;
}

/** Checks a `say` / `sayStream` turn before any request and encodes its headers. @internal */
export function planSay(audio: unknown, options: BotSayOptions = {}): SayPlan {
  const input = checkAudio(audio, options.contentType);
  const sessionState = checkSessionState(options.sessionState);
  const requestAttributes = checkAttributes(options.requestAttributes);
  const responseType = responseContentType(options.responseContentType);
  const stateHeader = sessionState ? encodeLexHeader(sessionState) : undefined;
  const attributesHeader = requestAttributes ? encodeLexHeader(requestAttributes) : undefined;
  const headerBytes = (stateHeader?.length ?? 0) + (attributesHeader?.length ?? 0);
  if (headerBytes > UTTERANCE_HEADERS_MAX_BYTES) {
    throw new ValidationError(
      `sessionState and requestAttributes encode to ${headerBytes} bytes of headers; Lex takes at most ${UTTERANCE_HEADERS_MAX_BYTES} (12 KB) together: keep large data out of session attributes`,
    );
  }
  return { input, responseType, stateHeader, attributesHeader };
}
