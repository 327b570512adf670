/**
 * A scriptable Lex V2 bot for the emulator (`emu.bot(id, script)`): intents matched from sample
 * utterances, slots elicited one by one (values found anywhere in the text), an optional
 * confirmation, then a closing message. Session state is kept per bot, alias, locale and session,
 * in Lex V2's own shapes (`SessionState`, `Interpretation`, `Message`).
 */

/** One slot of a scripted intent. */
export interface BotScriptSlot {
  readonly name: string;
  /** What the bot asks to elicit the slot. */
  readonly prompt: string;
  /**
   * The slot type's values (with synonyms: `{ value: 'large', synonyms: ['big'] }`); found anywhere
   * in the user's text. Without values, the whole answer to the prompt fills the slot.
   */
  readonly values?: ReadonlyArray<
    string | { readonly value: string; readonly synonyms?: readonly string[] }
  >;
  /** A multi-value slot: every value found fills it (shape `List`). */
  readonly list?: boolean;
  /** Buttons offered with the prompt as an image response card. */
  readonly buttons?: readonly string[];
}

/** One scripted intent. */
export interface BotScriptIntent {
  readonly name: string;
  /** Sample utterances; `{slot}` placeholders are left out of the match. */
  readonly utterances: readonly string[];
  readonly slots?: readonly BotScriptSlot[];
  /** Asked once every slot is filled (`{slot}` placeholders filled); yes/no answers it. */
  readonly confirm?: string;
  /** Said when the user answers no to `confirm`. */
  readonly declined?: string;
  /** Said when the intent is fulfilled (`{slot}` placeholders filled). */
  readonly fulfilled?: string;
}

/** What `emu.bot(id, script)` takes. */
export interface BotScript {
  readonly intents: readonly BotScriptIntent[];
  /** What the bot says when no intent matches (FallbackIntent). */
  readonly fallback?: string;
  /**
   * What the bot "hears" in a RecognizeUtterance audio turn (the emulator does no speech
   * recognition). Default: nothing, which goes to the fallback.
   */
  readonly hear?: (audio: Uint8Array, contentType: string, turn: number) => string;
  /**
   * How often a StartConversation stream sends a `HeartbeatEvent`, in ms; 0 sends none.
   * Default 2000.
   */
  readonly heartbeatMs?: number;
}

type Json = Record<string, unknown>;

interface StoredSession {
  state: Json;
  messages: Json[];
  interpretations: Json[];
  turns: number;
}

/** One turn's answer in Lex V2's shapes. */
export interface BotAnswer {
  readonly messages: Json[];
  readonly interpretations: Json[];
  readonly sessionState: Json;
}

const YES = /\b(yes|yeah|yep|sure|correct|ok|okay|right)\b/i;
const NO = /\b(no|nope|cancel|wrong)\b/i;

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w !== '');
}

function slotValues(slot: BotScriptSlot): Array<{ value: string; names: string[] }> {
  return (slot.values ?? []).map((v) =>
    typeof v === 'string'
      ? { value: v, names: [v] }
      : { value: v.value, names: [v.value, ...(v.synonyms ?? [])] },
  );
}

function lexValue(original: string, interpreted: string): Json {
  return { originalValue: original, interpretedValue: interpreted, resolvedValues: [interpreted] };
}

/** Finds a slot's values in text: `{ original, value }` per match, in text order. */
function findValues(slot: BotScriptSlot, text: string): Array<{ original: string; value: string }> {
  const found: Array<{ at: number; original: string; value: string }> = [];
  for (const { value, names } of slotValues(slot)) {
    for (const name of names) {
      const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const match = new RegExp(`(^|[^\\p{L}\\p{N}])(${escaped})(?=$|[^\\p{L}\\p{N}])`, 'iu').exec(
        text,
      );
      if (match) {
        found.push({
          at: match.index + (match[1]?.length ?? 0),
          original: match[2] ?? name,
          value,
        });
        break;
      }
    }
  }
  return found.sort((a, b) => a.at - b.at).map(({ original, value }) => ({ original, value }));
}

function fillSlot(slot: BotScriptSlot, text: string, elicited: boolean): Json | undefined {
  const found = findValues(slot, text);
  if (found.length === 0) {
    if (!elicited || (slot.values?.length ?? 0) > 0) return undefined;
    const answer = text.trim();
    return answer === '' ? undefined : { value: lexValue(answer, answer), shape: 'Scalar' };
  }
  if (slot.list) {
    const first = found[0] as { original: string; value: string };
    return {
      value: lexValue(found.map((f) => f.original).join(', '), first.value),
      shape: 'List',
      values: found.map((f) => ({ value: lexValue(f.original, f.value), shape: 'Scalar' })),
    };
  }
  const first = found[0] as { original: string; value: string };
  return { value: lexValue(first.original, first.value), shape: 'Scalar' };
}

function fill(template: string, slots: Json): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const slot = slots[name] as { value?: { interpretedValue?: string } } | null | undefined;
    return slot?.value?.interpretedValue ?? `{${name}}`;
  });
}

function score(intent: BotScriptIntent, text: string): number {
  const said = new Set(words(text));
  let best = 0;
  for (const utterance of intent.utterances) {
    const wanted = words(utterance.replace(/\{\w+\}/g, ' '));
    if (wanted.length === 0) continue;
    const hit = wanted.filter((w) => said.has(w)).length / wanted.length;
    best = Math.max(best, hit);
  }
  return best;
}

function plain(content: string): Json {
  return { contentType: 'PlainText', content };
}

/** The bots of one emulator and their sessions; cleared by `emu.reset()`. */
export class LexBots {
  readonly #scripts = new Map<string, BotScript>();
  readonly #sessions = new Map<string, StoredSession>();
  readonly #conversations = new Set<string>();

  /** Whether a StartConversation stream is open on the session. */
  conversing(key: string): boolean {
    return this.#conversations.has(key);
  }

  startConversation(key: string): void {
    this.#conversations.add(key);
  }

  endConversation(key: string): void {
    this.#conversations.delete(key);
  }

  define(botId: string, script: BotScript): void {
    this.#scripts.set(botId, script);
  }

  script(botId: string): BotScript | undefined {
    return this.#scripts.get(botId);
  }

  session(key: string): StoredSession | undefined {
    return this.#sessions.get(key);
  }

  delete(key: string): boolean {
    return this.#sessions.delete(key);
  }

  /** Sets a session's state (PutSession), creating the session. */
  put(key: string, state: Json, messages: Json[]): StoredSession {
    const stored = this.#sessions.get(key) ?? {
      state: {},
      messages: [],
      interpretations: [],
      turns: 0,
    };
    stored.state = structuredClone(state);
    stored.messages = messages;
    this.#sessions.set(key, stored);
    return stored;
  }

  clear(): void {
    this.#scripts.clear();
    this.#sessions.clear();
    this.#conversations.clear();
  }

  /** The number of audio turns the session had (for `hear`). */
  turns(key: string): number {
    return this.#sessions.get(key)?.turns ?? 0;
  }

  /** Runs one user turn on a session. */
  turn(
    key: string,
    script: BotScript,
    text: string,
    given: Json | undefined,
    audio = false,
  ): BotAnswer {
    const stored = this.#sessions.get(key) ?? {
      state: {},
      messages: [],
      interpretations: [],
      turns: 0,
    };
    if (audio) stored.turns += 1;
    const state: Json = given
      ? { ...structuredClone(stored.state), ...structuredClone(given) }
      : structuredClone(stored.state);
    const answer = this.#advance(script, state, text);
    stored.state = answer.sessionState;
    stored.messages = answer.messages;
    stored.interpretations = answer.interpretations;
    this.#sessions.set(key, stored);
    return answer;
  }

  #advance(script: BotScript, state: Json, text: string): BotAnswer {
    const action = state.dialogAction as { type?: string; slotToElicit?: string } | undefined;
    const current = state.intent as
      | { name?: string; state?: string; slots?: Json; confirmationState?: string }
      | undefined;
    const active =
      current?.name !== undefined &&
      action !== undefined &&
      (action.type === 'ElicitSlot' || action.type === 'ConfirmIntent')
        ? script.intents.find((i) => i.name === current.name)
        : undefined;
    let intentDef: BotScriptIntent | undefined = active;
    let slots: Json = active ? { ...(current?.slots ?? {}) } : {};
    let confirmation = active ? (current?.confirmationState ?? 'None') : 'None';
    const ranked = script.intents
      .map((i) => ({ intent: i, score: score(i, text) }))
      .filter((r) => r.score >= 0.5)
      .sort((a, b) => b.score - a.score);
    if (!intentDef) {
      intentDef = ranked[0]?.intent;
      if (intentDef) slots = Object.fromEntries((intentDef.slots ?? []).map((s) => [s.name, null]));
    }
    const interpretationsFor = (chosen: string | undefined): Json[] => {
      const list: Json[] = ranked.slice(0, 4).map((r) => ({
        intent: {
          name: r.intent.name,
          state: r.intent.name === chosen ? 'InProgress' : undefined,
          confirmationState: 'None',
          slots: r.intent.name === chosen ? slots : {},
        },
        nluConfidence: { score: Math.round(Math.min(0.99, 0.5 + r.score / 2) * 100) / 100 },
        interpretationSource: 'Lex',
      }));
      list.push({ intent: { name: 'FallbackIntent', slots: {} }, interpretationSource: 'Lex' });
      return list;
    };
    const attributes = state.sessionAttributes as Json | undefined;
    const base: Json = {
      ...(attributes ? { sessionAttributes: attributes } : {}),
      ...(state.activeContexts ? { activeContexts: state.activeContexts } : {}),
      originatingRequestId: globalThis.crypto.randomUUID(),
    };
    if (!intentDef) {
      return {
        messages: [
          plain(script.fallback ?? "Sorry, I didn't understand that. What would you like to do?"),
        ],
        interpretations: interpretationsFor(undefined),
        sessionState: {
          ...base,
          dialogAction: { type: 'ElicitIntent' },
          intent: {
            name: 'FallbackIntent',
            state: 'ReadyForFulfillment',
            confirmationState: 'None',
            slots: {},
          },
        },
      };
    }
    const def = intentDef;
    // Answer to a confirmation prompt.
    if (active && action?.type === 'ConfirmIntent') {
      if (NO.test(text)) confirmation = 'Denied';
      else if (YES.test(text)) confirmation = 'Confirmed';
    }
    // Fill slots: the elicited one may take the whole answer; others only their listed values.
    for (const slot of def.slots ?? []) {
      if (slots[slot.name]) continue;
      const elicited =
        action?.type === 'ElicitSlot' && action.slotToElicit === slot.name && !!active;
      const value = fillSlot(slot, text, elicited);
      if (value) slots[slot.name] = value;
    }
    const intent = (intentState: string): Json => ({
      name: def.name,
      state: intentState,
      confirmationState: confirmation,
      slots,
    });
    const interpretations = interpretationsFor(def.name);
    const missing = (def.slots ?? []).find((s) => !slots[s.name]);
    if (confirmation === 'Denied') {
      return {
        messages: [plain(fill(def.declined ?? 'Okay, I have cancelled that.', slots))],
        interpretations,
        sessionState: { ...base, dialogAction: { type: 'Close' }, intent: intent('Failed') },
      };
    }
    if (missing) {
      const messages = [plain(missing.prompt)];
      if (missing.buttons) {
        messages.push({
          contentType: 'ImageResponseCard',
          imageResponseCard: {
            title: missing.prompt,
            buttons: missing.buttons.map((b) => ({ text: b, value: b })),
          },
        });
      }
      return {
        messages,
        interpretations,
        sessionState: {
          ...base,
          dialogAction: { type: 'ElicitSlot', slotToElicit: missing.name },
          intent: intent('InProgress'),
        },
      };
    }
    if (def.confirm && confirmation === 'None') {
      return {
        messages: [plain(fill(def.confirm, slots))],
        interpretations,
        sessionState: {
          ...base,
          dialogAction: { type: 'ConfirmIntent' },
          intent: intent('InProgress'),
        },
      };
    }
    return {
      messages: [plain(fill(def.fulfilled ?? `Done: ${def.name}.`, slots))],
      interpretations,
      sessionState: { ...base, dialogAction: { type: 'Close' }, intent: intent('Fulfilled') },
    };
  }
}
