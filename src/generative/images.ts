import type { ModuleContext } from '../core/context';
import { type BinaryInput, resolveBinary, sniffFormat } from '../core/inputs';
import { AwsAIError, ValidationError } from '../errors';
import { ContentFilterError } from './errors';
import { invokeModel } from './invoke';
import { IMAGE_CFG_SCALE_RANGE, IMAGE_COUNT_RANGE, IMAGE_MODEL_LIMITS } from './limits';
import { assertModel } from './model-id';
import { checkNumberOption, checkWellFormed } from './request-options';
import type {
  GeneratedImage,
  GenerateImageParams,
  GenerateImageResult,
  GenerateOptions,
  ImageTask,
} from './types';

/** Prompt lengths, counts, seeds and cfgScale per image model: limits.ts, with their sources. */
const FAMILIES = IMAGE_MODEL_LIMITS;
type Family = keyof typeof FAMILIES;
/** Titan Image Generator v2 sizes (width x height). */
const TITAN_SIZES = new Set([
  '1024x1024',
  '768x768',
  '512x512',
  '768x1152',
  '384x576',
  '1152x768',
  '576x384',
  '768x1280',
  '384x640',
  '1280x768',
  '640x384',
  '896x1152',
  '448x576',
  '1152x896',
  '576x448',
  '768x1408',
  '384x704',
  '1408x768',
  '704x384',
  '640x1408',
  '320x704',
  '1408x640',
  '704x320',
  '1152x640',
  '1173x640',
]);
const STYLES = new Set([
  '3D_ANIMATED_FAMILY_FILM',
  'DESIGN_SKETCH',
  'FLAT_VECTOR_ILLUSTRATION',
  'GRAPHIC_NOVEL_ILLUSTRATION',
  'MAXIMALISM',
  'MIDCENTURY_RETRO',
  'PHOTOREALISM',
  'SOFT_DIGITAL_PAINTING',
]);
const TASKS: readonly ImageTask[] = [
  'text-to-image',
  'variation',
  'inpainting',
  'outpainting',
  'background-removal',
];
/** An input image: Bedrock's request body limit bounds it. */
const MAX_INPUT_IMAGE_BYTES = 10 * 1024 * 1024;

function familyOf(model: string): Family {
  if (/(^|[./])amazon\.nova-canvas/.test(model)) return 'nova-canvas';
  if (/(^|[./])amazon\.titan-image-generator-v2/.test(model)) return 'titan-image-v2';
  throw new ValidationError(
    'generateImage supports amazon.nova-canvas-v1:0 and amazon.titan-image-generator-v2:0; for other image models use invoke() with the model’s own body',
  );
}

function text(value: string | undefined, name: string, max: number, required: boolean) {
  if (value === undefined) {
    if (required) throw new ValidationError(`${name} is required for this task`);
    return undefined;
  }
  if (typeof value !== 'string' || value.trim() === '' || [...value].length > max) {
    throw new ValidationError(`${name} must be 1-${max} characters for this model`);
  }
  checkWellFormed(value, name);
  return value;
}

function range(
  value: number | undefined,
  name: string,
  min: number,
  max: number,
  integer: boolean,
) {
  checkNumberOption(value, name, { min, max, integer });
  return value;
}

function sizeOf(params: GenerateImageParams, family: Family) {
  const size = params.size;
  if (size === undefined) return undefined;
  const [width, height] =
    typeof size === 'string' ? size.split('x').map(Number) : [size?.width, size?.height];
  if (!Number.isInteger(width) || !Number.isInteger(height)) {
    throw new ValidationError("size must be { width, height } or 'WIDTHxHEIGHT' in pixels");
  }
  const w = width as number;
  const h = height as number;
  if (family === 'titan-image-v2') {
    if (!TITAN_SIZES.has(`${w}x${h}`)) {
      throw new ValidationError(
        `size ${w}x${h} is not one Titan Image Generator v2 offers (e.g. 1024x1024, 1280x768, 768x1280)`,
      );
    }
  } else {
    if (w < 320 || h < 320 || w > 4096 || h > 4096 || w % 16 !== 0 || h % 16 !== 0) {
      throw new ValidationError('Nova Canvas sizes are 320-4096 pixels per side, multiples of 16');
    }
    if (Math.max(w / h, h / w) > 4)
      throw new ValidationError('Nova Canvas aspect ratios are at most 4:1');
    if (w * h > 4_194_304) {
      throw new ValidationError(
        `Nova Canvas images have at most 4,194,304 pixels; ${w}x${h} has ${w * h}`,
      );
    }
  }
  return { width: w, height: h };
}

async function base64Image(input: BinaryInput, label: string): Promise<string> {
  const resolved = await resolveBinary(input, { maxBytes: MAX_INPUT_IMAGE_BYTES, label });
  if (resolved.kind !== 'bytes') {
    throw new ValidationError(`${label}: image models take bytes or a file, not an S3 URI`);
  }
  if (resolved.format !== 'png' && resolved.format !== 'jpeg') {
    throw new ValidationError(`${label} must be a PNG or JPEG image`);
  }
  return Buffer.from(resolved.bytes).toString('base64');
}

/** Checks the parameters and builds the model's request body; no network call. @internal */
export async function imageBody(params: GenerateImageParams): Promise<Record<string, unknown>> {
  if (typeof params !== 'object' || params === null) {
    throw new ValidationError('generateImage needs { model, prompt }');
  }
  assertModel(params.model);
  const family = familyOf(params.model);
  const { maxPrompt, maxSeed } = FAMILIES[family];
  const task = params.task ?? 'text-to-image';
  if (!TASKS.includes(task)) throw new ValidationError(`task must be one of ${TASKS.join(', ')}`);
  const prompt = text(
    params.prompt,
    'prompt',
    maxPrompt,
    task === 'text-to-image' || task === 'inpainting' || task === 'outpainting',
  );
  const negative = text(params.negativePrompt, 'negativePrompt', maxPrompt, false);
  const count = range(params.count, 'count', IMAGE_COUNT_RANGE.min, IMAGE_COUNT_RANGE.max, true);
  const seed = range(params.seed, 'seed', 0, maxSeed, true);
  const cfgScale = range(
    params.cfgScale,
    'cfgScale',
    IMAGE_CFG_SCALE_RANGE.min,
    IMAGE_CFG_SCALE_RANGE.max,
    false,
  );
  if (
    params.quality !== undefined &&
    params.quality !== 'standard' &&
    params.quality !== 'premium'
  ) {
    throw new ValidationError("quality must be 'standard' or 'premium'");
  }
  if (params.style !== undefined) {
    if (family !== 'nova-canvas' || task !== 'text-to-image') {
      throw new ValidationError('style is a Nova Canvas text-to-image option');
    }
    if (!STYLES.has(params.style))
      throw new ValidationError(`style must be one of ${[...STYLES].join(', ')}`);
  }
  if (params.condition !== undefined && task !== 'text-to-image') {
    throw new ValidationError('condition is a text-to-image option');
  }
  const size = sizeOf(params, family);
  const texts = {
    ...(prompt ? { text: prompt } : {}),
    ...(negative ? { negativeText: negative } : {}),
  };
  const needImage = async () => {
    if (params.image === undefined) throw new ValidationError(`image is required for ${task}`);
    return base64Image(params.image, 'image');
  };
  const mask = async () => {
    const m = params.mask;
    if (m === undefined)
      throw new ValidationError(`mask ({ image } or { prompt }) is required for ${task}`);
    if ('prompt' in m) return { maskPrompt: text(m.prompt, 'mask.prompt', maxPrompt, true) };
    return { maskImage: await base64Image(m.image, 'mask.image') };
  };
  let body: Record<string, unknown>;
  switch (task) {
    case 'text-to-image': {
      const condition = params.condition;
      let conditioning: Record<string, unknown> = {};
      if (condition !== undefined) {
        const strength = range(condition.strength, 'condition.strength', 0, 1, false);
        conditioning = {
          conditionImage: await base64Image(condition.image, 'condition.image'),
          controlMode: condition.mode === 'segmentation' ? 'SEGMENTATION' : 'CANNY_EDGE',
          ...(strength !== undefined ? { controlStrength: strength } : {}),
        };
      }
      body = {
        taskType: 'TEXT_IMAGE',
        textToImageParams: {
          ...texts,
          ...conditioning,
          ...(params.style ? { style: params.style } : {}),
        },
      };
      break;
    }
    case 'variation': {
      const sources = params.images ?? (params.image !== undefined ? [params.image] : []);
      if (sources.length < 1 || sources.length > 5) {
        throw new ValidationError('variation takes 1-5 images (images, or image)');
      }
      const similarity = range(params.similarity, 'similarity', 0.2, 1, false);
      body = {
        taskType: 'IMAGE_VARIATION',
        imageVariationParams: {
          ...texts,
          images: await Promise.all(sources.map((s, i) => base64Image(s, `images[${i}]`))),
          ...(similarity !== undefined ? { similarityStrength: similarity } : {}),
        },
      };
      break;
    }
    case 'inpainting':
      body = {
        taskType: 'INPAINTING',
        inPaintingParams: { image: await needImage(), ...texts, ...(await mask()) },
      };
      break;
    case 'outpainting': {
      const mode = params.outpaintingMode ?? 'default';
      if (mode !== 'default' && mode !== 'precise') {
        throw new ValidationError("outpaintingMode must be 'default' or 'precise'");
      }
      body = {
        taskType: 'OUTPAINTING',
        outPaintingParams: {
          image: await needImage(),
          ...texts,
          ...(await mask()),
          outPaintingMode: mode.toUpperCase(),
        },
      };
      break;
    }
    default:
      body = {
        taskType: 'BACKGROUND_REMOVAL',
        backgroundRemovalParams: { image: await needImage() },
      };
  }
  if (task !== 'background-removal') {
    body.imageGenerationConfig = {
      ...(count !== undefined ? { numberOfImages: count } : {}),
      ...(size ? size : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(cfgScale !== undefined ? { cfgScale } : {}),
      ...(params.quality ? { quality: params.quality } : {}),
    };
  }
  return body;
}

const FILTERED = /content filters?/i;

function filtered(requestId: string | undefined, cause?: AwsAIError): ContentFilterError {
  return new ContentFilterError(
    "Bedrock's content filters blocked this image request; change the prompt or the input image",
    {
      service: 'bedrock-runtime',
      operation: 'InvokeModel',
      requestId,
      ...(cause
        ? { cause, statusCode: cause.statusCode, serviceMessage: cause.serviceMessage }
        : {}),
    },
  );
}

/** generateImage: InvokeModel with the model's body; images decoded, refusals typed. @internal */
export async function generateImage(
  ctx: ModuleContext,
  params: GenerateImageParams,
  options?: GenerateOptions,
): Promise<GenerateImageResult> {
  const body = await imageBody(params);
  let out: Awaited<ReturnType<typeof invokeModel<{ images?: string[]; error?: string | null }>>>;
  try {
    out = await invokeModel<{ images?: string[]; error?: string | null }>(
      ctx,
      params.model,
      body,
      options,
    );
  } catch (err) {
    if (
      AwsAIError.isInstance(err) &&
      err.code === 'ValidationException' &&
      FILTERED.test(err.serviceMessage ?? err.message)
    ) {
      throw filtered(err.requestId, err);
    }
    throw err;
  }
  if (out.body?.error) throw filtered(out.requestId);
  const images: GeneratedImage[] = (out.body?.images ?? []).map((b64) => {
    const bytes = new Uint8Array(Buffer.from(b64, 'base64'));
    return { bytes, format: sniffFormat(bytes) === 'jpeg' ? 'jpeg' : 'png' };
  });
  return { images, requestId: out.requestId };
}
