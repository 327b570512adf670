import { EmulatorError } from '../emulator-error';
import { isRecord } from '../protocols/wire-json';
import type { Handler } from '../types';
import {
  AgentRuntimeState,
  type AgentScript,
  type FlowScript,
} from './bedrock-agent-runtime-agents';
import {
  buildKnowledgeBase,
  citationOf,
  type EmulatedKnowledgeBase,
  embed,
  generateAnswer,
  type KnowledgeBaseOptions,
  type KnowledgeDocumentInput,
  rank,
  search,
  tokenize,
  toResult,
} from './bedrock-agent-runtime-kb';
import { checkItems, checkLength, checkPattern, checkRange, missingMember } from './constraint';
import { bodyLimit, MIB, type RestRoute, type ServiceDefinition } from './definition';
import type { S3Store } from './s3-store';
import { splitS3Uri } from './s3-store';

/**
 * What `emu.knowledgeBase`, `emu.agent` and `emu.flow` set up: emulated knowledge bases (chunked,
 * ranked by BM25 and the emulator's embeddings), scripted agents and flows.
 */
export class AgentRuntimeEmulation {
  readonly knowledgeBases = new Map<string, EmulatedKnowledgeBase>();
  readonly scripts = new AgentRuntimeState((id, query) => {
    const kb = findKb(this, id);
    const ranked = search(kb, query, {}).slice(0, 5);
    const answer = generateAnswer(query, ranked);
    return {
      text: answer.text,
      citations: answer.parts.map(citationOf),
      references: ranked.map((r) => toResult(r, false)),
    };
  });
  #sessions = 0;

  /** A new RetrieveAndGenerate session id. */
  nextSessionId(): string {
    this.#sessions += 1;
    return `emulated-session-${String(this.#sessions).padStart(4, '0')}`;
  }

  knowledgeBase(
    id: string,
    documents: readonly KnowledgeDocumentInput[],
    options?: KnowledgeBaseOptions,
  ): void {
    this.knowledgeBases.set(id, buildKnowledgeBase(id, documents, options));
  }

  agent(id: string, script: AgentScript): void {
    this.scripts.agents.set(id, script);
  }

  flow(id: string, script: FlowScript): void {
    this.scripts.flows.set(id, script);
  }

  clear(): void {
    this.knowledgeBases.clear();
    this.scripts.clear();
    this.#sessions = 0;
  }
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

// AWS's request validation for the members of Bedrock Agent Runtime's model
// (reference/aws-models/bedrock-agent-runtime.json) that callers get wrong: lengths, ranges and
// patterns, answered as AWS does before the operation runs. A sensitive member's value is left out
// of the message, as AWS leaves it out. Patterns are matched whole (AWS validates with Java's
// `matches()`), so the model's `^(a)|(b)$` is written grouped here.

/** Model: SessionId, MemoryId, FlowExecutionId (2-100 of `[0-9a-zA-Z._:-]`). */
function checkSessionLike(member: string, value: unknown): void {
  checkLength(member, value, 2, 100);
  checkPattern(member, value, /^[0-9a-zA-Z._:-]+$/, '^[0-9a-zA-Z._:-]+$');
}

/** Model: AgentId, AgentAliasId, KnowledgeBaseId (at most 10 alphanumerics). */
function checkShortId(member: string, value: unknown): void {
  checkLength(member, value, 0, 10);
  checkPattern(member, value, /^[0-9a-zA-Z]+$/, '^[0-9a-zA-Z]+$');
}

const UUID = '[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}';
/** Model: SessionIdentifier. */
const SESSION_IDENTIFIER = new RegExp(
  `^(?:arn:aws(-[^:]+)?:bedrock:[a-z0-9-]+:[0-9]{12}:session/${UUID}|${UUID})$`,
);
/** Model: KnowledgeBaseIdentifier (its alternatives are anchored each). */
const KNOWLEDGE_BASE_IDENTIFIER =
  /^[0-9a-zA-Z]{10}$|^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:knowledge-base\/[0-9a-zA-Z]{10}$/;
/** Model: FlowIdentifier, FlowAliasIdentifier. */
const FLOW_IDENTIFIER =
  /^(?:arn:aws:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:flow\/[0-9a-zA-Z]{10}|[0-9a-zA-Z]{10})$/;
const FLOW_ALIAS_IDENTIFIER =
  /^(?:arn:aws:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:flow\/[0-9a-zA-Z]{10}\/alias\/[0-9a-zA-Z]{10}|[0-9a-zA-Z]+)$/;
/** Model: NodeName, NodeInputName, NodeOutputName. */
const NODE_NAME = /^[a-zA-Z]([_]?[0-9a-zA-Z]){0,99}$/;

/** Retrieve's members (model: RetrieveRequest). */
function checkRetrieveRequest(input: Record<string, unknown>): void {
  checkLength('knowledgeBaseId', input.knowledgeBaseId, 10, 2048);
  checkPattern(
    'knowledgeBaseId',
    input.knowledgeBaseId,
    KNOWLEDGE_BASE_IDENTIFIER,
    KNOWLEDGE_BASE_IDENTIFIER.source,
  );
  if (!isRecord(input.retrievalQuery)) throw missingMember('retrievalQuery');
  // KnowledgeBaseQueryTextString, max 20,000; the query is sensitive.
  checkLength('retrievalQuery.text', input.retrievalQuery.text, 0, 20_000, true);
}

/** RetrieveAndGenerate(Stream)'s members (model: RetrieveAndGenerateRequest). */
function checkRetrieveAndGenerateRequest(input: Record<string, unknown>): void {
  if (!isRecord(input.input) || input.input.text === undefined) throw missingMember('input');
  // RetrieveAndGenerateInputTextString, max 1,000; the input is sensitive.
  checkLength('input.text', input.input.text, 0, 1_000, true);
  checkSessionLike('sessionId', input.sessionId);
  const config = record(input.retrieveAndGenerateConfiguration);
  const prefix = 'retrieveAndGenerateConfiguration';
  if (config.type === 'KNOWLEDGE_BASE') {
    const kb = record(config.knowledgeBaseConfiguration);
    const at = `${prefix}.knowledgeBaseConfiguration`;
    if (kb.knowledgeBaseId === undefined) throw missingMember(`${at}.knowledgeBaseId`);
    if (kb.modelArn === undefined) throw missingMember(`${at}.modelArn`);
    checkShortId(`${at}.knowledgeBaseId`, kb.knowledgeBaseId);
  } else if (config.type === 'EXTERNAL_SOURCES') {
    const external = record(config.externalSourcesConfiguration);
    const at = `${prefix}.externalSourcesConfiguration`;
    if (external.modelArn === undefined) throw missingMember(`${at}.modelArn`);
    if (external.sources === undefined) throw missingMember(`${at}.sources`);
    checkItems(`${at}.sources`, external.sources, 1, 1);
  }
}

/** Rerank's members (model: RerankRequest). */
function checkRerankRequest(input: Record<string, unknown>): void {
  const config = record(record(input.rerankingConfiguration).bedrockRerankingConfiguration);
  checkRange(
    'rerankingConfiguration.bedrockRerankingConfiguration.numberOfResults',
    config.numberOfResults,
    1,
    1_000,
  );
  const queries = Array.isArray(input.queries) ? input.queries : [];
  queries.forEach((q, i) => {
    // RerankTextDocumentTextString, 1-32,000; sensitive.
    checkLength(
      `queries.${i + 1}.member.textQuery.text`,
      record(record(q).textQuery).text,
      1,
      32_000,
      true,
    );
  });
  const sources = Array.isArray(input.sources) ? input.sources : [];
  sources.forEach((source, i) => {
    const doc = record(record(source).inlineDocumentSource);
    if (doc.type === 'TEXT') {
      checkLength(
        `sources.${i + 1}.member.inlineDocumentSource.textDocument.text`,
        record(doc.textDocument).text,
        1,
        32_000,
        true,
      );
    }
  });
}

/** InvokeAgent's and InvokeInlineAgent's members (model: InvokeAgentRequest, InvokeInlineAgentRequest). */
function checkAgentRequest(input: Record<string, unknown>, inline: boolean): void {
  checkSessionLike('sessionId', input.sessionId);
  if (inline) {
    if (input.foundationModel === undefined) throw missingMember('foundationModel');
    if (input.instruction === undefined) throw missingMember('instruction');
    // Instruction, at least 40 characters; sensitive.
    checkLength('instruction', input.instruction, 40, Number.POSITIVE_INFINITY, true);
  } else {
    checkShortId('agentId', input.agentId);
    checkShortId('agentAliasId', input.agentAliasId);
    checkSessionLike('memoryId', input.memoryId);
  }
  // InputText, max 25,000,000; sensitive.
  checkLength('inputText', input.inputText, 0, 25_000_000, true);
  const stateKey = inline ? 'inlineSessionState' : 'sessionState';
  checkItems(
    `${stateKey}.returnControlInvocationResults`,
    record(input[stateKey]).returnControlInvocationResults,
    1,
    5,
  );
}

/** InvokeFlow's members (model: InvokeFlowRequest). */
function checkFlowRequest(input: Record<string, unknown>): void {
  checkPattern('flowIdentifier', input.flowIdentifier, FLOW_IDENTIFIER, FLOW_IDENTIFIER.source);
  checkPattern(
    'flowAliasIdentifier',
    input.flowAliasIdentifier,
    FLOW_ALIAS_IDENTIFIER,
    FLOW_ALIAS_IDENTIFIER.source,
  );
  if (input.inputs === undefined) throw missingMember('inputs');
  // FlowInputs: exactly one.
  checkItems('inputs', input.inputs, 1, 1);
  const first = record((input.inputs as unknown[])[0]);
  if (first.nodeName === undefined) throw missingMember('inputs.1.member.nodeName');
  for (const key of ['nodeName', 'nodeInputName', 'nodeOutputName']) {
    checkPattern(`inputs.1.member.${key}`, first[key], NODE_NAME, NODE_NAME.source);
  }
  checkSessionLike('executionId', input.executionId);
}

/** GetAgentMemory's and DeleteAgentMemory's members (model: GetAgentMemoryRequest, DeleteAgentMemoryRequest). */
function checkMemoryRequest(input: Record<string, unknown>): void {
  checkShortId('agentId', input.agentId);
  checkShortId('agentAliasId', input.agentAliasId);
  checkSessionLike('memoryId', input.memoryId);
  checkSessionLike('sessionId', input.sessionId);
  // MaxResults, 1-1,000.
  checkRange('maxItems', input.maxItems, 1, 1_000);
}

/** The 10-character id of a knowledge base id or ARN. */
function kbId(value: unknown): string {
  const text = String(value ?? '');
  return text.slice(text.lastIndexOf('/') + 1);
}

function findKb(data: AgentRuntimeEmulation, value: unknown): EmulatedKnowledgeBase {
  const id = kbId(value);
  const kb = data.knowledgeBases.get(id);
  if (!kb) {
    throw new EmulatorError(
      'ResourceNotFoundException',
      `Knowledge base ${id} does not exist (load one with emu.knowledgeBase('${id}', documents))`,
    );
  }
  return kb;
}

interface Retrieval {
  numberOfResults: number;
  filter: unknown;
  searchType: string | undefined;
  reranked: number | undefined;
}

function retrievalOf(config: unknown): Retrieval {
  const vector = record(record(config).vectorSearchConfiguration);
  const rerank = record(record(vector.rerankingConfiguration).bedrockRerankingConfiguration);
  const n = vector.numberOfResults;
  if (n !== undefined && (typeof n !== 'number' || n < 1 || n > 100)) {
    throw new EmulatorError(
      'ValidationException',
      "1 validation error detected: Value at 'retrievalConfiguration.vectorSearchConfiguration.numberOfResults' failed to satisfy constraint: Member must have value between 1 and 100",
    );
  }
  return {
    numberOfResults: typeof n === 'number' ? n : 5,
    filter: vector.filter,
    searchType:
      typeof vector.overrideSearchType === 'string' ? vector.overrideSearchType : undefined,
    reranked:
      typeof rerank.numberOfRerankedResults === 'number'
        ? rerank.numberOfRerankedResults
        : undefined,
  };
}

function ranked(kb: EmulatedKnowledgeBase, query: string, retrieval: Retrieval) {
  const all = search(kb, query, retrieval).slice(0, retrieval.numberOfResults);
  return retrieval.reranked === undefined ? all : all.slice(0, retrieval.reranked);
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeToken(token: unknown): number {
  if (token === undefined) return 0;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8'));
    const offset = record(parsed).offset;
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through
  }
  throw new EmulatorError('ValidationException', 'The provided nextToken is not valid');
}

/** The knowledge base a RetrieveAndGenerate request asks: its own, or one made of its sources. */
function ragSource(data: AgentRuntimeEmulation, store: S3Store, input: Record<string, unknown>) {
  const config = record(input.retrieveAndGenerateConfiguration);
  if (config.type === 'EXTERNAL_SOURCES') {
    const external = record(config.externalSourcesConfiguration);
    const sources = Array.isArray(external.sources) ? external.sources : [];
    const docs: KnowledgeDocumentInput[] = sources.map((s, i) => {
      const source = record(s);
      if (source.sourceType === 'S3') {
        const uri = String(record(source.s3Location).uri ?? '');
        const { bucket, key } = splitS3Uri(uri);
        const object = store.get(bucket, key);
        if (!object) {
          throw new EmulatorError('ResourceNotFoundException', `S3 object ${uri} does not exist`);
        }
        return { id: `source-${i + 1}`, uri, text: Buffer.from(object.body).toString('utf8') };
      }
      const bytes = record(source.byteContent);
      const raw = bytes.data;
      const text =
        raw instanceof Uint8Array ? Buffer.from(raw).toString('utf8') : String(raw ?? '');
      return {
        id: String(bytes.identifier ?? `source-${i + 1}`),
        text,
        uri: String(bytes.identifier ?? `source-${i + 1}`),
      };
    });
    return { kb: buildKnowledgeBase('EXTERNAL', docs), retrieval: retrievalOf(undefined) };
  }
  if (config.type !== 'KNOWLEDGE_BASE') {
    throw new EmulatorError(
      'ValidationException',
      'retrieveAndGenerateConfiguration.type must be KNOWLEDGE_BASE or EXTERNAL_SOURCES',
    );
  }
  const kbConfig = record(config.knowledgeBaseConfiguration);
  return {
    kb: findKb(data, kbConfig.knowledgeBaseId),
    retrieval: retrievalOf(kbConfig.retrievalConfiguration),
  };
}

function question(input: Record<string, unknown>): string {
  return String(record(input.input).text ?? '');
}

function jsonRoute(operation: string, method: string, path: string, status?: number): RestRoute {
  return {
    operation,
    method,
    path,
    ...(status === undefined ? {} : { status }),
    request: { body: { kind: 'json' } },
    response: { body: { kind: 'json' } },
  };
}

const AGENT_RESPONSE_HEADERS = {
  contentType: 'x-amzn-bedrock-agent-content-type',
  sessionId: 'x-amz-bedrock-agent-session-id',
  memoryId: 'x-amz-bedrock-agent-memory-id',
} as const;

/**
 * Amazon Bedrock Agent Runtime: restJson1 with event-stream answers, spoken over HTTP/2 by the SDK
 * (NodeHttp2Handler). Knowledge bases, agents and flows are set up with `emu.knowledgeBase`,
 * `emu.agent` and `emu.flow`.
 */
export function createBedrockAgentRuntimeService(
  data: AgentRuntimeEmulation,
  store: S3Store,
): ServiceDefinition {
  const retrieve: Handler = (input) => {
    checkRetrieveRequest(input);
    const kb = findKb(data, input.knowledgeBaseId);
    const query = String(record(input.retrievalQuery).text ?? '');
    const retrieval = retrievalOf(input.retrievalConfiguration);
    const results = ranked(kb, query, retrieval);
    const offset = decodeToken(input.nextToken);
    const page = results.slice(offset, offset + kb.pageSize);
    const next = offset + kb.pageSize;
    return {
      retrievalResults: page.map((r) => toResult(r, true)),
      ...(next < results.length ? { nextToken: encodeToken(next) } : {}),
    };
  };

  const retrieveAndGenerate: Handler = (input) => {
    checkRetrieveAndGenerateRequest(input);
    const { kb, retrieval } = ragSource(data, store, input);
    const answer = generateAnswer(question(input), ranked(kb, question(input), retrieval));
    return {
      output: { text: answer.text },
      citations: answer.parts.map(citationOf),
      sessionId: typeof input.sessionId === 'string' ? input.sessionId : data.nextSessionId(),
      guardrailAction: 'NONE',
    };
  };

  const retrieveAndGenerateStream: Handler = (input) => {
    checkRetrieveAndGenerateRequest(input);
    const { kb, retrieval } = ragSource(data, store, input);
    const answer = generateAnswer(question(input), ranked(kb, question(input), retrieval));
    const sessionId = typeof input.sessionId === 'string' ? input.sessionId : data.nextSessionId();
    const events = (async function* () {
      // Text in pieces; each cited sentence's citation right after the sentence's last piece.
      let cursor = 0;
      const chars = [...answer.text];
      for (const part of answer.parts) {
        const partEnd = part.end + 1;
        for (const piece of (
          chars
            .slice(cursor, partEnd)
            .join('')
            .match(/\S*\s*/g) ?? []
        ).filter((p) => p !== '')) {
          yield { output: { text: piece } };
        }
        cursor = partEnd;
        const citation = citationOf(part);
        yield { citation: { citation, ...citation } };
      }
      const rest = chars.slice(cursor).join('');
      if (rest) yield { output: { text: rest } };
    })();
    return { sessionId, stream: events };
  };

  const rerank: Handler = (input) => {
    checkRerankRequest(input);
    const queries = Array.isArray(input.queries) ? input.queries : [];
    const sources = Array.isArray(input.sources) ? input.sources : [];
    if (queries.length !== 1) {
      throw new EmulatorError('ValidationException', 'queries must hold exactly 1 query');
    }
    if (sources.length < 1 || sources.length > 1000) {
      throw new EmulatorError(
        'ValidationException',
        "1 validation error detected: Value at 'sources' failed to satisfy constraint: Member must have length less than or equal to 1000",
      );
    }
    const query = String(record(record(queries[0]).textQuery).text ?? '');
    const texts = sources.map((s) => {
      const doc = record(record(s).inlineDocumentSource);
      return doc.type === 'JSON'
        ? JSON.stringify(doc.jsonDocument)
        : String(record(doc.textDocument).text ?? '');
    });
    const items = texts.map((t) => {
      const terms = tokenize(t);
      return { terms, vector: embed(terms) };
    });
    const scores = rank(query, items, 'HYBRID');
    const config = record(record(input.rerankingConfiguration).bedrockRerankingConfiguration);
    const n = typeof config.numberOfResults === 'number' ? config.numberOfResults : texts.length;
    const results = scores
      .map((relevanceScore, index) => ({ index, relevanceScore }))
      .sort((a, b) => b.relevanceScore - a.relevanceScore || a.index - b.index)
      .slice(0, n);
    return { results };
  };

  const invokeAgent: Handler = (input) => {
    checkAgentRequest(input, false);
    const sessionId = String(input.sessionId);
    return {
      contentType: 'application/json',
      sessionId,
      ...(typeof input.memoryId === 'string' ? { memoryId: input.memoryId } : {}),
      completion: data.scripts.invoke(String(input.agentId), String(input.agentAliasId), input),
    };
  };

  const invokeInlineAgent: Handler = (input) => {
    checkAgentRequest(input, true);
    const name = typeof input.agentName === 'string' ? input.agentName : undefined;
    const id = name && data.scripts.agents.has(name) ? name : 'inline';
    return {
      contentType: 'application/json',
      sessionId: String(input.sessionId),
      completion: data.scripts.invoke(id, 'INLINE', input),
    };
  };

  const invokeFlow: Handler = (input) => {
    checkFlowRequest(input);
    return data.scripts.flow(String(input.flowIdentifier), input);
  };

  const getAgentMemory: Handler = (input) => {
    checkMemoryRequest(input);
    const max = input.maxItems === undefined ? 1000 : Number(input.maxItems);
    return data.scripts.memory(
      String(input.agentId),
      String(input.agentAliasId),
      String(input.memoryId),
      max,
      typeof input.nextToken === 'string' ? input.nextToken : undefined,
    );
  };

  const deleteAgentMemory: Handler = (input) => {
    checkMemoryRequest(input);
    data.scripts.deleteMemory(
      String(input.agentId),
      String(input.agentAliasId),
      typeof input.memoryId === 'string' ? input.memoryId : undefined,
      typeof input.sessionId === 'string' ? input.sessionId : undefined,
    );
    return {};
  };

  const endSession: Handler = (input) => {
    checkPattern(
      'sessionIdentifier',
      input.sessionIdentifier,
      SESSION_IDENTIFIER,
      SESSION_IDENTIFIER.source,
    );
    const id = String(input.sessionIdentifier);
    const sessionId = id.slice(id.lastIndexOf('/') + 1);
    return {
      sessionId,
      sessionArn: `arn:aws:bedrock:us-east-1:000000000000:session/${sessionId}`,
      sessionStatus: 'ENDED',
    };
  };

  return {
    name: 'bedrock-agent-runtime',
    protocol: 'rest-json',
    signingName: 'bedrock',
    routes: [
      jsonRoute('Retrieve', 'POST', '/knowledgebases/{knowledgeBaseId}/retrieve'),
      jsonRoute('RetrieveAndGenerate', 'POST', '/retrieveAndGenerate'),
      {
        operation: 'RetrieveAndGenerateStream',
        method: 'POST',
        path: '/retrieveAndGenerateStream',
        request: { body: { kind: 'json' } },
        response: {
          headers: { sessionId: 'x-amzn-bedrock-knowledge-base-session-id' },
          body: { kind: 'event-stream', member: 'stream' },
        },
      },
      jsonRoute('Rerank', 'POST', '/rerank'),
      {
        operation: 'InvokeAgent',
        method: 'POST',
        path: '/agents/{agentId}/agentAliases/{agentAliasId}/sessions/{sessionId}/text',
        request: { headers: { sourceArn: 'x-amz-source-arn' }, body: { kind: 'json' } },
        response: {
          headers: AGENT_RESPONSE_HEADERS,
          body: { kind: 'event-stream', member: 'completion' },
        },
      },
      {
        operation: 'InvokeInlineAgent',
        method: 'POST',
        path: '/agents/{sessionId}',
        request: { body: { kind: 'json' } },
        response: {
          headers: {
            contentType: AGENT_RESPONSE_HEADERS.contentType,
            sessionId: AGENT_RESPONSE_HEADERS.sessionId,
          },
          body: { kind: 'event-stream', member: 'completion' },
        },
      },
      {
        operation: 'InvokeFlow',
        method: 'POST',
        path: '/flows/{flowIdentifier}/aliases/{flowAliasIdentifier}',
        request: { body: { kind: 'json' } },
        response: {
          headers: { executionId: 'x-amz-bedrock-flow-execution-id' },
          body: { kind: 'event-stream', member: 'responseStream' },
        },
      },
      {
        operation: 'GetAgentMemory',
        method: 'GET',
        path: '/agents/{agentId}/agentAliases/{agentAliasId}/memories',
        request: {
          query: {
            maxItems: 'maxItems',
            memoryId: 'memoryId',
            memoryType: 'memoryType',
            nextToken: 'nextToken',
          },
          body: { kind: 'none' },
        },
        response: { body: { kind: 'json' } },
      },
      {
        operation: 'DeleteAgentMemory',
        method: 'DELETE',
        path: '/agents/{agentId}/agentAliases/{agentAliasId}/memories',
        status: 202,
        request: {
          query: { memoryId: 'memoryId', sessionId: 'sessionId' },
          body: { kind: 'none' },
        },
        response: { body: { kind: 'json' } },
      },
      jsonRoute('EndSession', 'PATCH', '/sessions/{sessionIdentifier}'),
    ],
    handlers: {
      Retrieve: retrieve,
      RetrieveAndGenerate: retrieveAndGenerate,
      RetrieveAndGenerateStream: retrieveAndGenerateStream,
      Rerank: rerank,
      InvokeAgent: invokeAgent,
      InvokeInlineAgent: invokeInlineAgent,
      InvokeFlow: invokeFlow,
      GetAgentMemory: getAgentMemory,
      DeleteAgentMemory: deleteAgentMemory,
      EndSession: endSession,
    },
    errors: {
      Retrieve: ['ResourceNotFoundException', 'ValidationException'],
      RetrieveAndGenerate: ['ResourceNotFoundException', 'ValidationException'],
      RetrieveAndGenerateStream: ['ResourceNotFoundException', 'ValidationException'],
      Rerank: ['ValidationException'],
      InvokeAgent: ['ValidationException'],
      InvokeInlineAgent: ['ValidationException'],
      InvokeFlow: ['ResourceNotFoundException', 'ValidationException'],
      GetAgentMemory: ['ValidationException'],
      DeleteAgentMemory: ['ValidationException'],
      EndSession: ['ValidationException'],
    },
    // InvokeAgent's inputText is @length(max: 25,000,000); inline documents are 10 MiB (base64).
    maxRequestBody: bodyLimit(25_000_000 + MIB),
    throttle: { code: 'ThrottlingException', status: 429 },
    serverError: { code: 'InternalServerException', status: 500 },
    streamError: { code: 'InternalServerException', status: 500 },
    errorStatus: {
      AccessDeniedException: 403,
      ResourceNotFoundException: 404,
      ConflictException: 409,
      DependencyFailedException: 424,
      ModelNotReadyException: 424,
      BadGatewayException: 502,
      ServiceQuotaExceededException: 400,
    },
    blobKeys: ['data', 'inlineContent'],
    streamExceptionCase: 'camel',
  };
}
