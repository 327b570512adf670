import type { RequestOptions } from '../config';

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
