import type {
  Intent,
  Interpretation,
  Message,
  SessionState,
  Slot,
} from '@aws-sdk/client-lex-runtime-v2';
import type {
  BotDialogAction,
  BotIntent,
  BotInterpretation,
  BotMessage,
  BotSessionState,
  BotSlotValue,
} from './types';

/** A Lex slot → our typed value (`undefined` while not filled). @internal */
export function slotValue(slot: Slot | null | undefined): BotSlotValue | undefined {
  if (slot === null || slot === undefined) return undefined;
  const out: BotSlotValue = {
    value: slot.value?.interpretedValue,
    resolved: [...(slot.value?.resolvedValues ?? [])],
    shape: slot.shape ?? 'Scalar',
  };
  if (slot.value?.originalValue !== undefined) out.original = slot.value.originalValue;
  if (slot.values !== undefined) {
    out.values = slot.values.map(slotValue).filter((v): v is BotSlotValue => v !== undefined);
  }
  if (slot.subSlots !== undefined) {
    out.subSlots = Object.fromEntries(
      Object.entries(slot.subSlots).map(([name, sub]) => [name, slotValue(sub)]),
    );
  }
  return out;
}

/** A Lex intent → our typed intent. @internal */
export function botIntent(intent: Intent | undefined): BotIntent | undefined {
  if (intent?.name === undefined) return undefined;
  return {
    name: intent.name,
    state: intent.state,
    confirmationState: intent.confirmationState,
    slots: Object.fromEntries(
      Object.entries(intent.slots ?? {}).map(([name, slot]) => [name, slotValue(slot)]),
    ),
  };
}

/** Lex interpretations → ours, best first as Lex orders them. @internal */
export function interpretations(list: readonly Interpretation[] | undefined): BotInterpretation[] {
  const out: BotInterpretation[] = [];
  for (const i of list ?? []) {
    const intent = botIntent(i.intent);
    if (!intent) continue;
    const item: BotInterpretation = { intent, confidence: i.nluConfidence?.score };
    if (i.sentimentResponse) {
      const s = i.sentimentResponse.sentimentScore;
      item.sentiment = {
        sentiment: i.sentimentResponse.sentiment,
        ...(s
          ? {
              scores: Object.fromEntries(
                Object.entries(s).filter((e): e is [string, number] => typeof e[1] === 'number'),
              ),
            }
          : {}),
      };
    }
    if (i.interpretationSource !== undefined) item.source = i.interpretationSource;
    out.push(item);
  }
  return out;
}

/** Lex messages → ours. @internal */
export function botMessages(list: readonly Message[] | undefined): BotMessage[] {
  return (list ?? []).map((m): BotMessage => {
    switch (m.contentType) {
      case 'SSML':
        return { type: 'ssml', ssml: m.content ?? '' };
      case 'CustomPayload':
        return { type: 'custom', payload: m.content ?? '' };
      case 'ImageResponseCard': {
        const card = m.imageResponseCard;
        return {
          type: 'card',
          title: card?.title ?? '',
          ...(card?.subtitle !== undefined ? { subtitle: card.subtitle } : {}),
          ...(card?.imageUrl !== undefined ? { imageUrl: card.imageUrl } : {}),
          buttons: (card?.buttons ?? []).map((b) => ({ text: b.text ?? '', value: b.value ?? '' })),
        };
      }
      default:
        return { type: 'text', text: m.content ?? '' };
    }
  });
}

/** Our messages → Lex's (PutSession). @internal */
export function lexMessages(list: readonly BotMessage[]): Message[] {
  return list.map((m): Message => {
    switch (m.type) {
      case 'ssml':
        return { contentType: 'SSML', content: m.ssml };
      case 'custom':
        return { contentType: 'CustomPayload', content: m.payload };
      case 'card':
        return {
          contentType: 'ImageResponseCard',
          imageResponseCard: {
            title: m.title,
            ...(m.subtitle !== undefined ? { subtitle: m.subtitle } : {}),
            ...(m.imageUrl !== undefined ? { imageUrl: m.imageUrl } : {}),
            ...(m.buttons !== undefined
              ? { buttons: m.buttons.map((b) => ({ text: b.text, value: b.value })) }
              : {}),
          },
        };
      default:
        return { contentType: 'PlainText', content: m.text };
    }
  });
}

/** The spoken or written text of messages, joined by a space. @internal */
export function messageText(messages: readonly BotMessage[]): string {
  return messages
    .map((m) =>
      m.type === 'text' ? m.text : m.type === 'ssml' ? m.ssml.replace(/<[^>]*>/g, '') : '',
    )
    .filter((t) => t !== '')
    .join(' ');
}

/** The dialog action of a state, as ours. @internal */
export function dialogAction(state: SessionState | undefined): BotDialogAction | undefined {
  const a = state?.dialogAction;
  if (a?.type === undefined) return undefined;
  return {
    type: a.type,
    ...(a.slotToElicit !== undefined ? { slotToElicit: a.slotToElicit } : {}),
    ...(a.slotElicitationStyle !== undefined
      ? { slotElicitationStyle: a.slotElicitationStyle }
      : {}),
    ...(a.subSlotToElicit !== undefined ? { subSlotToElicit: a.subSlotToElicit } : {}),
  };
}

/** A Lex session state as ours (same shape; a copy). @internal */
export function sessionStateOf(state: SessionState | undefined): BotSessionState {
  return (state ? structuredClone(state) : {}) as BotSessionState;
}
