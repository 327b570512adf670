import type { RequestOptions } from '../config';
import type { AwsAIStream } from '../core/stream';

/** Which bot a session talks to: the bot, its alias and the locale. */
export interface BotRef {
  /** The bot's id: 10 letters and digits. */
  botId: string;
  /** The alias id (`TSTALIASID` is the draft version's test alias). */
  botAliasId: string;
  /** The locale, e.g. `en_US`. */
  localeId: string;
}

/** Options of {@link Conversation.bot}. */
export interface BotSessionOptions {
  /**
   * The session id: 2–100 of `[0-9a-zA-Z._:-]`. One is generated when left out; keep a user's id
   * to continue their session across Lambda invocations.
   */
  sessionId?: string | undefined;
}

/** A slot as Lex V2 carries it in a session state (`null` while not filled). */
export interface LexSlot {
  value?:
    | { originalValue?: string; interpretedValue?: string; resolvedValues?: string[] }
    | undefined;
  shape?: 'Scalar' | 'List' | 'Composite' | (string & {}) | undefined;
  values?: LexSlot[] | undefined;
  subSlots?: Record<string, LexSlot | null> | undefined;
}

/** An intent as Lex V2 carries it in a session state. */
export interface LexIntent {
  name: string;
  state?: BotIntentState | undefined;
  confirmationState?: 'Confirmed' | 'Denied' | 'None' | (string & {}) | undefined;
  slots?: Record<string, LexSlot | null> | undefined;
}

/** Where an intent is: `InProgress` while slots are elicited, `Fulfilled` at the end, … */
export type BotIntentState =
  | 'Failed'
  | 'Fulfilled'
  | 'InProgress'
  | 'ReadyForFulfillment'
  | 'Waiting'
  | 'FulfillmentInProgress'
  | (string & {});

/** What Lex does next (`ElicitSlot` with `slotToElicit`, `ConfirmIntent`, `Close`, …). */
export interface BotDialogAction {
  type:
    | 'Close'
    | 'ConfirmIntent'
    | 'Delegate'
    | 'ElicitIntent'
    | 'ElicitSlot'
    | 'None'
    | (string & {});
  slotToElicit?: string | undefined;
  slotElicitationStyle?: 'Default' | 'SpellByLetter' | 'SpellByWord' | (string & {}) | undefined;
  subSlotToElicit?: unknown;
}

/**
 * The state of a session, in Lex V2's own shape (what {@link BotSession.state} returns and
 * {@link BotSession.put} takes): dialog action, intent with slots, session attributes, contexts.
 */
export interface BotSessionState {
  dialogAction?: BotDialogAction | undefined;
  intent?: LexIntent | undefined;
  activeContexts?:
    | Array<{
        name: string;
        timeToLive: { timeToLiveInSeconds: number; turnsToLive: number };
        contextAttributes: Record<string, string>;
      }>
    | undefined;
  /** Your attributes, kept for the whole session. */
  sessionAttributes?: Record<string, string> | undefined;
  originatingRequestId?: string | undefined;
  runtimeHints?: { slotHints?: Record<string, Record<string, unknown>> } | undefined;
}

/** A button of an image response card. */
export interface BotButton {
  text: string;
  value: string;
}

/** One message from the bot. */
export type BotMessage =
  | { type: 'text'; text: string }
  | { type: 'ssml'; ssml: string }
  | { type: 'custom'; payload: string }
  | {
      type: 'card';
      title: string;
      subtitle?: string | undefined;
      imageUrl?: string | undefined;
      buttons: BotButton[];
    };

/** A slot's value, typed: the resolved value, what the user said, and lists or sub-slots. */
export interface BotSlotValue {
  /** The value Lex resolved (`interpretedValue`). */
  value: string | undefined;
  /** What the user said (`originalValue`). */
  original?: string | undefined;
  /** Every value the input could resolve to (`resolvedValues`). */
  resolved: string[];
  shape: 'Scalar' | 'List' | 'Composite' | (string & {});
  /** The values of a `List` slot. */
  values?: BotSlotValue[] | undefined;
  /** The sub-slots of a `Composite` slot. */
  subSlots?: Record<string, BotSlotValue | undefined> | undefined;
}

/** The active intent of a turn, with typed slots (unfilled slots are `undefined`). */
export interface BotIntent {
  name: string;
  state: BotIntentState | undefined;
  confirmationState: string | undefined;
  slots: Record<string, BotSlotValue | undefined>;
}

/** One intent Lex considered for the input, with its confidence. */
export interface BotInterpretation {
  intent: BotIntent;
  /** NLU confidence from 0 to 1; `undefined` for `FallbackIntent`. */
  confidence: number | undefined;
  sentiment?: { sentiment: string | undefined; scores?: Record<string, number> } | undefined;
  source?: string | undefined;
}

/** What one turn ({@link BotSession.send}, {@link BotSession.say}) returns. */
export interface BotTurn {
  sessionId: string;
  /** What the bot says, in order. */
  messages: BotMessage[];
  /** The messages' plain text and SSML text, joined by a space (cards and payloads left out). */
  text: string;
  /** The active intent, typed (also in `sessionState.intent` in Lex's shape). */
  intent: BotIntent | undefined;
  /** Intents Lex considered, best first. */
  interpretations: BotInterpretation[];
  /** What Lex does next; `dialogAction.type === 'ElicitSlot'` asks for `slotToElicit`. */
  dialogAction: BotDialogAction | undefined;
  /** The session state after the turn, in Lex's shape (pass it to {@link BotSession.put}). */
  sessionState: BotSessionState;
  requestAttributes: Record<string, string> | undefined;
  /** What Lex heard ({@link BotSession.say}), or the text sent. */
  inputTranscript?: string | undefined;
  /** `Text`, `Speech` or `DTMF` ({@link BotSession.say}). */
  inputMode?: string | undefined;
  /** The bot's spoken answer when an audio `responseContentType` was asked for. */
  audio?: Uint8Array | undefined;
  /** The content type of `audio`. */
  contentType?: string | undefined;
}

/** Options of {@link BotSession.send}. */
export interface BotSendOptions extends RequestOptions {
  /** A session state to apply before Lex reads the text (to set attributes, switch intent, …). */
  sessionState?: BotSessionState | undefined;
  /** Attributes for this request only (the `x-amz-lex:` prefix is Lex's). */
  requestAttributes?: Readonly<Record<string, string>> | undefined;
}

/** Input audio formats of {@link BotSession.say}. */
export type BotAudioFormat = 'pcm' | 'pcm-8k' | 'opus';

/** Options of {@link BotSession.say}. */
export interface BotSayOptions extends BotSendOptions {
  /**
   * The input audio's format: `pcm` (16 kHz, 16-bit little-endian mono, the default), `pcm-8k`
   * (8 kHz), `opus`, or one of Lex's content types (`audio/l16; rate=16000; channels=1`, …).
   * @default 'pcm'
   */
  contentType?: BotAudioFormat | (string & {}) | undefined;
  /**
   * How the bot answers: `text` (no audio), or audio as `mpeg`, `ogg` or `pcm` (16 kHz), or one of
   * Lex's `audio/...` content types.
   * @default 'text'
   */
  responseContentType?: 'text' | 'mpeg' | 'ogg' | 'pcm' | (string & {}) | undefined;
}

/** Options of {@link BotSession.put}. */
export interface BotPutOptions extends RequestOptions {
  /** Messages for the user, at most 10 (sent in order). */
  messages?: readonly BotMessage[] | undefined;
  requestAttributes?: Readonly<Record<string, string>> | undefined;
  /** Ask for the messages as audio (`mpeg`, `ogg`, `pcm`); text by default. */
  responseContentType?: 'text' | 'mpeg' | 'ogg' | 'pcm' | (string & {}) | undefined;
}

/** What {@link BotSession.put} returns. */
export interface BotPutResult {
  sessionId: string;
  messages: BotMessage[];
  sessionState: BotSessionState;
  requestAttributes: Record<string, string> | undefined;
  audio?: Uint8Array | undefined;
  contentType?: string | undefined;
}

/** What {@link BotSession.state} returns. */
export interface BotSessionSnapshot {
  sessionId: string;
  messages: BotMessage[];
  intent: BotIntent | undefined;
  interpretations: BotInterpretation[];
  dialogAction: BotDialogAction | undefined;
  sessionState: BotSessionState;
}

/**
 * One item of a {@link BotSession.converse} input: 8 kHz 16-bit little-endian mono PCM bytes (any
 * chunk size; an odd trailing byte waits for the next chunk), a text turn, or DTMF keys (`0`–`9`,
 * `A`–`D`, `#`, `*`; each key is one `DTMFInputEvent`, `#` ends the keys by Lex's default).
 */
export type ConverseInput = Uint8Array | { text: string } | { dtmf: string };

/** Options of {@link BotSession.converse}. */
export interface BotConverseOptions extends RequestOptions {
  /**
   * `audio` takes audio and DTMF (AWS's model), and text is let through; `text` takes text only
   * (the `x-amz-lex-conversation-mode` header). Use `text` for text chats.
   * @default 'audio'
   */
  mode?: 'audio' | 'text' | undefined;
  /**
   * How the bot answers: `text` (no audio), or audio as `pcm` (16 kHz), `mpeg` or `ogg`, or one of
   * Lex's `audio/...` content types. Sent in the first event (`ConfigurationEvent`).
   * @default 'text'
   */
  responseContentType?: 'text' | 'mpeg' | 'ogg' | 'pcm' | (string & {}) | undefined;
  /**
   * The input audio's format. StartConversation takes only 8 kHz 16-bit mono PCM: `pcm-8k` or its
   * content type.
   * @default 'pcm-8k'
   */
  contentType?: 'pcm-8k' | (string & {}) | undefined;
  /** A session state to start from (switch intent, set attributes, …). */
  sessionState?: BotSessionState | undefined;
  /** Attributes for the whole conversation (the `x-amz-lex:` prefix is Lex's). */
  requestAttributes?: Readonly<Record<string, string>> | undefined;
  /**
   * What the bot says first, at most 10 messages. Lex needs `sessionState.dialogAction.type` with
   * them (usually `ElicitIntent`).
   */
  welcomeMessages?: readonly BotMessage[] | undefined;
  /**
   * With an audio `responseContentType` Lex waits for the client to finish playing each answer
   * before it listens again. `auto`: the library tells Lex the answer was played as soon as its
   * audio has arrived (the right choice when audio is saved or not played). `manual`: call
   * {@link BotConversation.playbackComplete} when your speaker finishes.
   * @default 'auto'
   */
  playback?: 'auto' | 'manual' | undefined;
  /**
   * The longest wait for Lex's next event (heartbeats count): when it passes the conversation is
   * cut and reading rejects with a `StreamError` (code `IdleTimeout`).
   * @default no idle timeout
   */
  idleTimeoutMs?: number | undefined;
}

/** An event of a {@link BotSession.converse} conversation, as Lex sends it. */
export type BotConverseEvent =
  /** What Lex heard in the user's speech (`TranscriptEvent`). */
  | { type: 'transcript'; transcript: string; eventId: string | undefined }
  /**
   * Lex's reading of one user turn (`IntentResultEvent`): the same typed intent, interpretations,
   * dialog action and session state as {@link BotSession.send} returns.
   */
  | {
      type: 'intent';
      sessionId: string;
      intent: BotIntent | undefined;
      interpretations: BotInterpretation[];
      dialogAction: BotDialogAction | undefined;
      sessionState: BotSessionState;
      requestAttributes: Record<string, string> | undefined;
      /** `Text`, `Speech` or `DTMF`. */
      inputMode: string | undefined;
      eventId: string | undefined;
    }
  /** What the bot says (`TextResponseEvent`): its messages, and their plain text joined. */
  | { type: 'text'; messages: BotMessage[]; text: string; eventId: string | undefined }
  /** A chunk of the bot's spoken answer (`AudioResponseEvent`). */
  | {
      type: 'audio';
      audio: Uint8Array;
      contentType: string | undefined;
      eventId: string | undefined;
    }
  /** The end of one spoken answer (an `AudioResponseEvent` without audio). */
  | { type: 'audio-end'; eventId: string | undefined }
  /** The user spoke, typed or pressed a key over the bot's answer: stop playing it. */
  | {
      type: 'interrupted';
      reason: 'DTMF_START_DETECTED' | 'TEXT_DETECTED' | 'VOICE_START_DETECTED' | (string & {});
      causedByEventId: string | undefined;
      eventId: string | undefined;
    }
  /** Lex keeps the stream open (`HeartbeatEvent`). */
  | { type: 'heartbeat'; eventId: string | undefined };

/**
 * What {@link BotSession.converse} returns: Lex's events as a stream (read once; the conversation
 * starts on the first read), plus the two things a client tells Lex besides its input.
 */
export interface BotConversation extends AwsAIStream<BotConverseEvent> {
  /**
   * Ends the conversation politely: stops reading your input, sends `DisconnectionEvent` and closes
   * the request side; the events Lex still sends are delivered, then iteration ends. Idempotent.
   */
  close(): void;
  /**
   * Tells Lex the last answer finished playing (`PlaybackCompletionEvent`), with `playback:
   * 'manual'`. Does nothing once the conversation is closed or settled.
   */
  playbackComplete(): void;
}

/**
 * What {@link BotSession.sayStream} resolves to once Lex's headers arrive: the typed turn, and the
 * bot's spoken answer as a stream of audio chunks (read it, or abort it, so the response does not
 * stay open).
 */
export interface BotStreamedTurn extends Omit<BotTurn, 'audio'> {
  /** The bot's answer in `contentType`, relayed as Lex sends it; reading it once. */
  audio: AwsAIStream<Uint8Array>;
}

/** Options of {@link BotSession.sayStream}: those of `say`, with an audio answer. */
export interface BotSayStreamOptions extends BotSayOptions {
  /**
   * The answer's audio format: `pcm` (16 kHz), `mpeg` or `ogg`, or one of Lex's `audio/...`
   * content types.
   * @default 'mpeg'
   */
  responseContentType?: 'mpeg' | 'ogg' | 'pcm' | (string & {}) | undefined;
}
