import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { BEDROCK } from './bedrock';
import { buildConverseRequest } from './converse-input';
import type { CountTokensResult, GenerateOptions, GenerateParams } from './types';

/**
 * CountTokens for the same parameters `generate` takes: the Converse request is built and checked
 * as for `generate` (media read, history cleaned), then counted.
 * @internal
 */
export async function countTokens(
  ctx: ModuleContext,
  params: GenerateParams,
  options?: GenerateOptions,
): Promise<CountTokensResult> {
  const { request } = await buildConverseRequest(params);
  const out = await callAws(
    ctx,
    BEDROCK,
    'CountTokens',
    ({ client, sdk, signal }) =>
      client.send(
        new sdk.CountTokensCommand({
          modelId: params.model,
          input: {
            converse: {
              ...(request.messages?.length ? { messages: request.messages } : {}),
              ...(request.system ? { system: request.system } : {}),
              ...(request.toolConfig ? { toolConfig: request.toolConfig } : {}),
              ...(request.additionalModelRequestFields
                ? { additionalModelRequestFields: request.additionalModelRequestFields }
                : {}),
            },
          },
        }),
        { abortSignal: signal },
      ),
    options,
  );
  return { inputTokens: out.inputTokens ?? 0, requestId: out.$metadata.requestId };
}
