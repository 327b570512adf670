/**
 * The emulator answers Retrieve, RetrieveAndGenerate(Stream) and Rerank requests that break a
 * constraint of AWS's model (reference/aws-models/bedrock-agent-runtime.json) as AWS does: a 400
 * ValidationException, whose message leaves out the value of a sensitive member. The requests go
 * through the SDK client directly, past aws-ai's own checks, which refuse them before sending.
 */
import {
  BedrockAgentRuntimeClient,
  RerankCommand,
  RetrieveAndGenerateCommand,
  RetrieveAndGenerateStreamCommand,
  RetrieveCommand,
} from '@aws-sdk/client-bedrock-agent-runtime';
import { describe, it } from 'vitest';
import { expectConstraintRefusal } from '../helpers/constraint-refusal';
import { useEmulator } from '../helpers/emulator';

const { emu } = await useEmulator();
const KB = 'KB12345678';
const MODEL = 'amazon.nova-lite-v1:0';
const MARK = 'PAYLOADMARKER';

const rag = (text: string, extra: Record<string, unknown> = {}) => ({
  input: { text },
  retrieveAndGenerateConfiguration: {
    type: 'KNOWLEDGE_BASE' as const,
    knowledgeBaseConfiguration: { knowledgeBaseId: KB, modelArn: MODEL },
  },
  ...extra,
});
const rerank = (query: string, texts: string[], numberOfResults?: number) => ({
  queries: [{ type: 'TEXT' as const, textQuery: { text: query } }],
  sources: texts.map((text) => ({
    type: 'INLINE' as const,
    inlineDocumentSource: { type: 'TEXT' as const, textDocument: { text } },
  })),
  rerankingConfiguration: {
    type: 'BEDROCK_RERANKING_MODEL' as const,
    bedrockRerankingConfiguration: {
      modelConfiguration: { modelArn: 'amazon.rerank-v1:0' },
      ...(numberOfResults === undefined ? {} : { numberOfResults }),
    },
  },
});

const CASES: Array<[string, string, (c: BedrockAgentRuntimeClient) => Promise<unknown>]> = [
  [
    'Retrieve: a query of 20,001 characters (KnowledgeBaseQueryTextString, max 20,000)',
    'retrievalQuery.text',
    (c) =>
      c.send(
        new RetrieveCommand({
          knowledgeBaseId: KB,
          retrievalQuery: { text: MARK.padEnd(20_001, 'x') },
        }),
      ),
  ],
  [
    'Retrieve: a knowledge base id of 3 characters (KnowledgeBaseIdentifier, 10 or an ARN)',
    'knowledgeBaseId',
    (c) => c.send(new RetrieveCommand({ knowledgeBaseId: 'KB1', retrievalQuery: { text: 'q' } })),
  ],
  [
    'RetrieveAndGenerate: a question of 1,001 characters (RetrieveAndGenerateInputTextString, max 1,000)',
    'input.text',
    (c) => c.send(new RetrieveAndGenerateCommand(rag(MARK.padEnd(1_001, 'x')))),
  ],
  [
    'RetrieveAndGenerateStream: a question of 1,001 characters',
    'input.text',
    (c) => c.send(new RetrieveAndGenerateStreamCommand(rag(MARK.padEnd(1_001, 'x')))),
  ],
  [
    'RetrieveAndGenerate: a session id with a space (SessionId pattern)',
    'sessionId',
    (c) => c.send(new RetrieveAndGenerateCommand(rag('q', { sessionId: 'a b' }))),
  ],
  [
    'RetrieveAndGenerate: a knowledge base id of 11 characters (KnowledgeBaseId, max 10)',
    'retrieveAndGenerateConfiguration.knowledgeBaseConfiguration.knowledgeBaseId',
    (c) =>
      c.send(
        new RetrieveAndGenerateCommand({
          input: { text: 'q' },
          retrieveAndGenerateConfiguration: {
            type: 'KNOWLEDGE_BASE',
            knowledgeBaseConfiguration: { knowledgeBaseId: `${KB}9`, modelArn: MODEL },
          },
        }),
      ),
  ],
  [
    'Rerank: numberOfResults 0 (1-1,000)',
    'numberOfResults',
    (c) => c.send(new RerankCommand(rerank('q', ['a'], 0))),
  ],
  [
    'Rerank: a text document of 32,001 characters (RerankTextDocumentTextString, 1-32,000)',
    'textDocument.text',
    (c) => c.send(new RerankCommand(rerank('q', ['a', MARK.padEnd(32_001, 'x')]))),
  ],
  [
    'Rerank: an empty query (1-32,000)',
    'textQuery.text',
    (c) => c.send(new RerankCommand(rerank('', ['a']))),
  ],
];

describe('emulator: knowledge base requests AWS refuses', () => {
  it.each(CASES)('%s', async (_title, member, send) => {
    emu.knowledgeBase(KB, [{ id: 'a', text: 'Employees get 25 vacation days.' }]);
    // Queries, questions and documents are sensitive in the model: AWS does not echo them.
    const raw = new BedrockAgentRuntimeClient({ ...emu.config, maxAttempts: 1 });
    await expectConstraintRefusal(emu, send(raw), member, MARK);
  });
});
