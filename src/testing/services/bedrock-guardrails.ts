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

/** bedrock-runtime `GuardrailChecks*` enums. */
const CHECK_ROLES = ['user', 'assistant', 'system'];
const CHECK_CATEGORIES = ['VIOLENCE', 'HATE', 'SEXUAL', 'MISCONDUCT', 'INSULTS'];
const CHECK_ATTACKS = ['JAILBREAK', 'PROMPT_INJECTION', 'PROMPT_LEAKAGE'];
/** `GuardrailChecksSensitiveInformationEntityType` (31 values; the list holds at most 31). */
const CHECK_PII = new Set(
  'ADDRESS AGE AWS_ACCESS_KEY AWS_SECRET_KEY CA_HEALTH_NUMBER CA_SOCIAL_INSURANCE_NUMBER CREDIT_DEBIT_CARD_CVV CREDIT_DEBIT_CARD_EXPIRY CREDIT_DEBIT_CARD_NUMBER DRIVER_ID EMAIL INTERNATIONAL_BANK_ACCOUNT_NUMBER IP_ADDRESS LICENSE_PLATE MAC_ADDRESS NAME PASSWORD PHONE PIN SWIFT_CODE UK_NATIONAL_HEALTH_SERVICE_NUMBER UK_NATIONAL_INSURANCE_NUMBER UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER URL USERNAME US_BANK_ACCOUNT_NUMBER US_BANK_ROUTING_NUMBER US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER US_PASSPORT_NUMBER US_SOCIAL_SECURITY_NUMBER VEHICLE_IDENTIFICATION_NUMBER'.split(
    ' ',
  ),
);

function invalid(message: string): EmulatorError {
  return new EmulatorError('ValidationException', `1 validation error detected: ${message}`, 400);
}

/** A list member of InvokeGuardrailChecks: its length (min 1, `max`) and each value's enum. */
function checkList(
  list: unknown,
  path: string,
  max: number,
  key: string,
  allowed: (value: unknown) => boolean,
): void {
  if (!Array.isArray(list) || list.length < 1 || list.length > max) {
    throw invalid(
      `Value at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${max} and greater than or equal to 1`,
    );
  }
  list.forEach((entry, i) => {
    const value = isRecord(entry) ? entry[key] : undefined;
    if (!allowed(value)) {
      throw invalid(
        `Value '${String(value)}' at '${path}.${i + 1}.member.${key}' failed to satisfy constraint: Member must satisfy enum value set`,
      );
    }
  });
}

/** InvokeGuardrailChecks' request as Bedrock's validation checks it (service model lengths, enums). */
function checkChecksRequest(input: EmulatorInput): void {
  const messages = input.messages;
  if (!Array.isArray(messages) || messages.length === 0) {
    throw invalid(
      "Value at 'messages' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  }
  messages.forEach((m, i) => {
    const role = isRecord(m) ? m.role : undefined;
    if (!CHECK_ROLES.includes(String(role))) {
      throw invalid(
        `Value '${String(role)}' at 'messages.${i + 1}.member.role' failed to satisfy constraint: Member must satisfy enum value set: [${CHECK_ROLES.join(', ')}]`,
      );
    }
    const content = isRecord(m) ? m.content : undefined;
    if (!Array.isArray(content) || content.length === 0) {
      throw invalid(
        `Value at 'messages.${i + 1}.member.content' failed to satisfy constraint: Member must have length greater than or equal to 1`,
      );
    }
    content.forEach((b, j) => {
      if (!isRecord(b) || typeof b.text !== 'string' || b.text.length === 0) {
        throw invalid(
          `Value at 'messages.${i + 1}.member.content.${j + 1}.member.text' failed to satisfy constraint: Member must have length greater than or equal to 1`,
        );
      }
    });
  });
  const checks = isRecord(input.checks) ? input.checks : {};
  const inList = (values: readonly string[] | Set<string>) => (v: unknown) =>
    typeof v === 'string' && (values instanceof Set ? values.has(v) : values.includes(v));
  if (checks.contentFilter !== undefined) {
    const config = isRecord(checks.contentFilter) ? checks.contentFilter.categories : undefined;
    checkList(config, 'checks.contentFilter.categories', 5, 'category', inList(CHECK_CATEGORIES));
  }
  if (checks.promptAttack !== undefined) {
    const config = isRecord(checks.promptAttack) ? checks.promptAttack.categories : undefined;
    checkList(config, 'checks.promptAttack.categories', 3, 'category', inList(CHECK_ATTACKS));
  }
  if (checks.sensitiveInformation !== undefined) {
    const config = isRecord(checks.sensitiveInformation)
      ? checks.sensitiveInformation.entities
      : undefined;
    checkList(config, 'checks.sensitiveInformation.entities', 31, 'type', inList(CHECK_PII));
  }
}

const VIOLENT = /\b(kill|attack|weapon)\b/i;
const INJECTION = /ignore (all |the )?previous instructions/i;

/**
 * InvokeGuardrailChecks: scores for the requested categories (the emulated rules: violent words
 * score VIOLENCE 0.9, "ignore previous instructions" scores JAILBREAK and PROMPT_INJECTION 0.95,
 * everything else 0) and e-mail addresses found as EMAIL, with offsets into their text block.
 */
export function invokeGuardrailChecks(input: EmulatorInput): unknown {
  checkChecksRequest(input);
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
