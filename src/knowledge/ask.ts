import type {
  ExternalSource,
  RetrieveAndGenerateCommandInput,
  RetrieveAndGenerateStreamResponseOutput,
} from '@aws-sdk/client-bedrock-agent-runtime';
import type { RequestOptions } from '../config';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { resolveBinary } from '../core/inputs';
import { abortErrorFrom } from '../core/internal/abort';
import { IdleTimeout, within } from '../core/internal/idle';
import { type Deferred, midStreamError } from '../core/result-stream';
import { type KnowledgeCitation, toCitation } from '../core/retrieval';
import { ValidationError } from '../errors';
import { AGENT_RUNTIME } from './agent-runtime';
import { checkModel, generationConfiguration, retrievalConfiguration } from './checks';
import {
  EXTERNAL_S3_URI,
  KNOWLEDGE_BASE_ID,
  MAX_ASK_QUESTION_CHARS,
  MAX_EXTERNAL_DOCUMENT_BYTES,
  MAX_EXTERNAL_IDENTIFIER_CHARS,
  MAX_EXTERNAL_S3_URI_CHARS,
  MAX_EXTERNAL_SOURCES,
  SESSION_ID,
} from './limits';
import { checkKnowledgeBaseId, checkQuery } from './retrieve';
import type { AskOptions, AskParams, AskResult, AskStreamEvent, ExternalDocument } from './types';

const STREAM_SITE = {
  service: 'bedrock-agent-runtime',
  operation: 'RetrieveAndGenerateStream',
} as const;

/** The options of a knowledge base's retrieval, which `sources` do not take. */
const RETRIEVAL_OPTIONS = ['topK', 'filter', 'searchType', 'rerank', 'implicitFilter'] as const;

function baseName(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? path;
  return name.slice(0, MAX_EXTERNAL_IDENTIFIER_CHARS) || 'document';
}

async function externalSource(doc: ExternalDocument, label: string): Promise<ExternalSource> {
  if (typeof doc !== 'object' || doc === null || !('document' in doc)) {
    throw new ValidationError(`${label} must be { document, contentType?, name? }`);
  }
  const resolved = await resolveBinary(doc.document, {
    maxBytes: MAX_EXTERNAL_DOCUMENT_BYTES,
    label: `${label}.document`,
  });
  if (resolved.kind === 's3') {
    const uri = `s3://${resolved.bucket}/${resolved.key}`;
    if (!EXTERNAL_S3_URI.test(uri)) {
      throw new ValidationError(`${label}.document is not an S3 URI AWS accepts (s3://bucket/key)`);
    }
    if (uri.length > MAX_EXTERNAL_S3_URI_CHARS) {
      throw new ValidationError(
        `${label}.document is an S3 URI of ${uri.length} characters; AWS takes at most ${MAX_EXTERNAL_S3_URI_CHARS.toLocaleString('en-US')}`,
      );
    }
    return { sourceType: 'S3', s3Location: { uri } };
  }
  const isPdf = resolved.format === 'pdf';
  const contentType = doc.contentType ?? (isPdf ? 'application/pdf' : 'text/plain');
  if (!/^[a-z]{1,20}\/.{1,20}$/.test(contentType)) {
    throw new ValidationError(`${label}.contentType must be a MIME type such as text/plain`);
  }
  const name = doc.name ?? (typeof doc.document === 'string' ? baseName(doc.document) : 'document');
  if (name.length < 1 || name.length > MAX_EXTERNAL_IDENTIFIER_CHARS) {
    throw new ValidationError(
      `${label}.name must be 1-${MAX_EXTERNAL_IDENTIFIER_CHARS} characters`,
    );
  }
  return {
    sourceType: 'BYTE_CONTENT',
    byteContent: { identifier: name, contentType, data: resolved.bytes },
  };
}

/**
 * The RetrieveAndGenerate request for `question`, every parameter checked first (bytes of inline
 * documents read here).
 * @internal
 */
export async function buildAskRequest(
  question: string,
  params: AskParams,
): Promise<RetrieveAndGenerateCommandInput> {
  checkQuery(question, MAX_ASK_QUESTION_CHARS, 'question');
  if (typeof params !== 'object' || params === null) {
    throw new ValidationError('ask needs options: { knowledgeBaseId | sources, model }');
  }
  const modelArn = checkModel(params.model);
  if (
    params.sessionId !== undefined &&
    (typeof params.sessionId !== 'string' || !SESSION_ID.test(params.sessionId))
  ) {
    throw new ValidationError(
      'sessionId must be 2-100 characters of letters, digits and . _ : - (pass back the sessionId of a previous answer)',
    );
  }
  const generation = generationConfiguration(params);
  const common = {
    input: { text: question },
    ...(params.sessionId ? { sessionId: params.sessionId } : {}),
  };
  const hasKb = params.knowledgeBaseId !== undefined;
  const hasSources = params.sources !== undefined;
  if (hasKb === hasSources) {
    throw new ValidationError(
      'pass exactly one of knowledgeBaseId (ask a knowledge base) or sources (ask documents you pass)',
    );
  }
  if (params.knowledgeBaseId !== undefined) {
    const knowledgeBaseId = checkKnowledgeBaseId(params.knowledgeBaseId, KNOWLEDGE_BASE_ID);
    const retrieval = retrievalConfiguration(params);
    return {
      ...common,
      retrieveAndGenerateConfiguration: {
        type: 'KNOWLEDGE_BASE',
        knowledgeBaseConfiguration: {
          knowledgeBaseId,
          modelArn,
          ...(retrieval ? { retrievalConfiguration: retrieval } : {}),
          ...(generation ? { generationConfiguration: generation } : {}),
        },
      },
    };
  }
  // Retrieval settings configure a knowledge base's search; AWS's EXTERNAL_SOURCES has none, so
  // they would be dropped unchecked (a filter that silently does not filter).
  const retrievalSet = RETRIEVAL_OPTIONS.filter(
    (key) => (params as Record<string, unknown>)[key] !== undefined,
  );
  if (retrievalSet.length > 0) {
    throw new ValidationError(
      `${retrievalSet.join(', ')} ${retrievalSet.length === 1 ? 'applies' : 'apply'} to a knowledge base search, not to sources: pass knowledgeBaseId, or leave ${retrievalSet.length === 1 ? 'it' : 'them'} out`,
    );
  }
  const docs = Array.isArray(params.sources) ? params.sources : [params.sources];
  if (docs.length < 1 || docs.length > MAX_EXTERNAL_SOURCES) {
    throw new ValidationError(
      `sources holds ${docs.length} documents; RetrieveAndGenerate takes exactly ${MAX_EXTERNAL_SOURCES} external source per call: ask once per document, or load them into a knowledge base`,
    );
  }
  const sources = await Promise.all(docs.map((d, i) => externalSource(d, `sources[${i}]`)));
  return {
    ...common,
    retrieveAndGenerateConfiguration: {
      type: 'EXTERNAL_SOURCES',
      externalSourcesConfiguration: {
        modelArn,
        sources,
        ...(generation
          ? {
              generationConfiguration: {
                ...(generation.promptTemplate ? { promptTemplate: generation.promptTemplate } : {}),
                ...(generation.guardrailConfiguration
                  ? { guardrailConfiguration: generation.guardrailConfiguration }
                  : {}),
                ...(generation.inferenceConfig
                  ? { inferenceConfig: generation.inferenceConfig }
                  : {}),
              },
            }
          : {}),
      },
    },
  };
}

function requestOptions(options: AskOptions): RequestOptions {
  const { signal, timeoutMs, retry } = options;
  return { ...options, signal, timeoutMs, retry };
}

/** RetrieveAndGenerate: one answer with citations whose spans point into it. @internal */
export async function ask(
  ctx: ModuleContext,
  question: string,
  options: AskOptions,
): Promise<AskResult> {
  const request = await buildAskRequest(question, options);
  const out = await callAws(
    ctx,
    AGENT_RUNTIME,
    'RetrieveAndGenerate',
    ({ client, sdk, signal }) =>
      client.send(new sdk.RetrieveAndGenerateCommand(request), { abortSignal: signal }),
    requestOptions(options),
  );
  const text = out.output?.text ?? '';
  return {
    text,
    citations: (out.citations ?? []).map((c) => toCitation(text, c)),
    sessionId: out.sessionId ?? '',
    guardrailAction: out.guardrailAction,
    requestId: out.$metadata.requestId,
  };
}

/**
 * The events of a RetrieveAndGenerateStream, loaded on first read. Every wait (for the response,
 * for each event) is bounded by `idleMs`; an exception event or a dropped connection ends the
 * stream with a {@link StreamError}. Resolves `final` with the answer. @internal
 */
export async function* askEvents(
  ctx: ModuleContext,
  question: string,
  options: AskOptions,
  idleMs: number,
  final: Deferred<AskResult>,
  signal: AbortSignal,
): AsyncGenerator<AskStreamEvent> {
  const request = await buildAskRequest(question, options);
  // A stream cut while the code loaded or the document was read sends nothing: a listener added
  // to a signal that already fired never runs, so the request would go out after the stream
  // settled.
  if (signal.aborted) throw abortErrorFrom(signal.reason);
  const attempt = new AbortController();
  const stop = (): void => attempt.abort(signal.reason);
  signal.addEventListener('abort', stop, { once: true });
  let text = '';
  const citations: KnowledgeCitation[] = [];
  const raw: Parameters<typeof toCitation>[1][] = [];
  let guardrailAction: string | undefined;
  try {
    const out = await within(
      callAws(
        ctx,
        AGENT_RUNTIME,
        'RetrieveAndGenerateStream',
        ({ client, sdk, signal: s }) =>
          client.send(new sdk.RetrieveAndGenerateStreamCommand(request), { abortSignal: s }),
        { ...requestOptions(options), signal: attempt.signal },
      ),
      idleMs,
      () => attempt.abort(),
    );
    const events: AsyncIterator<RetrieveAndGenerateStreamResponseOutput> | undefined =
      out.stream?.[Symbol.asyncIterator]();
    while (events) {
      let next: IteratorResult<RetrieveAndGenerateStreamResponseOutput>;
      try {
        next = await within(events.next(), idleMs, () => attempt.abort());
      } catch (err) {
        if (signal.aborted) throw abortErrorFrom(signal.reason);
        throw midStreamError(err, STREAM_SITE);
      }
      if (next.done) break;
      const event = next.value;
      if (event.output?.text) {
        text += event.output.text;
        yield { type: 'text-delta', text: event.output.text };
      } else if (event.citation) {
        const c = {
          generatedResponsePart: event.citation.generatedResponsePart,
          retrievedReferences: event.citation.retrievedReferences,
        };
        raw.push(c);
        const citation = toCitation(text, c);
        citations.push(citation);
        yield { type: 'citation', citation };
      } else if (event.guardrail?.action) {
        guardrailAction = event.guardrail.action;
        yield { type: 'guardrail', action: event.guardrail.action };
      }
    }
    // A cancelled request ends the SDK's event iterator without an error: name the cause.
    if (signal.aborted) throw abortErrorFrom(signal.reason);
    final.resolve({
      text,
      // Spans are resolved again against the whole answer: a citation may precede its text.
      citations: raw.map((c) => toCitation(text, c)),
      sessionId: out.sessionId ?? '',
      guardrailAction,
      requestId: out.$metadata.requestId,
    });
  } catch (err) {
    if (signal.aborted) throw abortErrorFrom(signal.reason);
    throw err instanceof IdleTimeout ? midStreamError(err, STREAM_SITE) : err;
  } finally {
    signal.removeEventListener('abort', stop);
    attempt.abort();
  }
}
