import { isRecord } from '../protocols/wire-json';
import type { EmulatorInput, Handler } from '../types';
import { cannedConverse } from './bedrock-converse';
import { embeddingAnswer } from './bedrock-embeddings';
import { applyGuardrail, invokeGuardrailChecks } from './bedrock-guardrails';
import { asyncInvokeHandlers, imageAnswer, isImageModel } from './bedrock-media';
import { cannedReply, countTokens } from './canned-reply';
import { bodyLimit, MIB, type RestRoute, type ServiceDefinition } from './definition';
import type { S3Store } from './s3-store';

/** Canned latency reported in metrics; fixed so answers are deterministic. */
const LATENCY_MS = 1;

const converse: Handler = (input) => {
  const reply = cannedConverse(input);
  const content: unknown[] =
    reply.citations.length > 0
      ? [{ citationsContent: { content: [{ text: reply.text }], citations: reply.citations } }]
      : [{ text: reply.text }];
  if (reply.toolUse) content.push({ toolUse: reply.toolUse });
  return {
    output: { message: { role: 'assistant', content } },
    stopReason: reply.stopReason,
    usage: reply.usage,
    metrics: { latencyMs: LATENCY_MS },
    ...(reply.trace ? { trace: reply.trace } : {}),
    ...echoedSettings(input),
  };
};

/** Bedrock reports the service tier and latency mode a request ran on. */
function echoedSettings(input: EmulatorInput): Record<string, unknown> {
  return {
    ...(isRecord(input.serviceTier) ? { serviceTier: input.serviceTier } : {}),
    ...(isRecord(input.performanceConfig) ? { performanceConfig: input.performanceConfig } : {}),
  };
}

function wordsOf(text: string): string[] {
  return text.split(' ').map((word, i) => (i === 0 ? word : ` ${word}`));
}

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

const converseStream: Handler = (input) => {
  const reply = cannedConverse(input);
  return (async function* () {
    yield { messageStart: { role: 'assistant' } };
    // Words, as a model streams prose; JSON answers in pieces of a few characters, as models do.
    const pieces = reply.json ? chunks(reply.text, 7) : wordsOf(reply.text);
    for (const piece of pieces) {
      yield { contentBlockDelta: { contentBlockIndex: 0, delta: { text: piece } } };
    }
    for (const citation of reply.citations) {
      yield { contentBlockDelta: { contentBlockIndex: 0, delta: { citation } } };
    }
    yield { contentBlockStop: { contentBlockIndex: 0 } };
    if (reply.toolUse) {
      const { toolUseId, name } = reply.toolUse;
      yield {
        contentBlockStart: { contentBlockIndex: 1, start: { toolUse: { toolUseId, name } } },
      };
      // Bedrock sends tool input as partial JSON, the first delta often empty.
      for (const input of ['', ...chunks(JSON.stringify(reply.toolUse.input), 7)]) {
        yield { contentBlockDelta: { contentBlockIndex: 1, delta: { toolUse: { input } } } };
      }
      yield { contentBlockStop: { contentBlockIndex: 1 } };
    }
    yield { messageStop: { stopReason: reply.stopReason } };
    yield {
      metadata: {
        usage: reply.usage,
        metrics: { latencyMs: LATENCY_MS },
        ...(reply.trace ? { trace: reply.trace } : {}),
        ...echoedSettings(input),
      },
    };
  })();
};

function bodyText(input: EmulatorInput): string {
  const body = input.body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  return typeof body === 'string' ? body : '';
}

/** The prompt of a native model body, whichever family's field carries it. */
function promptOf(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (!isRecord(parsed)) return text;
    for (const key of ['prompt', 'inputText', 'input', 'text']) {
      const value = parsed[key];
      if (typeof value === 'string') return value;
    }
    return text;
  } catch {
    return text;
  }
}

/** Embedding models answer with vectors derived from the text; other models echo the body. */
const invokeModel: Handler = (input) => {
  if (isImageModel(typeof input.modelId === 'string' ? input.modelId : '')) {
    return { body: imageAnswer(input), contentType: 'application/json' };
  }
  const embedding = embeddingAnswer(input);
  if (embedding) return { body: embedding, contentType: 'application/json' };
  return {
    body: input.body instanceof Uint8Array ? input.body : new Uint8Array(),
    contentType: typeof input.contentType === 'string' ? input.contentType : 'application/json',
  };
};

const invokeModelWithResponseStream: Handler = (input) => {
  const text = bodyText(input);
  const words = cannedReply(promptOf(text)).split(' ');
  let echo: unknown;
  try {
    echo = JSON.parse(text);
  } catch {
    echo = text;
  }
  return {
    contentType: 'application/json',
    body: (async function* () {
      for (const [index, word] of words.entries()) {
        const outputText = index === 0 ? word : ` ${word}`;
        yield { chunk: { bytes: Buffer.from(JSON.stringify({ index, outputText })) } };
      }
      yield {
        chunk: { bytes: Buffer.from(JSON.stringify({ index: words.length, echo, stop: true })) },
      };
    })(),
  };
};

const countTokensHandler: Handler = (input) => {
  const request = isRecord(input.input) ? input.input : {};
  if (isRecord(request.converse))
    return { inputTokens: cannedConverse(request.converse).usage.inputTokens };
  const invoke = isRecord(request.invokeModel) ? request.invokeModel : {};
  return { inputTokens: countTokens(bodyText(invoke)) };
};

function jsonRoute(operation: string, path: string): RestRoute {
  return {
    operation,
    method: 'POST',
    path,
    request: { body: { kind: 'json' } },
    response: { body: { kind: 'json' } },
  };
}

const INVOKE_HEADERS = {
  contentType: 'Content-Type',
  trace: 'X-Amzn-Bedrock-Trace',
  guardrailIdentifier: 'X-Amzn-Bedrock-GuardrailIdentifier',
  guardrailVersion: 'X-Amzn-Bedrock-GuardrailVersion',
  performanceConfigLatency: 'X-Amzn-Bedrock-PerformanceConfig-Latency',
  serviceTier: 'X-Amzn-Bedrock-Service-Tier',
  requestMetadata: 'X-Amzn-Bedrock-Request-Metadata',
} as const;

/** Amazon Bedrock Runtime: restJson1 under `/model/{modelId}`, spoken over HTTP/2 by the SDK. */
export function createBedrockRuntimeService(store?: S3Store): ServiceDefinition {
  const asyncInvokes = asyncInvokeHandlers(store);
  return {
    name: 'bedrock-runtime',
    protocol: 'rest-json',
    signingName: 'bedrock',
    routes: [
      jsonRoute('Converse', '/model/{modelId}/converse'),
      {
        operation: 'ConverseStream',
        method: 'POST',
        path: '/model/{modelId}/converse-stream',
        request: { body: { kind: 'json' } },
        response: { body: { kind: 'event-stream', member: 'stream' } },
      },
      {
        operation: 'InvokeModel',
        method: 'POST',
        path: '/model/{modelId}/invoke',
        request: {
          headers: { ...INVOKE_HEADERS, accept: 'Accept' },
          body: { kind: 'payload', member: 'body' },
        },
        response: {
          headers: {
            contentType: 'Content-Type',
            performanceConfigLatency: 'X-Amzn-Bedrock-PerformanceConfig-Latency',
            serviceTier: 'X-Amzn-Bedrock-Service-Tier',
          },
          body: { kind: 'payload', member: 'body' },
        },
      },
      {
        operation: 'InvokeModelWithResponseStream',
        method: 'POST',
        path: '/model/{modelId}/invoke-with-response-stream',
        request: {
          headers: { ...INVOKE_HEADERS, accept: 'X-Amzn-Bedrock-Accept' },
          body: { kind: 'payload', member: 'body' },
        },
        response: {
          headers: {
            contentType: 'X-Amzn-Bedrock-Content-Type',
            performanceConfigLatency: 'X-Amzn-Bedrock-PerformanceConfig-Latency',
            serviceTier: 'X-Amzn-Bedrock-Service-Tier',
          },
          // `chunk.bytes` is a JSON member (base64), not the raw event payload.
          body: { kind: 'event-stream', member: 'body' },
        },
      },
      jsonRoute('CountTokens', '/model/{modelId}/count-tokens'),
      jsonRoute(
        'ApplyGuardrail',
        '/guardrail/{guardrailIdentifier}/version/{guardrailVersion}/apply',
      ),
      jsonRoute('InvokeGuardrailChecks', '/guardrail-checks/invoke'),
      jsonRoute('StartAsyncInvoke', '/async-invoke'),
      {
        operation: 'GetAsyncInvoke',
        method: 'GET',
        path: '/async-invoke/{invocationArn}',
        request: { body: { kind: 'none' } },
        response: { body: { kind: 'json' } },
      },
      {
        operation: 'ListAsyncInvokes',
        method: 'GET',
        path: '/async-invoke',
        request: {
          query: {
            submitTimeAfter: 'submitTimeAfter',
            submitTimeBefore: 'submitTimeBefore',
            statusEquals: 'statusEquals',
            maxResults: 'maxResults',
            nextToken: 'nextToken',
            sortBy: 'sortBy',
            sortOrder: 'sortOrder',
          },
          body: { kind: 'none' },
        },
        response: { body: { kind: 'json' } },
      },
    ],
    handlers: {
      Converse: converse,
      ConverseStream: converseStream,
      InvokeModel: invokeModel,
      InvokeModelWithResponseStream: invokeModelWithResponseStream,
      CountTokens: countTokensHandler,
      ApplyGuardrail: applyGuardrail,
      InvokeGuardrailChecks: invokeGuardrailChecks,
      ...asyncInvokes.handlers,
    },
    reset: asyncInvokes.clear,
    errors: {
      Converse: ['ValidationException'],
      ConverseStream: ['ValidationException'],
      InvokeModel: ['ValidationException'],
      InvokeModelWithResponseStream: ['ValidationException'],
      CountTokens: ['ValidationException'],
      ApplyGuardrail: ['ValidationException'],
      InvokeGuardrailChecks: ['ValidationException'],
      StartAsyncInvoke: ['ValidationException'],
      GetAsyncInvoke: ['ValidationException'],
      ListAsyncInvokes: [],
    },
    // InvokeModel's body is @length(max: 25,000,000); Converse requests are capped the same.
    maxRequestBody: bodyLimit(25_000_000 + MIB),
    throttle: { code: 'ThrottlingException', status: 429 },
    serverError: { code: 'InternalServerException', status: 500 },
    streamError: { code: 'ModelStreamErrorException', status: 424 },
    errorStatus: {
      AccessDeniedException: 403,
      ResourceNotFoundException: 404,
      ModelTimeoutException: 408,
      ModelErrorException: 424,
      ModelNotReadyException: 429,
      ServiceQuotaExceededException: 400,
      ServiceUnavailableException: 503,
    },
    blobKeys: ['bytes'],
    streamExceptionCase: 'camel',
  };
}
