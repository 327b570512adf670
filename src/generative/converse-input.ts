import type {
  ContentBlock,
  ConverseRequest,
  Message,
  OutputFormat,
  SystemContentBlock,
  Tool,
  ToolConfiguration,
} from '@aws-sdk/client-bedrock-runtime';
import { assertText } from '../core/text-input';
import { ValidationError } from '../errors';
import { cachePoint, partsOf, toBedrockBlock } from './content';
import { checkGuardrailRef } from './guardrail-ref';
import { cleanHistory, toolNamesInHistory } from './history';
import { MAX_CACHE_POINTS } from './limits';
import { MediaBudget } from './media';
import { checkGenerateParams, extraFields, isPromptArn } from './request-options';
import { toJsonSchema } from './schema';
import type {
  GenerateParams,
  GenerativeCacheOptions,
  GenerativeCacheTtl,
  GenerativeMessage,
  GenerativeToolSet,
} from './types';

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** A Converse request plus what a stream needs on top (guardrail stream mode). @internal */
export interface BuiltRequest {
  request: ConverseRequest;
  streamProcessingMode: 'sync' | 'async' | undefined;
}

function cachePlan(cache: GenerativeCacheOptions | undefined): {
  tools: boolean;
  system: boolean;
  messages: boolean;
  ttl: GenerativeCacheTtl | undefined;
} {
  if (cache === undefined || cache === false) {
    return { tools: false, system: false, messages: false, ttl: undefined };
  }
  if (cache === true) return { tools: true, system: true, messages: true, ttl: undefined };
  return {
    tools: cache.tools ?? false,
    system: cache.system ?? false,
    messages: cache.messages ?? false,
    ttl: cache.ttl,
  };
}

/** The tool specs Bedrock sees, from the caller's tools. @internal */
export function toToolSpecs(tools: GenerativeToolSet): Tool[] {
  return Object.entries(tools).map(([name, tool]) => {
    if (!TOOL_NAME.test(name)) {
      throw new ValidationError(
        `tool name "${name.slice(0, 80)}" is invalid: use 1-64 letters, digits, _ or -`,
      );
    }
    if (typeof tool !== 'object' || tool === null) {
      throw new ValidationError(`tools.${name} must be an object with an input schema`);
    }
    return {
      toolSpec: {
        name,
        ...(tool.description ? { description: tool.description } : {}),
        inputSchema: { json: toJsonSchema(tool.input, `tools.${name}.input`) as never },
      },
    };
  });
}

function conversationOf(params: GenerateParams): GenerativeMessage[] {
  if (params.prompt === undefined && params.messages === undefined && isPromptArn(params.model)) {
    return [];
  }
  if ((params.prompt === undefined) === (params.messages === undefined)) {
    throw new ValidationError('give exactly one of prompt or messages');
  }
  if (params.prompt !== undefined) {
    assertText(params.prompt, 'prompt');
    return [{ role: 'user', content: params.prompt }];
  }
  if (!Array.isArray(params.messages) || params.messages.length === 0) {
    throw new ValidationError('messages is empty; pass at least one user message');
  }
  return params.messages;
}

async function toMessages(
  conversation: GenerativeMessage[],
  params: GenerateParams,
  media: MediaBudget,
): Promise<Message[]> {
  const messages: Message[] = [];
  for (const [i, message] of conversation.entries()) {
    if (message?.role !== 'user' && message?.role !== 'assistant') {
      throw new ValidationError(`messages[${i}].role must be 'user' or 'assistant'`);
    }
    if (typeof message.content !== 'string' && !Array.isArray(message.content)) {
      throw new ValidationError(`messages[${i}].content must be a string or an array of parts`);
    }
    const content: ContentBlock[] = [];
    for (const [j, part] of partsOf(message).entries()) {
      const block = await toBedrockBlock(part, `messages[${i}].content[${j}]`, media);
      if ((block.image || block.document) && message.role !== 'user') {
        throw new ValidationError(`messages[${i}]: images and documents go in user messages only`);
      }
      content.push(block);
    }
    messages.push({ role: message.role, content });
  }
  const attached: ContentBlock[] = [];
  for (const [i, entry] of (params.images ?? []).entries()) {
    const { image, format } =
      typeof entry === 'object' && entry !== null && 'image' in entry
        ? entry
        : { image: entry, format: undefined };
    attached.push({ image: await media.image(image, format, `images[${i}]`) });
  }
  for (const [i, entry] of (params.documents ?? []).entries()) {
    const { document, format, name, citations } =
      typeof entry === 'object' && entry !== null && 'document' in entry
        ? entry
        : { document: entry, format: undefined, name: undefined, citations: undefined };
    const block = await media.document(document, format, name, `documents[${i}]`);
    attached.push({ document: citations ? { ...block, citations: { enabled: true } } : block });
  }
  if (attached.length > 0) {
    const last = messages.at(-1);
    if (last?.role !== 'user') {
      throw new ValidationError(
        'images and documents attach to the last message, which must be a user message',
      );
    }
    // Media first: the models read it before the question about it.
    last.content = [...attached, ...(last.content ?? [])];
  }
  messages.forEach((message, i) => {
    const blocks = message.content ?? [];
    if (blocks.some((b) => b.document) && !blocks.some((b) => b.text?.trim())) {
      throw new ValidationError(
        `messages[${i}] has a document but no text; Bedrock needs a text block next to documents`,
      );
    }
  });
  return messages;
}

const FORMAT_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** `responseFormat` as Converse `outputConfig.textFormat` (the schema goes as a JSON string). */
function textFormatOf(params: GenerateParams): OutputFormat | undefined {
  const format = params.responseFormat;
  if (format === undefined) return undefined;
  if (typeof format !== 'object' || format === null || format.type !== 'json') {
    throw new ValidationError("responseFormat must be { type: 'json', schema }");
  }
  const name = format.name ?? 'response';
  if (!FORMAT_NAME.test(name)) {
    throw new ValidationError('responseFormat.name must be 1-64 letters, digits, _ or -');
  }
  const schema = toJsonSchema(format.schema, 'responseFormat.schema');
  return {
    type: 'json_schema',
    structure: {
      jsonSchema: {
        schema: JSON.stringify(schema),
        name,
        ...(format.description ? { description: format.description } : {}),
      },
    },
  };
}

/**
 * Checks the parameters and builds the Converse request, with media read and checked and the
 * history cleaned; no network call.
 * @internal
 */
export async function buildConverseRequest(params: GenerateParams): Promise<BuiltRequest> {
  // Model, prompt, messages, system and inference settings: the checks every method shares.
  checkGenerateParams(params);
  const conversation = conversationOf(params);
  const media = new MediaBudget();
  const raw = await toMessages(conversation, params, media);
  // A prompt ARN may be called with its variables alone: the prompt holds the messages.
  const messages = raw.length === 0 && isPromptArn(params.model) ? [] : cleanHistory(raw);
  const cache = cachePlan(params.cache);

  const tools = params.tools ?? {};
  const specs = toToolSpecs(tools);
  const { names, hasToolBlocks } = toolNamesInHistory(messages);
  // Bedrock rejects tool blocks in history without a toolConfig, and tools it cannot name.
  for (const name of names) {
    if (!(name in tools)) {
      specs.push({
        toolSpec: {
          name,
          description: 'Used earlier in this conversation; no longer offered.',
          inputSchema: { json: { type: 'object' } },
        },
      });
    }
  }
  let toolConfig: ToolConfiguration | undefined;
  if (specs.length > 0 || hasToolBlocks) {
    if (cache.tools && specs.length > 0) specs.push(cachePoint(cache.ttl));
    toolConfig = { tools: specs };
    const choice = params.toolChoice;
    if (choice !== undefined && choice !== 'auto') {
      if (choice === 'any') toolConfig.toolChoice = { any: {} };
      else if (
        typeof choice === 'object' &&
        typeof choice.tool === 'string' &&
        choice.tool in tools
      ) {
        toolConfig.toolChoice = { tool: { name: choice.tool } };
      } else {
        throw new ValidationError(
          `toolChoice must be 'auto', 'any' or { tool } naming one of the tools (${Object.keys(tools).join(', ') || 'none given'})`,
        );
      }
    }
  } else if (params.toolChoice !== undefined && params.toolChoice !== 'auto') {
    throw new ValidationError('toolChoice needs tools');
  }

  const system: SystemContentBlock[] = [];
  if (params.system !== undefined) {
    system.push({ text: params.system });
    if (cache.system) system.push(cachePoint(cache.ttl));
  }
  if (cache.messages) {
    const last = messages.at(-1);
    if (last) last.content = [...(last.content ?? []), cachePoint(cache.ttl)];
  }
  const points =
    system.filter((b) => b.cachePoint).length +
    (toolConfig?.tools ?? []).filter((t) => t.cachePoint).length +
    messages.flatMap((m) => m.content ?? []).filter((b) => b.cachePoint).length;
  if (points > MAX_CACHE_POINTS) {
    throw new ValidationError(
      `${points} cache checkpoints in one request; Bedrock allows at most ${MAX_CACHE_POINTS}`,
    );
  }

  const inference = {
    ...(params.maxTokens !== undefined ? { maxTokens: params.maxTokens } : {}),
    ...(params.temperature !== undefined ? { temperature: params.temperature } : {}),
    ...(params.topP !== undefined ? { topP: params.topP } : {}),
    ...(params.stop !== undefined ? { stopSequences: params.stop } : {}),
  };
  const textFormat = textFormatOf(params);
  const { outputConfig, ...rest } = extraFields(params);
  const guardrail = params.guardrail;
  if (guardrail !== undefined) {
    if (typeof guardrail !== 'object' || guardrail === null) {
      throw new ValidationError('guardrail needs an id and a version (e.g. "1" or "DRAFT")');
    }
    checkGuardrailRef(guardrail.id, guardrail.version, 'guardrail.');
    if (guardrail.trace !== undefined && typeof guardrail.trace !== 'boolean') {
      throw new ValidationError('guardrail.trace must be true or false');
    }
    // GuardrailStreamProcessingMode: sync | async.
    if (guardrail.streamMode !== undefined && !['sync', 'async'].includes(guardrail.streamMode)) {
      throw new ValidationError("guardrail.streamMode must be 'sync' or 'async'");
    }
  }
  return {
    request: {
      modelId: params.model,
      messages,
      ...(system.length > 0 ? { system } : {}),
      ...(Object.keys(inference).length > 0 ? { inferenceConfig: inference } : {}),
      ...(toolConfig ? { toolConfig } : {}),
      ...(guardrail
        ? {
            guardrailConfig: {
              guardrailIdentifier: guardrail.id,
              guardrailVersion: guardrail.version,
              ...(guardrail.trace ? { trace: 'enabled' as const } : {}),
            },
          }
        : {}),
      ...rest,
      ...(textFormat || outputConfig
        ? { outputConfig: { ...outputConfig, ...(textFormat ? { textFormat } : {}) } }
        : {}),
    },
    streamProcessingMode: guardrail?.streamMode,
  };
}
