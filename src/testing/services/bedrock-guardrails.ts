import { isRecord } from '../protocols/wire-json';
import type { EmulatorInput } from '../types';

/** The emulated guardrail's policies: a denied word and masked e-mail addresses (clearly canned). */
export const BLOCKED_WORD = 'forbidden';
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
/** What the emulated guardrail answers instead of blocked content. */
export const BLOCKED_MESSAGE = 'Sorry, the model cannot answer this question.';

/** One text's assessment the way ApplyGuardrail and the Converse trace report it. */
export interface GuardrailVerdict {
  intervened: boolean;
  blocked: boolean;
  masked: string;
  assessment: Record<string, unknown>;
}

/** Applies the emulated policies to some texts. */
export function guardrailVerdict(texts: readonly string[]): GuardrailVerdict {
  const joined = texts.join('\n');
  const blocked = new RegExp(`\\b${BLOCKED_WORD}\\b`, 'i').test(joined);
  const emails = joined.match(EMAIL) ?? [];
  const assessment: Record<string, unknown> = {
    invocationMetrics: {
      guardrailProcessingLatency: 1,
      usage: {
        topicPolicyUnits: 0,
        contentPolicyUnits: 1,
        wordPolicyUnits: 1,
        sensitiveInformationPolicyUnits: 1,
        sensitiveInformationPolicyFreeUnits: 0,
        contextualGroundingPolicyUnits: 0,
      },
      guardrailCoverage: { textCharacters: { guarded: joined.length, total: joined.length } },
    },
  };
  if (blocked) {
    assessment.wordPolicy = {
      customWords: [{ match: BLOCKED_WORD, action: 'BLOCKED', detected: true }],
    };
  }
  if (emails.length > 0) {
    assessment.sensitiveInformationPolicy = {
      piiEntities: emails.map((match) => ({
        match,
        type: 'EMAIL',
        action: 'ANONYMIZED',
        detected: true,
      })),
    };
  }
  return {
    intervened: blocked || emails.length > 0,
    blocked,
    masked: blocked ? BLOCKED_MESSAGE : joined.replace(EMAIL, '{EMAIL}'),
    assessment,
  };
}

/** ApplyGuardrail: the emulated policies over the text blocks. */
export function applyGuardrail(input: EmulatorInput): unknown {
  const content = Array.isArray(input.content) ? input.content : [];
  const texts = content.flatMap((block) =>
    isRecord(block) && isRecord(block.text) && typeof block.text.text === 'string'
      ? [block.text.text]
      : [],
  );
  const verdict = guardrailVerdict(texts);
  const full = input.outputScope === 'FULL';
  return {
    usage: (verdict.assessment.invocationMetrics as { usage: unknown }).usage,
    action: verdict.intervened ? 'GUARDRAIL_INTERVENED' : 'NONE',
    ...(verdict.blocked ? { actionReason: 'Guardrail blocked.' } : {}),
    outputs: verdict.intervened ? [{ text: verdict.masked }] : [],
    assessments: verdict.intervened || full ? [verdict.assessment] : [],
    guardrailCoverage: {
      textCharacters: { guarded: texts.join('\n').length, total: texts.join('\n').length },
    },
  };
}
