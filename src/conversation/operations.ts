import type {
  Interpretation,
  Message,
  RecognizeTextCommandOutput,
  RecognizeUtteranceCommandOutput,
  SessionState,
} from '@aws-sdk/client-lex-runtime-v2';
import { readWholeBody } from '../core/body-end';
import { type CallOptions, callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { AwsAIError, ServiceError, ValidationError } from '../errors';
import { decodeLexHeader } from './header-codec';
import { LEX_RUNTIME } from './lex';
import {
  botIntent,
  botMessages,
  dialogAction,
  interpretations,
  lexMessages,
  messageText,
  sessionStateOf,
} from './mappers';
import { planSay, type SayPlan } from './say-plan';
import type { LexRuntimeSdk } from './sdk';
import type {
  BotPutOptions,
  BotPutResult,
  BotRef,
  BotSayOptions,
  BotSendOptions,
  BotSessionSnapshot,
  BotTurn,
} from './types';
import {
  checkAttributes,
  checkMessages,
  checkSessionState,
  checkText,
  responseContentType,
} from './validate';

/** The bot and session every operation addresses. @internal */
export interface SessionRef extends BotRef {
  sessionId: string;
}

function address(ref: SessionRef) {
  return {
    botId: ref.botId,
    botAliasId: ref.botAliasId,
    localeId: ref.localeId,
    sessionId: ref.sessionId,
  };
}

function turn(
  sessionId: string,
  out: {
    messages?: Message[] | undefined;
    interpretations?: Interpretation[] | undefined;
    sessionState?: SessionState | undefined;
    requestAttributes?: Record<string, string> | undefined;
  },
): BotTurn {
  const messages = botMessages(out.messages);
  return {
    sessionId,
    messages,
    text: messageText(messages),
    intent: botIntent(out.sessionState?.intent),
    interpretations: interpretations(out.interpretations),
    dialogAction: dialogAction(out.sessionState),
    sessionState: sessionStateOf(out.sessionState),
    requestAttributes: out.requestAttributes,
  };
}

/** RecognizeText: one text turn. @internal */
export async function send(
  ctx: ModuleContext,
  ref: SessionRef,
  text: string,
  options: BotSendOptions = {},
): Promise<BotTurn> {
  checkText(text);
  const sessionState = checkSessionState(options.sessionState);
  const requestAttributes = checkAttributes(options.requestAttributes);
  const out: RecognizeTextCommandOutput = await callAws(
    ctx,
    LEX_RUNTIME,
    'RecognizeText',
    ({ client, sdk, signal }) =>
      client.send(
        new sdk.RecognizeTextCommand({
          ...address(ref),
          text,
          ...(sessionState ? { sessionState: sessionState as SessionState } : {}),
          ...(requestAttributes ? { requestAttributes } : {}),
        }),
        { abortSignal: signal },
      ),
    options as CallOptions,
  );
  return { ...turn(out.sessionId ?? ref.sessionId, out), inputTranscript: text, inputMode: 'Text' };
}

/** A gzip+base64 response header, decoded; a header that does not decode is the service's fault. */
function header<T>(
  value: string | undefined,
  name: string,
  operation = 'RecognizeUtterance',
): T | undefined {
  if (value === undefined || value === '') return undefined;
  try {
    return decodeLexHeader(value) as T;
  } catch (err) {
    throw new AwsAIError(`Lex answered a ${name} header that is not gzip+base64 JSON`, {
      service: 'lex-runtime',
      operation,
      code: 'MalformedLexHeader',
      retryable: false,
      cause: err,
    });
  }
}

/** An answer's audio body, read whole inside the attempt (a cut body is retried: readWholeBody). */
async function audioOf(
  body: { transformToByteArray(): Promise<Uint8Array> } | undefined,
  operation: 'RecognizeUtterance' | 'PutSession',
): Promise<Uint8Array | undefined> {
  return body && readWholeBody(body, { service: 'lex-runtime', operation }, 'audio');
}

/** The RecognizeUtterance request of a checked turn. */
function utteranceCommand(sdk: LexRuntimeSdk, ref: SessionRef, plan: SayPlan) {
  return new sdk.RecognizeUtteranceCommand({
    ...address(ref),
    requestContentType: plan.input.contentType,
    responseContentType: plan.responseType,
    inputStream: plan.input.bytes,
    ...(plan.stateHeader ? { sessionState: plan.stateHeader } : {}),
    ...(plan.attributesHeader ? { requestAttributes: plan.attributesHeader } : {}),
  });
}

/** The typed turn of a RecognizeUtterance answer's headers (no audio). */
function utteranceTurn(ref: SessionRef, out: RecognizeUtteranceCommandOutput): BotTurn {
  const base = turn(out.sessionId ?? ref.sessionId, {
    messages: header<Message[]>(out.messages, 'x-amz-lex-messages'),
    interpretations: header<Interpretation[]>(out.interpretations, 'x-amz-lex-interpretations'),
    sessionState: header<SessionState>(out.sessionState, 'x-amz-lex-session-state'),
    requestAttributes: header<Record<string, string>>(
      out.requestAttributes,
      'x-amz-lex-request-attributes',
    ),
  });
  const transcript = header<unknown>(out.inputTranscript, 'x-amz-lex-input-transcript');
  return {
    ...base,
    ...(transcript !== undefined ? { inputTranscript: String(transcript) } : {}),
    ...(out.inputMode !== undefined ? { inputMode: out.inputMode } : {}),
  };
}

/** RecognizeUtterance: one audio (or text) turn, the gzip+base64 headers handled. @internal */
export async function say(
  ctx: ModuleContext,
  ref: SessionRef,
  audio: Uint8Array,
  options: BotSayOptions = {},
): Promise<BotTurn> {
  const plan = planSay(audio, options);
  const { out, bytes } = await callAws(
    ctx,
    LEX_RUNTIME,
    'RecognizeUtterance',
    async ({ client, sdk, signal }) => {
      const out = await client.send(utteranceCommand(sdk, ref, plan), { abortSignal: signal });
      // Read the body inside the attempt, so a connection dropped mid-body is retried like any other.
      const bytes = await audioOf(out.audioStream, 'RecognizeUtterance');
      return { out, bytes };
    },
    options as CallOptions,
  );
  const spoken = out.contentType?.startsWith('audio/') && bytes && bytes.byteLength > 0;
  return {
    ...utteranceTurn(ref, out),
    ...(spoken ? { audio: bytes, contentType: out.contentType } : {}),
  };
}

/**
 * RecognizeUtterance with the answer's audio left unread (see `BotSession.sayStream`): the typed
 * turn once the headers arrive, and the body to relay. The request stays bound to `options.signal`
 * and deadline while the body is read. @internal
 */
export async function sayStart(
  ctx: ModuleContext,
  ref: SessionRef,
  plan: SayPlan,
  options: CallOptions,
): Promise<{ turn: BotTurn; body: AsyncIterable<Uint8Array> | undefined; contentType?: string }> {
  const out = await callAws(
    ctx,
    LEX_RUNTIME,
    'RecognizeUtterance',
    async ({ client, sdk, signal }) => {
      const answer = await client.send(utteranceCommand(sdk, ref, plan), { abortSignal: signal });
      if (!answer.contentType?.startsWith('audio/')) {
        // An audio answer was asked for (sayStream refuses text): one without an audio Content-Type
        // is cut or malformed. Failing inside the attempt retries it like any malformed answer,
        // instead of relaying an empty, normally ending audio stream.
        (answer.audioStream as { destroy?: () => void } | undefined)?.destroy?.();
        throw new ServiceError(
          `Lex answered RecognizeUtterance without audio (Content-Type ${answer.contentType === undefined ? 'missing' : 'not audio/…'}) although ${plan.responseType} was asked for`,
          {
            service: 'lex-runtime',
            operation: 'RecognizeUtterance',
            code: 'MalformedResponse',
            statusCode: answer.$metadata?.httpStatusCode,
            requestId: answer.$metadata?.requestId,
            retryable: true,
          },
        );
      }
      return answer;
    },
    options,
  );
  return {
    turn: {
      ...utteranceTurn(ref, out),
      ...(out.contentType ? { contentType: out.contentType } : {}),
    },
    body: out.audioStream as AsyncIterable<Uint8Array> | undefined,
  };
}

/** GetSession. @internal */
export async function state(
  ctx: ModuleContext,
  ref: SessionRef,
  options: CallOptions = {},
): Promise<BotSessionSnapshot> {
  const out = await callAws(
    ctx,
    LEX_RUNTIME,
    'GetSession',
    ({ client, sdk, signal }) =>
      client.send(new sdk.GetSessionCommand(address(ref)), { abortSignal: signal }),
    options,
  );
  const t = turn(out.sessionId ?? ref.sessionId, out);
  return {
    sessionId: t.sessionId,
    messages: t.messages,
    intent: t.intent,
    interpretations: t.interpretations,
    dialogAction: t.dialogAction,
    sessionState: t.sessionState,
  };
}

/** PutSession. @internal */
export async function put(
  ctx: ModuleContext,
  ref: SessionRef,
  sessionState: unknown,
  options: BotPutOptions = {},
): Promise<BotPutResult> {
  const given = checkSessionState(sessionState);
  if (given === undefined || typeof given.dialogAction?.type !== 'string') {
    throw new ValidationError(
      "put() needs the session state to set, with what Lex does next: ({ dialogAction: { type: 'ElicitIntent' }, intent?, sessionAttributes? })",
    );
  }
  const messages = checkMessages(options.messages);
  const requestAttributes = checkAttributes(options.requestAttributes);
  const responseType =
    options.responseContentType === undefined
      ? undefined
      : responseContentType(options.responseContentType);
  const { out, bytes } = await callAws(
    ctx,
    LEX_RUNTIME,
    'PutSession',
    async ({ client, sdk, signal }) => {
      const out = await client.send(
        new sdk.PutSessionCommand({
          ...address(ref),
          sessionState: given as SessionState,
          ...(messages ? { messages: lexMessages(messages) } : {}),
          ...(requestAttributes ? { requestAttributes } : {}),
          ...(responseType ? { responseContentType: responseType } : {}),
        }),
        { abortSignal: signal },
      );
      const bytes = await audioOf(out.audioStream, 'PutSession');
      return { out, bytes };
    },
    options as CallOptions,
  );
  const decodedMessages = header<Message[]>(out.messages, 'x-amz-lex-messages', 'PutSession');
  const spoken = out.contentType?.startsWith('audio/') && bytes && bytes.byteLength > 0;
  return {
    sessionId: out.sessionId ?? ref.sessionId,
    messages: botMessages(decodedMessages),
    sessionState: sessionStateOf(
      header<SessionState>(out.sessionState, 'x-amz-lex-session-state', 'PutSession'),
    ),
    requestAttributes: header<Record<string, string>>(
      out.requestAttributes,
      'x-amz-lex-request-attributes',
      'PutSession',
    ),
    ...(spoken ? { audio: bytes, contentType: out.contentType } : {}),
  };
}

/** DeleteSession. @internal */
export async function end(
  ctx: ModuleContext,
  ref: SessionRef,
  options: CallOptions = {},
): Promise<{ sessionId: string }> {
  const out = await callAws(
    ctx,
    LEX_RUNTIME,
    'DeleteSession',
    ({ client, sdk, signal }) =>
      client.send(new sdk.DeleteSessionCommand(address(ref)), { abortSignal: signal }),
    options,
  );
  return { sessionId: out.sessionId ?? ref.sessionId };
}
