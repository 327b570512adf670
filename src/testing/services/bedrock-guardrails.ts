import { EmulatorError } from '../emulator-error';
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

/** bedrock-runtime `GuardrailIdentifier` (≤ 2,048 characters) and `GuardrailVersion` patterns. */
const GUARDRAIL_ID =
  '(|([a-z0-9]+)|(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail/[a-z0-9]+))';
const GUARDRAIL_VERSION = '(|([1-9][0-9]{0,7})|(DRAFT))';

function pattern(value: unknown, path: string, source: string, max?: number): void {
  const text = typeof value === 'string' ? value : '';
  if (max !== undefined && text.length > max) {
    throw new EmulatorError(
      'ValidationException',
      `1 validation error detected: Value '${text}' at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
      400,
    );
  }
  if (new RegExp(`^${source}$`).test(text)) return;
  throw new EmulatorError(
    'ValidationException',
    `1 validation error detected: Value '${text}' at '${path}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${source}`,
    400,
  );
}

/** A guardrail's id and version as Bedrock's request validation checks them. */
export function checkGuardrailRef(id: unknown, version: unknown, at: string): void {
  pattern(id, `${at}guardrailIdentifier`, GUARDRAIL_ID, 2048);
  pattern(version, `${at}guardrailVersion`, GUARDRAIL_VERSION);
}

/** ApplyGuardrail: the emulated policies over the text blocks. */
export function applyGuardrail(input: EmulatorInput): unknown {
  checkGuardrailRef(input.guardrailIdentifier, input.guardrailVersion, '');
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

const VIOLENT = /\b(kill|attack|weapon)\b/i;
const INJECTION = /ignore (all |the )?previous instructions/i;

/**
 * InvokeGuardrailChecks: scores for the requested categories (the emulated rules: violent words
 * score VIOLENCE 0.9, "ignore previous instructions" scores JAILBREAK and PROMPT_INJECTION 0.95,
 * everything else 0) and e-mail addresses found as EMAIL, with offsets into their text block.
 */
export function invokeGuardrailChecks(input: EmulatorInput): unknown {
  const messages = Array.isArray(input.messages) ? input.messages.filter(isRecord) : [];
  const texts = messages.map((m) =>
    (Array.isArray(m.content) ? m.content : []).map((b) =>
      isRecord(b) && typeof b.text === 'string' ? b.text : '',
    ),
  );
  const all = texts.flat().join('\n');
  const checks = isRecord(input.checks) ? input.checks : {};
  const categories = (config: unknown): string[] =>
    isRecord(config) && Array.isArray(config.categories)
      ? config.categories.flatMap((c) =>
          isRecord(c) && typeof c.category === 'string' ? [c.category] : [],
        )
      : [];
  const units = Math.max(1, Math.ceil(all.length / 1000));
  const results: Record<string, unknown> = {};
  const usage: Record<string, unknown> = {};
  if (isRecord(checks.contentFilter)) {
    results.contentFilter = {
      results: categories(checks.contentFilter).map((category) => ({
        category,
        severityScore: category === 'VIOLENCE' && VIOLENT.test(all) ? 0.9 : 0,
      })),
    };
    usage.contentFilter = { textUnits: units };
  }
  if (isRecord(checks.promptAttack)) {
    results.promptAttack = {
      results: categories(checks.promptAttack).map((category) => ({
        category,
        severityScore: category !== 'PROMPT_LEAKAGE' && INJECTION.test(all) ? 0.95 : 0,
      })),
    };
    usage.promptAttack = { textUnits: units };
  }
  if (isRecord(checks.sensitiveInformation)) {
    const wanted = Array.isArray(checks.sensitiveInformation.entities)
      ? checks.sensitiveInformation.entities.some((e) => isRecord(e) && e.type === 'EMAIL')
      : false;
    const found: unknown[] = [];
    if (wanted) {
      texts.forEach((blocks, messageIndex) => {
        blocks.forEach((text, contentIndex) => {
          for (const m of text.matchAll(EMAIL)) {
            const begin = m.index ?? 0;
            found.push({
              type: 'EMAIL',
              confidenceScore: 0.99,
              beginOffset: begin,
              endOffset: begin + m[0].length,
              messageIndex,
              contentIndex,
            });
          }
        });
      });
    }
    results.sensitiveInformation = { results: found, truncated: false };
    usage.sensitiveInformation = { textUnits: units };
  }
  return { results, usage };
}
