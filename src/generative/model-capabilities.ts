/**
 * What a model can do, read from its id (model id, inference profile id or ARN). Used only to pick
 * defaults (`mode: 'auto'`); a wrong guess costs one refused call, after which `auto` falls back.
 */

/** The model part of an id: ARN resource and geo prefix removed. */
function baseId(model: string): string {
  const resource = model.includes('/') ? (model.split('/').at(-1) ?? model) : model;
  return resource.replace(/^(?:us|eu|apac|us-gov|global|jp|au|ca)\./, '');
}

/** Claude's version from `anthropic.claude-sonnet-4-5-…` / `claude-opus-4-6-v1` / `claude-3-5-sonnet`. */
function claudeVersion(id: string): number | undefined {
  const named = /claude-(?:sonnet|opus|haiku)-(\d+)(?:-(\d{1,2}))?(?=[-:.]|$)/.exec(id);
  if (named) return Number(named[1]) + Number(named[2] ?? 0) / 10;
  const old = /claude-(\d+)(?:-(\d{1,2}))?-(?:sonnet|opus|haiku)/.exec(id);
  if (old) return Number(old[1]) + Number(old[2] ?? 0) / 10;
  return undefined;
}

/** Open-weight families Bedrock lists for structured output (the "select" models among them). */
const OPEN_WEIGHT_NATIVE =
  /^(?:qwen\.|deepseek\.|mistral\.|google\.gemma|nvidia\.nemotron|minimax\.|moonshot|openai\.gpt-oss)/;

/**
 * Whether Converse `outputConfig.textFormat` works with the model: Claude 4.5 and later, and the
 * open-weight families Bedrock documents (Qwen, DeepSeek, Mistral, Gemma, Nemotron, MiniMax, Kimi,
 * gpt-oss). Application inference profile and prompt ARNs cannot be read: false.
 * @internal
 */
export function supportsNativeStructuredOutput(model: string): boolean {
  const id = baseId(model);
  if (id.startsWith('anthropic.')) return (claudeVersion(id) ?? 0) >= 4.5;
  return OPEN_WEIGHT_NATIVE.test(id);
}

/** The family a model belongs to, for request fields that differ per family. @internal */
export function modelFamily(model: string): 'anthropic' | 'nova' | 'other' {
  const id = baseId(model);
  if (id.startsWith('anthropic.')) return 'anthropic';
  if (id.startsWith('amazon.nova')) return 'nova';
  return 'other';
}

/** Claude version from the id, for constraints that depend on it. @internal */
export function anthropicVersion(model: string): number | undefined {
  return claudeVersion(baseId(model));
}
