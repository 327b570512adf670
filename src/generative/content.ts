import type {
  Citation,
  CitationLocation,
  CitationsDelta,
  ContentBlock,
  ToolResultContentBlock,
} from '@aws-sdk/client-bedrock-runtime';
import { ValidationError } from '../errors';
import type { MediaBudget } from './media';
import type {
  GenerativeCacheTtl,
  GenerativeCitation,
  GenerativeCitationLocation,
  GenerativeContentPart,
  GenerativeMessage,
  GenerativeToolCall,
} from './types';

/** A Bedrock cache checkpoint block. */
export function cachePoint(ttl: GenerativeCacheTtl | undefined) {
  return { cachePoint: { type: 'default' as const, ...(ttl ? { ttl } : {}) } };
}

/**
 * A tool's output as Bedrock takes it: text as a text block, anything else as a JSON document.
 * Bedrock refuses a blank text block (in a tool result too), and Claude and Nova take only JSON
 * objects as documents, so blank text and every value that serializes to something other than an
 * object (a number, an array, a `Date`, …) go as `{ result }`.
 * @throws ValidationError for an output JSON cannot carry (a `BigInt`, a cycle), naming `label`
 * @internal
 */
export function toolResultContent(output: unknown, label: string): ToolResultContentBlock[] {
  if (typeof output === 'string' && output.trim() !== '') return [{ text: output }];
  let plain: unknown;
  try {
    const json = JSON.stringify(output ?? null);
    plain = json === undefined ? null : JSON.parse(json);
  } catch (err) {
    // Only the error's class: its message may quote the output.
    throw new ValidationError(
      `${label} output is not JSON (${err instanceof Error ? err.name : 'unknown error'}): return text or a JSON value`,
    );
  }
  const json =
    typeof plain === 'object' && plain !== null && !Array.isArray(plain)
      ? plain
      : { result: plain };
  return [{ json: json as never }];
}

/** The service model's `ToolUseId` and `ToolName` (bedrock-runtime `ToolUseBlock`). */
const TOOL_USE_ID = /^[a-zA-Z0-9_.:-]{1,64}$/;
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** A replayed call's id as Bedrock takes it; ids from other providers may not fit. */
function checkToolUseId(id: unknown, label: string): void {
  if (typeof id === 'string' && TOOL_USE_ID.test(id)) return;
  throw new ValidationError(
    `${label}.id must be 1-64 letters, digits, _ . : or - (Bedrock's ToolUseId), got ${typeof id === 'string' ? `${id.length} characters` : typeof id}; map ids from elsewhere to such ids, the same for a call and its result`,
  );
}

/** One of our content parts as a Bedrock content block; media is resolved and checked. */
export async function toBedrockBlock(
  part: GenerativeContentPart,
  label: string,
  media: MediaBudget,
): Promise<ContentBlock> {
  if (typeof part !== 'object' || part === null) {
    throw new ValidationError(`${label} must be a content part object`);
  }
  switch (part.type) {
    case undefined:
    case 'text':
      if (typeof part.text !== 'string')
        throw new ValidationError(`${label}.text must be a string`);
      return { text: part.text };
    case 'image':
      return { image: await media.image(part.image, part.format, `${label}.image`) };
    case 'document': {
      const document = await media.document(
        part.document,
        part.format,
        part.name,
        `${label}.document`,
      );
      return {
        document: part.citations ? { ...document, citations: { enabled: true } } : document,
      };
    }
    case 'citations':
      if (typeof part.text !== 'string' || !Array.isArray(part.citations)) {
        throw new ValidationError(`${label} needs text and citations`);
      }
      return {
        citationsContent: {
          content: [{ text: part.text }],
          citations: part.citations.map(toBedrockCitation),
        },
      };
    case 'tool-call':
      checkToolUseId(part.id, label);
      if (typeof part.name !== 'string' || !TOOL_NAME.test(part.name)) {
        throw new ValidationError(
          `${label}.name must be a tool name: 1-64 letters, digits, _ or - (Bedrock's ToolName)`,
        );
      }
      return {
        toolUse: {
          toolUseId: part.id,
          name: part.name,
          input: (part.input ?? {}) as never,
        },
      };
    case 'tool-result':
      checkToolUseId(part.id, label);
      return {
        toolResult: {
          toolUseId: part.id,
          content: toolResultContent(part.output, label),
          status: part.isError ? 'error' : 'success',
        },
      };
    case 'reasoning':
      if (part.redacted) return { reasoningContent: { redactedContent: part.redacted } };
      return {
        reasoningContent: {
          reasoningText: {
            text: part.text,
            ...(part.signature !== undefined ? { signature: part.signature } : {}),
          },
        },
      };
    case 'cache-point':
      return cachePoint(part.ttl);
    default:
      throw new ValidationError(
        `${label} has an unknown type ${JSON.stringify((part as { type: unknown }).type)}`,
      );
  }
}

function fromToolResultContent(content: ToolResultContentBlock[] | undefined): unknown {
  const blocks = content ?? [];
  if (blocks.length === 1 && blocks[0]?.json !== undefined) return blocks[0].json;
  return blocks.map((b) => b.text ?? (b.json !== undefined ? JSON.stringify(b.json) : '')).join('');
}

/** A Bedrock citation location as ours; undefined for kinds this version does not know. */
export function fromLocation(
  location: CitationLocation | undefined,
): GenerativeCitationLocation | undefined {
  if (!location) return undefined;
  const range = (r: { start?: number | undefined; end?: number | undefined }) => ({
    start: r.start,
    end: r.end,
  });
  if (location.documentChar) {
    return {
      type: 'document-char',
      documentIndex: location.documentChar.documentIndex,
      ...range(location.documentChar),
    };
  }
  if (location.documentPage) {
    return {
      type: 'document-page',
      documentIndex: location.documentPage.documentIndex,
      ...range(location.documentPage),
    };
  }
  if (location.documentChunk) {
    return {
      type: 'document-chunk',
      documentIndex: location.documentChunk.documentIndex,
      ...range(location.documentChunk),
    };
  }
  if (location.searchResultLocation) {
    return {
      type: 'search-result',
      searchResultIndex: location.searchResultLocation.searchResultIndex,
      ...range(location.searchResultLocation),
    };
  }
  if (location.web) return { type: 'web', url: location.web.url, domain: location.web.domain };
  return undefined;
}

function toLocation(
  location: GenerativeCitationLocation | undefined,
): CitationLocation | undefined {
  if (!location) return undefined;
  const { type, ...rest } = location;
  switch (type) {
    case 'document-char':
      return { documentChar: rest as never };
    case 'document-page':
      return { documentPage: rest as never };
    case 'document-chunk':
      return { documentChunk: rest as never };
    case 'search-result':
      return { searchResultLocation: rest as never };
    case 'web':
      return { web: rest as never };
    default:
      return undefined;
  }
}

/** A citation (Converse `Citation` or stream `CitationsDelta`) as ours. */
export function fromBedrockCitation(citation: Citation | CitationsDelta): GenerativeCitation {
  return {
    ...(citation.title !== undefined ? { title: citation.title } : {}),
    ...(citation.source !== undefined ? { source: citation.source } : {}),
    citedText: (citation.sourceContent ?? []).map((c) => c.text ?? '').join(''),
    location: fromLocation(citation.location),
  };
}

function toBedrockCitation(citation: GenerativeCitation): Citation {
  const location = toLocation(citation.location);
  return {
    ...(citation.title !== undefined ? { title: citation.title } : {}),
    ...(citation.source !== undefined ? { source: citation.source } : {}),
    sourceContent: [{ text: citation.citedText }],
    ...(location ? { location } : {}),
  };
}

/** A Bedrock content block as one of our parts; blocks we do not model are left out. */
export function fromBedrockBlock(block: ContentBlock): GenerativeContentPart | undefined {
  if (block.text !== undefined) return { type: 'text', text: block.text };
  if (block.citationsContent) {
    return {
      type: 'citations',
      text: (block.citationsContent.content ?? []).map((c) => c.text ?? '').join(''),
      citations: (block.citationsContent.citations ?? []).map(fromBedrockCitation),
    };
  }
  if (block.toolUse) {
    return {
      type: 'tool-call',
      id: block.toolUse.toolUseId ?? '',
      name: block.toolUse.name ?? '',
      input: block.toolUse.input ?? {},
    };
  }
  if (block.toolResult) {
    return {
      type: 'tool-result',
      id: block.toolResult.toolUseId ?? '',
      output: fromToolResultContent(block.toolResult.content),
      isError: block.toolResult.status === 'error',
    };
  }
  if (block.reasoningContent) {
    const reasoning = block.reasoningContent;
    if (reasoning.redactedContent) {
      return { type: 'reasoning', text: '', redacted: reasoning.redactedContent };
    }
    return {
      type: 'reasoning',
      text: reasoning.reasoningText?.text ?? '',
      ...(reasoning.reasoningText?.signature !== undefined
        ? { signature: reasoning.reasoningText.signature }
        : {}),
    };
  }
  return undefined;
}

/** The joined text blocks of some content. */
export function textOf(content: readonly GenerativeContentPart[]): string {
  return content
    .map((p) => (p.type === undefined || p.type === 'text' || p.type === 'citations' ? p.text : ''))
    .join('');
}

/** The citations among some content, in order. */
export function citationsOf(content: readonly GenerativeContentPart[]): GenerativeCitation[] {
  return content.flatMap((p) => (p.type === 'citations' ? p.citations : []));
}

/** The tool calls among some content. */
export function toolCallsOf(content: readonly GenerativeContentPart[]): GenerativeToolCall[] {
  return content.flatMap((p) =>
    p.type === 'tool-call' ? [{ id: p.id, name: p.name, input: p.input }] : [],
  );
}

/** A message's content as parts (a string becomes one text part). */
export function partsOf(message: GenerativeMessage): GenerativeContentPart[] {
  return typeof message.content === 'string'
    ? [{ type: 'text', text: message.content }]
    : message.content;
}
