import { EmulatorError } from '../emulator-error';
import { isRecord } from '../protocols/wire-json';
import type { EmulatorInput } from '../types';
import { checkGuardrailRef, guardrailVerdict } from './bedrock-guardrails';
import { cannedReply, countTokens } from './canned-reply';

/** A tool call the canned model decided to make. */
export interface CannedToolUse {
  readonly toolUseId: string;
  readonly name: string;
  readonly input: Record<string, unknown>;
}

/** What the canned model answers to a Converse request. */
export interface CannedConverse {
  readonly text: string;
  readonly toolUse: CannedToolUse | undefined;
  readonly stopReason: 'end_turn' | 'tool_use' | 'guardrail_intervened';
  /** With `outputConfig.textFormat`: the text is JSON of the schema. */
  readonly json: boolean;
  /** Citations of documents sent with `citations.enabled`, one per such document. */
  readonly citations: readonly Record<string, unknown>[];
  /** The guardrail trace, when `guardrailConfig.trace` is enabled. */
  readonly trace: Record<string, unknown> | undefined;
  readonly usage: { inputTokens: number; outputTokens: number; totalTokens: number };
}

function blockTexts(content: unknown): string[] {
  if (!Array.isArray(content)) return [];
  return content.flatMap((block): string[] => {
    if (!isRecord(block)) return [];
    if (typeof block.text === 'string') return [block.text];
    if (isRecord(block.toolResult)) return blockTexts(block.toolResult.content);
    if (block.json !== undefined) return [JSON.stringify(block.json)];
    return [];
  });
}

function messagesOf(input: EmulatorInput): Record<string, unknown>[] {
  return Array.isArray(input.messages) ? input.messages.filter(isRecord) : [];
}

/** A value of the JSON schema type, so a canned tool call has the arguments the tool requires. */
function sampleValue(schema: unknown): unknown {
  if (isRecord(schema) && Array.isArray(schema.enum) && schema.enum.length > 0)
    return schema.enum[0];
  if (isRecord(schema) && 'const' in schema) return schema.const;
  const type = isRecord(schema) ? schema.type : undefined;
  if (type === 'number' || type === 'integer') return 1;
  if (type === 'boolean') return true;
  if (type === 'array') {
    const min = isRecord(schema) && typeof schema.minItems === 'number' ? schema.minItems : 0;
    return Array.from({ length: min }, () => sampleValue(isRecord(schema) ? schema.items : {}));
  }
  if (type === 'object') return toolInput({ inputSchema: { json: schema } });
  return 'emulated';
}

/**
 * Models Bedrock documents for structured output (`outputConfig.textFormat`): Claude 4.5 and
 * later, and the open-weight families (Qwen, DeepSeek, Mistral, Gemma, Nemotron, MiniMax, Kimi,
 * gpt-oss). Others answer ValidationException, as Bedrock does.
 */
export function supportsTextFormat(modelId: string): boolean {
  const id = (modelId.split('/').at(-1) ?? modelId).replace(
    /^(?:us|eu|apac|us-gov|global|jp|au|ca)\./,
    '',
  );
  if (id.startsWith('anthropic.')) {
    const m = /claude-(?:sonnet|opus|haiku)-(\d+)(?:-(\d{1,2}))?(?=[-:.]|$)/.exec(id);
    return m !== null && Number(m[1]) + Number(m[2] ?? 0) / 10 >= 4.5;
  }
  return /^(?:qwen\.|deepseek\.|mistral\.|google\.gemma|nvidia\.nemotron|minimax\.|moonshot|openai\.gpt-oss)/.test(
    id,
  );
}

/** The JSON schema of `outputConfig.textFormat`, checked the way Bedrock checks it. */
function textFormatSchema(input: EmulatorInput): unknown {
  const config = isRecord(input.outputConfig) ? input.outputConfig : undefined;
  const format = config && isRecord(config.textFormat) ? config.textFormat : undefined;
  if (!format) return undefined;
  const modelId = typeof input.modelId === 'string' ? input.modelId : '';
  if (!supportsTextFormat(modelId)) {
    throw new EmulatorError(
      'ValidationException',
      `The model ${modelId.slice(0, 200)} does not support outputConfig.textFormat (structured output).`,
      400,
    );
  }
  const structure = isRecord(format.structure) ? format.structure : {};
  const jsonSchema = isRecord(structure.jsonSchema) ? structure.jsonSchema : {};
  if (format.type !== 'json_schema' || typeof jsonSchema.schema !== 'string') {
    throw new EmulatorError(
      'ValidationException',
      'outputConfig.textFormat needs type json_schema and structure.jsonSchema.schema (a JSON string).',
      400,
    );
  }
  try {
    return JSON.parse(jsonSchema.schema);
  } catch {
    throw new EmulatorError(
      'ValidationException',
      'outputConfig.textFormat.structure.jsonSchema.schema is not valid JSON.',
      400,
    );
  }
}

function toolInput(spec: Record<string, unknown>): Record<string, unknown> {
  const schema = isRecord(spec.inputSchema) ? spec.inputSchema.json : undefined;
  if (!isRecord(schema) || !isRecord(schema.properties) || !Array.isArray(schema.required))
    return {};
  const properties = schema.properties;
  return Object.fromEntries(
    schema.required
      .filter((key): key is string => typeof key === 'string')
      .map((key) => [key, sampleValue(properties[key])]),
  );
}

function pickTool(input: EmulatorInput, prompt: string): CannedToolUse | undefined {
  const tools =
    isRecord(input.toolConfig) && Array.isArray(input.toolConfig.tools)
      ? input.toolConfig.tools
      : [];
  const lower = prompt.toLowerCase();
  // A forced choice (`tool` by name, or `any`) is obeyed, as real models do.
  const choice = isRecord(input.toolConfig) ? input.toolConfig.toolChoice : undefined;
  const forced =
    isRecord(choice) && isRecord(choice.tool) && typeof choice.tool.name === 'string'
      ? choice.tool.name
      : undefined;
  const anyTool = isRecord(choice) && choice.any !== undefined;
  for (const tool of tools) {
    const spec = isRecord(tool) && isRecord(tool.toolSpec) ? tool.toolSpec : undefined;
    if (!spec || typeof spec.name !== 'string') continue;
    if (
      forced !== undefined
        ? spec.name === forced
        : anyTool || lower.includes(spec.name.toLowerCase())
    ) {
      return {
        toolUseId: `tooluse_emulated_${spec.name}`,
        name: spec.name,
        input: toolInput(spec),
      };
    }
  }
  return undefined;
}

const TEXT_DOCUMENTS = new Set(['txt', 'md', 'csv', 'html']);

/**
 * One citation per document sent with `citations.enabled`: text documents are cited by character
 * range (their first 40 characters), the others by page (page 1), as Bedrock's Claude models do.
 */
function citationsFor(content: unknown): Record<string, unknown>[] {
  if (!Array.isArray(content)) return [];
  const documents = content.flatMap((block) =>
    isRecord(block) && isRecord(block.document) ? [block.document] : [],
  );
  return documents.flatMap((doc, documentIndex): Record<string, unknown>[] => {
    if (!isRecord(doc.citations) || doc.citations.enabled !== true) return [];
    const title = typeof doc.name === 'string' ? doc.name : `document-${documentIndex + 1}`;
    const bytes = isRecord(doc.source) ? doc.source.bytes : undefined;
    if (TEXT_DOCUMENTS.has(String(doc.format)) && bytes instanceof Uint8Array) {
      const text = Buffer.from(bytes).toString('utf8');
      const cited = [...text].slice(0, 40).join('');
      return [
        {
          title,
          sourceContent: [{ text: cited }],
          location: { documentChar: { documentIndex, start: 0, end: cited.length } },
        },
      ];
    }
    return [
      {
        title,
        sourceContent: [{ text: 'Emulated text of page 1' }],
        location: { documentPage: { documentIndex, start: 1, end: 2 } },
      },
    ];
  });
}

/**
 * What a guardrail on a Converse call reads: the `guardContent` blocks when there are any, else
 * every message of the conversation (not only the last turn), as Bedrock documents.
 */
function guardedTexts(messages: readonly Record<string, unknown>[]): string[] {
  const blocks = messages.flatMap((m) => (Array.isArray(m.content) ? m.content : []));
  const marked = blocks.flatMap((b) =>
    isRecord(b) && isRecord(b.guardContent) && isRecord(b.guardContent.text)
      ? [String(b.guardContent.text.text)]
      : [],
  );
  return marked.length > 0 ? marked : messages.flatMap((m) => blockTexts(m.content));
}

/** `messages.N.content` as Bedrock names it in its refusals. */
const at = (n: number) => `messages.${n}.content`;

function toolUseIds(content: unknown): string[] {
  if (!Array.isArray(content)) return [];
  return content.flatMap((b) =>
    isRecord(b) && isRecord(b.toolUse) ? [String(b.toolUse.toolUseId)] : [],
  );
}

function refuse(message: string): never {
  throw new EmulatorError('ValidationException', message, 400);
}

/** The service model's `ToolUseId` and `ToolName` patterns (each 1-64 characters). */
const TOOL_USE_ID = '[a-zA-Z0-9_.:-]+';
const TOOL_NAME = '[a-zA-Z0-9_-]+';

/** The constraint failure Bedrock's request validation answers, the value quoted as it does. */
function constraint(value: unknown, path: string, pattern: string): void {
  const text = typeof value === 'string' ? value : '';
  const length = text.length >= 1 && text.length <= 64;
  if (length && new RegExp(`^${pattern}$`).test(text)) return;
  const rule = length
    ? `Member must satisfy regular expression pattern: ${pattern}`
    : 'Member must have length between 1 and 64';
  refuse(
    `1 validation error detected: Value '${text}' at '${path}' failed to satisfy constraint: ${rule}`,
  );
}

/** A number member out of its service-model range, in Bedrock's wording. */
function range(value: unknown, path: string, min: number, max?: number): void {
  if (value === undefined || value === null) return;
  const n = typeof value === 'number' ? value : Number.NaN;
  if (n < min || Number.isNaN(n)) {
    refuse(
      `1 validation error detected: Value '${String(value)}' at '${path}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`,
    );
  }
  if (max !== undefined && n > max) {
    refuse(
      `1 validation error detected: Value '${String(value)}' at '${path}' failed to satisfy constraint: Member must have value less than or equal to ${max}`,
    );
  }
}

/**
 * The members of a Converse request the service model bounds (`InferenceConfiguration`,
 * `ToolConfiguration`): maxTokens ≥ 1, temperature and topP 0-1, at most 2,500 non-empty stop
 * sequences, at least one tool, tool and choice names of `ToolName`.
 */
export function checkRequestMembers(input: EmulatorInput): void {
  const inference = isRecord(input.inferenceConfig) ? input.inferenceConfig : {};
  range(inference.maxTokens, 'inferenceConfig.maxTokens', 1);
  range(inference.temperature, 'inferenceConfig.temperature', 0, 1);
  range(inference.topP, 'inferenceConfig.topP', 0, 1);
  const stop = inference.stopSequences;
  if (Array.isArray(stop)) {
    if (stop.length > 2500) {
      refuse(
        "1 validation error detected: Value at 'inferenceConfig.stopSequences' failed to satisfy constraint: Member must have length less than or equal to 2500",
      );
    }
    stop.forEach((s, i) => {
      if (typeof s !== 'string' || s.length === 0) {
        refuse(
          `1 validation error detected: Value '' at 'inferenceConfig.stopSequences.${i + 1}.member' failed to satisfy constraint: Member must have length greater than or equal to 1`,
        );
      }
    });
  }
  if (!isRecord(input.toolConfig)) return;
  const tools = input.toolConfig.tools;
  if (!Array.isArray(tools) || tools.length === 0) {
    refuse(
      "1 validation error detected: Value '[]' at 'toolConfig.tools' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  }
  tools.forEach((tool, i) => {
    const spec = isRecord(tool) && isRecord(tool.toolSpec) ? tool.toolSpec : undefined;
    if (spec) constraint(spec.name, `toolConfig.tools.${i + 1}.member.toolSpec.name`, TOOL_NAME);
  });
  const choice = input.toolConfig.toolChoice;
  if (isRecord(choice) && isRecord(choice.tool)) {
    constraint(choice.tool.name, 'toolConfig.toolChoice.tool.name', TOOL_NAME);
  }
}

/**
 * The conversation rules Bedrock enforces on every Converse, ConverseStream and CountTokens
 * request, with its wording (the service model cannot express them): a user turn first, roles
 * alternating, no blank text block, every toolUse answered by a toolResult in the next user turn
 * and no toolResult beyond them, an error result with content, and a `toolConfig` whenever tool
 * blocks are present.
 */
export function checkConversation(input: EmulatorInput): void {
  const messages = messagesOf(input);
  if (messages.length === 0) return;
  if (messages[0]?.role !== 'user') {
    refuse(
      'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
    );
  }
  let toolBlocks = false;
  for (const [n, message] of messages.entries()) {
    if (n > 0 && message.role === messages[n - 1]?.role) {
      refuse(
        'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.',
      );
    }
    const content = Array.isArray(message.content) ? message.content : [];
    for (const [m, block] of content.entries()) {
      if (!isRecord(block)) continue;
      if (typeof block.text === 'string' && block.text.trim() === '') {
        refuse(
          `The text field in the ContentBlock object at ${at(n)}.${m} is blank. Add text to the text field, and try again.`,
        );
      }
      const member = `messages.${n + 1}.member.content.${m + 1}.member`;
      if (isRecord(block.toolUse)) {
        toolBlocks = true;
        constraint(block.toolUse.toolUseId, `${member}.toolUse.toolUseId`, TOOL_USE_ID);
        constraint(block.toolUse.name, `${member}.toolUse.name`, TOOL_NAME);
        // Claude and Nova take a tool call's input as a JSON object only.
        if (!isRecord(block.toolUse.input)) {
          refuse(
            `The model returned the following errors: messages.${n}.content.${m}.tool_use.input: Input should be a valid dictionary`,
          );
        }
      }
      if (!isRecord(block.toolResult)) continue;
      toolBlocks = true;
      constraint(block.toolResult.toolUseId, `${member}.toolResult.toolUseId`, TOOL_USE_ID);
      const parts = Array.isArray(block.toolResult.content) ? block.toolResult.content : [];
      if (block.toolResult.status === 'error' && parts.length === 0) {
        refuse(
          `The content field at ${at(n)}.${m}.toolResult cannot be empty when status value is error.`,
        );
      }
      for (const part of parts) {
        if (isRecord(part) && typeof part.text === 'string' && part.text.trim() === '') {
          refuse(
            `The text field in the ToolResultContentBlock object at ${at(n)}.${m}.toolResult is blank. Add text to the text field, and try again.`,
          );
        }
      }
    }
    if (message.role !== 'user') continue;
    const asked = n > 0 ? toolUseIds(messages[n - 1]?.content) : [];
    const answered = content.flatMap((b) =>
      isRecord(b) && isRecord(b.toolResult) ? [String(b.toolResult.toolUseId)] : [],
    );
    if (answered.length > asked.length) {
      refuse(
        `The number of toolResult blocks at ${at(n)} exceeds the number of toolUse blocks of previous turn.`,
      );
    }
    const missing = asked.filter((id) => !answered.includes(id));
    if (missing.length > 0) {
      refuse(`Expected toolResult blocks at ${at(n)} for the following Ids: ${missing.join(', ')}`);
    }
  }
  if (toolBlocks && !isRecord(input.toolConfig)) {
    refuse(
      'The toolConfig field must be defined when using toolUse and toolResult content blocks.',
    );
  }
}

/**
 * The canned Converse answer: quotes the last user text, counts words as tokens, and calls a tool
 * when the prompt names one (unless the last message already carries tool results).
 */
export function cannedConverse(input: EmulatorInput): CannedConverse {
  checkRequestMembers(input);
  checkConversation(input);
  const messages = messagesOf(input);
  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  const prompt = blockTexts(lastUser?.content).join(' ');
  const answersToolResult =
    Array.isArray(lastUser?.content) &&
    lastUser.content.some((b) => isRecord(b) && b.toolResult !== undefined);
  const choice = isRecord(input.toolConfig) ? input.toolConfig.toolChoice : undefined;
  const forcedChoice = isRecord(choice) && (choice.tool !== undefined || choice.any !== undefined);
  const schema = textFormatSchema(input);
  const guard = isRecord(input.guardrailConfig) ? input.guardrailConfig : undefined;
  if (guard) {
    checkGuardrailRef(guard.guardrailIdentifier, guard.guardrailVersion, 'guardrailConfig.');
  }
  const verdict = guard ? guardrailVerdict(guardedTexts(messages)) : undefined;
  const trace =
    guard && verdict && guard.trace === 'enabled'
      ? {
          guardrail: {
            inputAssessment: { [String(guard.guardrailIdentifier)]: verdict.assessment },
            ...(verdict.blocked ? { actionReason: 'Guardrail blocked.' } : {}),
          },
        }
      : undefined;
  if (verdict?.blocked) {
    const inputTokens = countTokens(prompt);
    return {
      text: verdict.masked,
      toolUse: undefined,
      stopReason: 'guardrail_intervened',
      json: false,
      citations: [],
      trace,
      usage: { inputTokens, outputTokens: 0, totalTokens: inputTokens },
    };
  }
  const toolUse = answersToolResult && !forcedChoice ? undefined : pickTool(input, prompt);
  const text = schema !== undefined ? JSON.stringify(sampleValue(schema)) : cannedReply(prompt);
  const system = Array.isArray(input.system) ? blockTexts(input.system) : [];
  const inputTokens = countTokens(
    [...system, ...messages.flatMap((m) => blockTexts(m.content))].join(' '),
  );
  const outputTokens = countTokens(text) + (toolUse ? 1 : 0);
  return {
    text,
    toolUse,
    stopReason: toolUse ? 'tool_use' : 'end_turn',
    json: schema !== undefined,
    citations: citationsFor(lastUser?.content),
    trace,
    usage: { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
  };
}
