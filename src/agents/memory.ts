import type { RequestOptions } from '../config';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { ValidationError } from '../errors';
import { AGENT_RUNTIME } from './agent-runtime';
import { AGENT_ID, MAX_MEMORY_ITEMS, MEMORY_ID, SESSION_ID, SESSION_IDENTIFIER } from './limits';
import type { AgentMemorySession, AgentRef, EndSessionResult, GetMemoryOptions } from './types';

function checkAgent(agent: AgentRef): void {
  const { id, aliasId } = (typeof agent === 'object' && agent !== null ? agent : {}) as {
    id?: unknown;
    aliasId?: unknown;
  };
  if (
    typeof id !== 'string' ||
    !AGENT_ID.test(id) ||
    typeof aliasId !== 'string' ||
    !AGENT_ID.test(aliasId)
  ) {
    throw new ValidationError('agent must be { id, aliasId }: each up to 10 letters and digits');
  }
}

function checkMemoryId(memoryId: unknown): string {
  if (typeof memoryId !== 'string' || !MEMORY_ID.test(memoryId)) {
    throw new ValidationError('memoryId must be 2-100 characters of letters, digits and . _ : -');
  }
  return memoryId;
}

/** GetAgentMemory, every page: the session summaries of one memory. @internal */
export async function getMemory(
  ctx: ModuleContext,
  agent: AgentRef,
  memoryId: string,
  options: GetMemoryOptions = {},
): Promise<AgentMemorySession[]> {
  checkAgent(agent);
  checkMemoryId(memoryId);
  const maxItems = options.pageSize ?? MAX_MEMORY_ITEMS;
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > MAX_MEMORY_ITEMS) {
    throw new ValidationError(`pageSize must be an integer from 1 to ${MAX_MEMORY_ITEMS}`);
  }
  const sessions: AgentMemorySession[] = [];
  let nextToken: string | undefined;
  do {
    const token = nextToken;
    const out = await callAws(
      ctx,
      AGENT_RUNTIME,
      'GetAgentMemory',
      ({ client, sdk, signal }) =>
        client.send(
          new sdk.GetAgentMemoryCommand({
            agentId: agent.id,
            agentAliasId: agent.aliasId,
            memoryId,
            memoryType: 'SESSION_SUMMARY',
            maxItems,
            ...(token ? { nextToken: token } : {}),
          }),
          { abortSignal: signal },
        ),
      options,
    );
    for (const m of out.memoryContents ?? []) {
      const s = m.sessionSummary;
      if (!s) continue;
      sessions.push({
        memoryId: s.memoryId,
        sessionId: s.sessionId,
        summaryText: s.summaryText,
        sessionStartTime: s.sessionStartTime,
        sessionExpiryTime: s.sessionExpiryTime,
      });
    }
    nextToken = out.nextToken;
  } while (nextToken);
  return sessions;
}

/** DeleteAgentMemory: one memory, one session's part of it, or all of the alias's. @internal */
export async function deleteMemory(
  ctx: ModuleContext,
  agent: AgentRef,
  which: { memoryId?: string | undefined; sessionId?: string | undefined },
  options: RequestOptions = {},
): Promise<void> {
  checkAgent(agent);
  if (typeof which !== 'object' || which === null) {
    throw new ValidationError(
      'which must be { memoryId, sessionId? }: the memory (and session) to delete',
    );
  }
  if (which.memoryId !== undefined) checkMemoryId(which.memoryId);
  if (
    which.sessionId !== undefined &&
    (typeof which.sessionId !== 'string' || !SESSION_ID.test(which.sessionId))
  ) {
    throw new ValidationError('sessionId must be 2-100 characters of letters, digits and . _ : -');
  }
  await callAws(
    ctx,
    AGENT_RUNTIME,
    'DeleteAgentMemory',
    ({ client, sdk, signal }) =>
      client.send(
        new sdk.DeleteAgentMemoryCommand({
          agentId: agent.id,
          agentAliasId: agent.aliasId,
          ...(which.memoryId ? { memoryId: which.memoryId } : {}),
          ...(which.sessionId ? { sessionId: which.sessionId } : {}),
        }),
        { abortSignal: signal },
      ),
    options,
  );
}

/** EndSession of the Bedrock session management API. @internal */
export async function endSession(
  ctx: ModuleContext,
  sessionIdentifier: string,
  options: RequestOptions = {},
): Promise<EndSessionResult> {
  if (typeof sessionIdentifier !== 'string' || !SESSION_IDENTIFIER.test(sessionIdentifier)) {
    throw new ValidationError(
      'sessionIdentifier must be a session id (a UUID from CreateSession) or its ARN',
    );
  }
  const out = await callAws(
    ctx,
    AGENT_RUNTIME,
    'EndSession',
    ({ client, sdk, signal }) =>
      client.send(new sdk.EndSessionCommand({ sessionIdentifier }), { abortSignal: signal }),
    options,
  );
  return {
    sessionId: out.sessionId ?? '',
    sessionArn: out.sessionArn ?? '',
    status: out.sessionStatus ?? '',
  };
}
