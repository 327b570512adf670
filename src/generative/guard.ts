import type { GuardrailContentBlock } from '@aws-sdk/client-bedrock-runtime';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { assertText } from '../core/text-input';
import { ValidationError } from '../errors';
import { BEDROCK } from './bedrock';
import { checkGuardrailRef } from './guardrail-ref';
import type {
  CheckContent,
  CheckOptions,
  CheckResult,
  GuardContent,
  GuardOptions,
  GuardResult,
} from './types';

const QUALIFIERS = new Set(['grounding_source', 'query', 'guard_content']);

/** Checks the guardrail and the content before any call. @internal */
export function guardRequest(content: GuardContent, options: GuardOptions) {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError('guard needs options { id, version }');
  }
  checkGuardrailRef(options.id, options.version, '');
  const source = options.source ?? 'input';
  if (source !== 'input' && source !== 'output') {
    throw new ValidationError("source must be 'input' or 'output'");
  }
  const scope = options.outputScope ?? 'interventions';
  if (scope !== 'interventions' && scope !== 'full') {
    throw new ValidationError("outputScope must be 'interventions' or 'full'");
  }
  const items = typeof content === 'string' ? [content] : content;
  if (!Array.isArray(items) || items.length === 0) {
    throw new ValidationError('content must be a non-empty string or array of texts');
  }
  const blocks: GuardrailContentBlock[] = [];
  // An index loop, not map: map skips the holes of a sparse array (they would be sent as null).
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const entry = typeof item === 'string' ? { text: item, qualifiers: undefined } : item;
    if (typeof entry !== 'object' || entry === null) {
      throw new ValidationError(`content[${i}] must be text or { text, qualifiers }`);
    }
    // A string, not blank, no unpaired surrogate (no UTF-8 encoding exists for one).
    assertText(entry.text, `content[${i}]${typeof item === 'string' ? '' : '.text'}`);
    const qualifiers: unknown = entry.qualifiers;
    if (
      qualifiers !== undefined &&
      (!Array.isArray(qualifiers) || Array.from(qualifiers).some((q) => !QUALIFIERS.has(q)))
    ) {
      throw new ValidationError(
        `content[${i}].qualifiers must be an array of grounding_source, query, guard_content`,
      );
    }
    blocks.push({
      text: {
        text: entry.text,
        ...(entry.qualifiers ? { qualifiers: entry.qualifiers } : {}),
      },
    });
  }
  return {
    guardrailIdentifier: options.id,
    guardrailVersion: options.version,
    source: source === 'input' ? ('INPUT' as const) : ('OUTPUT' as const),
    content: blocks,
    ...(options.outputScope
      ? { outputScope: scope === 'full' ? ('FULL' as const) : ('INTERVENTIONS' as const) }
      : {}),
  };
}

/**
 * ApplyGuardrail: the content checked by a guardrail without calling a model.
 * @internal
 */
export async function guard(
  ctx: ModuleContext,
  content: GuardContent,
  options: GuardOptions,
): Promise<GuardResult> {
  const input = guardRequest(content, options);
  const { id: _id, version: _v, source: _s, outputScope: _o, ...requestOptions } = options;
  const out = await callAws(
    ctx,
    BEDROCK,
    'ApplyGuardrail',
    ({ client, sdk, signal }) =>
      client.send(new sdk.ApplyGuardrailCommand(input), { abortSignal: signal }),
    requestOptions,
  );
  return {
    action: out.action === 'GUARDRAIL_INTERVENED' ? 'intervened' : 'none',
    actionReason: out.actionReason,
    outputs: (out.outputs ?? []).map((o) => o.text ?? ''),
    assessments: out.assessments ?? [],
    usage: out.usage,
    coverage: out.guardrailCoverage,
    requestId: out.$metadata.requestId,
  };
}

const CATEGORIES = ['HATE', 'INSULTS', 'MISCONDUCT', 'SEXUAL', 'VIOLENCE'] as const;
const ATTACKS = ['JAILBREAK', 'PROMPT_INJECTION', 'PROMPT_LEAKAGE'] as const;
const ROLES = new Set(['user', 'assistant', 'system']);
/** bedrock-runtime `GuardrailChecksSensitiveInformationEntityType` (the list holds at most these 31). */
const PII_TYPES = [
  'ADDRESS',
  'AGE',
  'AWS_ACCESS_KEY',
  'AWS_SECRET_KEY',
  'CA_HEALTH_NUMBER',
  'CA_SOCIAL_INSURANCE_NUMBER',
  'CREDIT_DEBIT_CARD_CVV',
  'CREDIT_DEBIT_CARD_EXPIRY',
  'CREDIT_DEBIT_CARD_NUMBER',
  'DRIVER_ID',
  'EMAIL',
  'INTERNATIONAL_BANK_ACCOUNT_NUMBER',
  'IP_ADDRESS',
  'LICENSE_PLATE',
  'MAC_ADDRESS',
  'NAME',
  'PASSWORD',
  'PHONE',
  'PIN',
  'SWIFT_CODE',
  'UK_NATIONAL_HEALTH_SERVICE_NUMBER',
  'UK_NATIONAL_INSURANCE_NUMBER',
  'UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER',
  'URL',
  'USERNAME',
  'US_BANK_ACCOUNT_NUMBER',
  'US_BANK_ROUTING_NUMBER',
  'US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER',
  'US_PASSPORT_NUMBER',
  'US_SOCIAL_SECURITY_NUMBER',
  'VEHICLE_IDENTIFICATION_NUMBER',
] as const;

/** Checks the content and the checks before any call; builds InvokeGuardrailChecks' input. @internal */
export function checkRequest(content: CheckContent, options: CheckOptions) {
  const checks = options?.checks;
  if (typeof checks !== 'object' || checks === null) {
    throw new ValidationError(
      'check needs options { checks: { contentFilter?, promptAttack?, sensitiveInformation? } }',
    );
  }
  const pick = <C extends string>(
    value: true | C[] | undefined,
    all: readonly C[],
    name: string,
  ) => {
    if (value === undefined) return undefined;
    const list = value === true ? [...all] : value;
    if (!Array.isArray(list) || list.length === 0 || list.some((c) => !all.includes(c))) {
      throw new ValidationError(
        `checks.${name} must be true or a non-empty list of ${all.join(', ')}`,
      );
    }
    // Bedrock's lists hold at most one entry per category: a repeat is sent once.
    return [...new Set(list)].map((category) => ({ category }));
  };
  const contentFilter = pick(checks.contentFilter, CATEGORIES, 'contentFilter');
  const promptAttack = pick(checks.promptAttack, ATTACKS, 'promptAttack');
  const given = checks.sensitiveInformation;
  if (
    given !== undefined &&
    (!Array.isArray(given) ||
      given.length === 0 ||
      given.some((t) => !(PII_TYPES as readonly unknown[]).includes(t)))
  ) {
    const unknown = Array.isArray(given)
      ? given.find((t) => !(PII_TYPES as readonly unknown[]).includes(t))
      : undefined;
    throw new ValidationError(
      `checks.sensitiveInformation must be a non-empty list of Bedrock's entity types (${PII_TYPES.join(', ')})${typeof unknown === 'string' && /^[A-Za-z_]{1,64}$/.test(unknown) ? `; ${unknown} is not one` : ''}`,
    );
  }
  const pii = given === undefined ? undefined : [...new Set(given)];
  if (!contentFilter && !promptAttack && !pii) {
    throw new ValidationError(
      'checks needs at least one of contentFilter, promptAttack, sensitiveInformation',
    );
  }
  const messages = typeof content === 'string' ? [{ role: 'user' as const, content }] : content;
  if (!Array.isArray(messages) || messages.length === 0) {
    throw new ValidationError(
      'content must be text or a non-empty list of { role, content } messages',
    );
  }
  return {
    messages: messages.map((m, i) => {
      if (!ROLES.has(m?.role) || typeof m.content !== 'string' || m.content.trim() === '') {
        throw new ValidationError(
          `content[${i}] must be { role: 'user' | 'assistant' | 'system', content: non-blank text }`,
        );
      }
      return { role: m.role, content: [{ text: m.content }] };
    }),
    checks: {
      ...(contentFilter ? { contentFilter: { categories: contentFilter } } : {}),
      ...(promptAttack ? { promptAttack: { categories: promptAttack } } : {}),
      ...(pii ? { sensitiveInformation: { entities: pii.map((type) => ({ type })) } } : {}),
    },
  };
}

/** InvokeGuardrailChecks: inline checks with no guardrail resource. @internal */
export async function check(
  ctx: ModuleContext,
  content: CheckContent,
  options: CheckOptions,
): Promise<CheckResult> {
  const input = checkRequest(content, options);
  const { checks: _c, ...requestOptions } = options;
  const out = await callAws(
    ctx,
    BEDROCK,
    'InvokeGuardrailChecks',
    ({ client, sdk, signal }) =>
      client.send(new sdk.InvokeGuardrailChecksCommand(input as never), { abortSignal: signal }),
    requestOptions,
  );
  const results = out.results ?? {};
  return {
    contentFilter: (results.contentFilter?.results ?? []).map((r) => ({
      category: String(r.category),
      severityScore: r.severityScore ?? 0,
    })),
    promptAttack: (results.promptAttack?.results ?? []).map((r) => ({
      category: String(r.category),
      severityScore: r.severityScore ?? 0,
    })),
    sensitiveInformation: (results.sensitiveInformation?.results ?? []).map((r) => ({
      type: String(r.type),
      confidenceScore: r.confidenceScore ?? 0,
      messageIndex: r.messageIndex ?? 0,
      contentIndex: r.contentIndex ?? 0,
      beginOffset: r.beginOffset ?? 0,
      endOffset: r.endOffset ?? 0,
    })),
    usage: {
      ...(out.usage?.contentFilter
        ? { contentFilter: out.usage.contentFilter.textUnits ?? 0 }
        : {}),
      ...(out.usage?.promptAttack ? { promptAttack: out.usage.promptAttack.textUnits ?? 0 } : {}),
      ...(out.usage?.sensitiveInformation
        ? { sensitiveInformation: out.usage.sensitiveInformation.textUnits ?? 0 }
        : {}),
    },
    requestId: out.$metadata.requestId,
  };
}
