import { ValidationError } from '../errors';

/**
 * Bedrock Runtime's `InvokeModelIdentifier` / `ConversationalModelId` (bedrock-runtime service model,
 * 1–2,048 characters): a model id (`anthropic.claude-3-haiku-20240307-v1:0`), an inference profile id
 * (`us.amazon.nova-lite-v1:0`), or the ARN of a foundation, custom, imported or provisioned model, an
 * inference profile, a prompt, a prompt router or a SageMaker endpoint. The model's pattern, anchored.
 */
const MODEL_ID = new RegExp(
  '^(?:' +
    [
      'arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:(([0-9]{12}:custom-model/[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}/[a-z0-9]{12})|(:foundation-model/[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.:]?[a-z0-9-]{1,63}))|([0-9]{12}:imported-model/[a-z0-9]{12})|([0-9]{12}:provisioned-model/[a-z0-9]{12})|([0-9]{12}:custom-model-deployment/[a-z0-9]{12})|([0-9]{12}:(inference-profile|application-inference-profile)/[a-zA-Z0-9-:.]+))',
      '([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.:]?[a-z0-9-]{1,63}))',
      '(([0-9a-zA-Z][_-]?)+)',
      '([a-zA-Z0-9-:.]+)',
      '(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:prompt/[0-9a-zA-Z]{10}(?::[0-9]{1,5})?)',
      '(arn:aws:sagemaker:[a-z0-9-]+:[0-9]{12}:endpoint/[a-zA-Z0-9-]+)',
      '(arn:aws(-[^:]+)?:bedrock:([0-9a-z-]{1,20}):([0-9]{12}):(default-)?prompt-router/[a-zA-Z0-9-:.]+)',
    ].join('|') +
    ')$',
);
const MODEL_ID_MAX = 2048;
/**
 * One of MODEL_ID's own alternatives, alone: every model id and inference profile id matches it, and
 * a text it matches matches MODEL_ID. Tried first, so the usual call never compiles the big pattern
 * (~0.4 ms of a cold start's first call).
 */
const PLAIN_ID = /^[a-zA-Z0-9\-:.]+$/;

/**
 * Checked at the call site, before the operation code loads: present, at most 2,048 characters and
 * matching Bedrock's own model-id pattern, so a typo or a pasted URL is a ValidationError that says
 * what a model id looks like rather than an `UnknownError` or a dropped connection.
 * @internal
 */
export function assertModel(model: unknown): asserts model is string {
  if (typeof model !== 'string' || model.trim() === '') {
    throw new ValidationError('model is required: a Bedrock model id, inference profile id or ARN');
  }
  if (model.length > MODEL_ID_MAX || !(PLAIN_ID.test(model) || MODEL_ID.test(model))) {
    throw new ValidationError(
      `model must be a Bedrock model id (e.g. 'anthropic.claude-3-haiku-20240307-v1:0'), inference profile id or ARN of at most ${MODEL_ID_MAX} characters (got ${model.length} characters${model.length > MODEL_ID_MAX ? '' : ' that match none of those forms'})`,
      { service: 'bedrock-runtime', code: 'InvalidModelId' },
    );
  }
}
