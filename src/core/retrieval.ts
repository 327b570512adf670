/**
 * What Bedrock Agent Runtime retrieves and cites, shared by the knowledge and agents modules
 * (a module never imports another): typed source locations, retrieved references, citations with
 * spans into the answer, and the SDK client settings for long agent, flow and RAG calls.
 *
 * @packageDocumentation
 */

import type {
  RetrievalResultLocation,
  RetrievedReference,
  Citation as SdkCitation,
} from '@aws-sdk/client-bedrock-agent-runtime';
import type { SdkClientConfig } from './client-cache';

/** Where a retrieved chunk comes from, typed by kind. */
export type KnowledgeLocation =
  | { kind: 's3'; uri: string }
  | { kind: 'web'; url: string }
  | { kind: 'confluence'; url: string }
  | { kind: 'sharepoint'; url: string }
  | { kind: 'salesforce'; url: string }
  | { kind: 'onedrive'; url: string }
  | { kind: 'googledrive'; url: string }
  | { kind: 'kendra'; uri: string }
  | { kind: 'sql'; query: string }
  | { kind: 'custom'; id: string }
  /** A location type this version does not know; `raw` is AWS's object. */
  | { kind: 'other'; type: string; raw: unknown };

/** A metadata value of a chunk (a JSON document in AWS's model). */
export type KnowledgeMetadataValue = string | number | boolean | string[] | null;

/** A chunk a knowledge base returned. */
export interface RetrievedChunk {
  /** The chunk's text (or the transcription / summary of an audio or video segment). */
  text: string;
  /** Relevance score from the knowledge base (higher is more relevant); undefined in citations. */
  score: number | undefined;
  /** Where the chunk comes from; undefined when AWS sent none. */
  location: KnowledgeLocation | undefined;
  /** The chunk's metadata attributes (`x-amz-bedrock-kb-source-uri` and your own). */
  metadata: Record<string, KnowledgeMetadataValue>;
  /** Content type: TEXT, IMAGE, ROW, AUDIO, VIDEO. */
  contentType: string | undefined;
  /** AWS's id of the document the chunk belongs to, when sent. */
  documentId: string | undefined;
}

/**
 * A cited span of an answer: `text.slice(start, end)` (UTF-16 offsets into the answer's `text`) is
 * the part of the answer that `references` support.
 */
export interface KnowledgeCitation {
  /** Offset of the first cited character in the answer (UTF-16). */
  start: number;
  /** Offset just past the last cited character (exclusive, UTF-16). */
  end: number;
  /** The cited part of the answer, as AWS sent it. */
  text: string;
  /** The chunks that support it. */
  references: RetrievedChunk[];
}

const URL_KINDS = {
  webLocation: 'web',
  confluenceLocation: 'confluence',
  sharePointLocation: 'sharepoint',
  salesforceLocation: 'salesforce',
  oneDriveLocation: 'onedrive',
  googleDriveLocation: 'googledrive',
} as const;

/** AWS's RetrievalResultLocation as a {@link KnowledgeLocation}. @internal */
export function toLocation(
  location: RetrievalResultLocation | undefined,
): KnowledgeLocation | undefined {
  if (!location) return undefined;
  if (location.s3Location?.uri !== undefined) return { kind: 's3', uri: location.s3Location.uri };
  for (const [member, kind] of Object.entries(URL_KINDS)) {
    const url = (location as unknown as Record<string, { url?: string } | undefined>)[member]?.url;
    if (url !== undefined) return { kind, url } as KnowledgeLocation;
  }
  if (location.kendraDocumentLocation?.uri !== undefined) {
    return { kind: 'kendra', uri: location.kendraDocumentLocation.uri };
  }
  if (location.sqlLocation?.query !== undefined) {
    return { kind: 'sql', query: location.sqlLocation.query };
  }
  if (location.customDocumentLocation?.id !== undefined) {
    return { kind: 'custom', id: location.customDocumentLocation.id };
  }
  return { kind: 'other', type: String(location.type ?? 'UNKNOWN'), raw: location };
}

function toMetadataValue(value: unknown): KnowledgeMetadataValue {
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  ) {
    return value;
  }
  if (Array.isArray(value)) return value.map(String);
  return JSON.stringify(value);
}

/** A retrieval result or retrieved reference as a {@link RetrievedChunk}. @internal */
export function toChunk(
  result: RetrievedReference & { score?: number | undefined },
): RetrievedChunk {
  const content = result.content;
  const text =
    content?.text ??
    content?.audio?.transcription ??
    content?.video?.summary ??
    content?.row?.map((c) => `${c.columnName}: ${c.columnValue}`).join('\n') ??
    content?.byteContent ??
    '';
  const metadata: Record<string, KnowledgeMetadataValue> = {};
  for (const [key, value] of Object.entries(result.metadata ?? {})) {
    metadata[key] = toMetadataValue(value);
  }
  return {
    text,
    score: result.score,
    location: toLocation(result.location),
    metadata,
    contentType: content?.type,
    documentId: (result as { documentId?: string }).documentId,
  };
}

/** The UTF-16 offset of the code point at index `codePoints` of `text`. */
function codePointToUtf16(text: string, codePoints: number): number {
  let offset = 0;
  let seen = 0;
  while (seen < codePoints && offset < text.length) {
    const code = text.codePointAt(offset) ?? 0;
    offset += code > 0xffff ? 2 : 1;
    seen += 1;
  }
  return offset;
}

/**
 * Where `part` sits in `answer`, as UTF-16 `[start, end)`. AWS sends a span whose convention is not
 * pinned down by its docs (end inclusive or exclusive, code points or UTF-16 units), so the span is
 * only a hint: the span read as exclusive UTF-16, as inclusive, or as code points is taken when it
 * matches the cited text exactly, else the occurrence of the text nearest the hint, else the span
 * clamped to the answer. @internal
 */
export function locateSpan(
  answer: string,
  part: string,
  span: { start?: number | undefined; end?: number | undefined } | undefined,
): { start: number; end: number } {
  const s = Math.max(0, span?.start ?? 0);
  const e = Math.max(s, span?.end ?? s + part.length);
  const candidates: Array<[number, number]> = [
    [s, e],
    [s, e + 1],
    [codePointToUtf16(answer, s), codePointToUtf16(answer, e)],
    [codePointToUtf16(answer, s), codePointToUtf16(answer, e + 1)],
  ];
  if (part) {
    for (const [start, end] of candidates) {
      if (answer.slice(start, end) === part) return { start, end };
    }
    let best = -1;
    for (let at = answer.indexOf(part); at !== -1; at = answer.indexOf(part, at + 1)) {
      if (best === -1 || Math.abs(at - s) < Math.abs(best - s)) best = at;
    }
    if (best !== -1) return { start: best, end: best + part.length };
  }
  const start = Math.min(s, answer.length);
  return { start, end: Math.min(Math.max(e, start), answer.length) };
}

/** AWS's Citation as a {@link KnowledgeCitation} with a span into `answer`. @internal */
export function toCitation(answer: string, citation: SdkCitation): KnowledgeCitation {
  const part = citation.generatedResponsePart?.textResponsePart;
  const text = part?.text ?? '';
  const { start, end } = locateSpan(answer, text, part?.span);
  return {
    start,
    end,
    text: text || answer.slice(start, end),
    references: (citation.retrievedReferences ?? []).map(toChunk),
  };
}

/**
 * The SDK client for Bedrock Agent Runtime with the handler's own timeouts turned off: agent turns,
 * flows and RAG streams routinely run for minutes, and only the call's `timeoutMs` and the stream's
 * `idleTimeoutMs` may end them (the SDK's NodeHttp2Handler otherwise ends a stream after its
 * default socket timeout). `requestTimeout: 0` and `sessionTimeout: 0` mean "none".
 * @internal
 */
export function agentRuntimeClientConfig(config: SdkClientConfig): SdkClientConfig & {
  requestHandler: {
    requestTimeout: number;
    sessionTimeout: number;
    disableConcurrentStreams: boolean;
  };
} {
  return {
    ...config,
    requestHandler: { requestTimeout: 0, sessionTimeout: 0, disableConcurrentStreams: true },
  };
}
