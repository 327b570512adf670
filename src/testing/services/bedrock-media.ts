import { randomUUID } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { EmulatorError } from '../emulator-error';
import { isRecord } from '../protocols/wire-json';
import type { EmulatorInput, Handler } from '../types';
import type { S3Store } from './s3-store';

/** Prompts with this text are refused the way Bedrock's image content filter refuses them. */
export const FILTERED_PROMPT = 'blocked-content';
const FILTERED_MESSAGE =
  'This request has been blocked by our content filters. Please adjust your text prompt to submit a new request.';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A valid PNG of the size, one colour derived from the prompt and the image's index. */
export function solidPng(width: number, height: number, seed: number): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x += 1) {
    row[1 + x * 3] = seed & 0xff;
    row[2 + x * 3] = (seed >> 8) & 0xff;
    row[3 + x * 3] = (seed >> 16) & 0xff;
  }
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', new Uint8Array()),
    ]),
  );
}

function hash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619);
  return h >>> 0;
}

/** Whether an InvokeModel is for an image model the emulator draws for. */
export function isImageModel(modelId: string): boolean {
  return /amazon\.(nova-canvas|titan-image-generator)/.test(modelId);
}

/**
 * Nova Canvas / Titan Image Generator: `{ images: [base64 PNG] }`, `numberOfImages` images of the
 * requested size (default 1024x1024), deterministic for a prompt and seed.
 */
export function imageAnswer(input: EmulatorInput): Uint8Array {
  const body = input.body instanceof Uint8Array ? Buffer.from(input.body).toString('utf8') : '';
  let request: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(body);
    if (isRecord(parsed)) request = parsed;
  } catch {
    throw new EmulatorError(
      'ValidationException',
      'Malformed input request: body is not JSON',
      400,
    );
  }
  const config = isRecord(request.imageGenerationConfig) ? request.imageGenerationConfig : {};
  const params = Object.values(request).find(
    (v): v is Record<string, unknown> => isRecord(v) && v !== config,
  );
  const text = typeof params?.text === 'string' ? params.text : '';
  if (text.toLowerCase().includes(FILTERED_PROMPT)) {
    throw new EmulatorError('ValidationException', FILTERED_MESSAGE, 400);
  }
  const count = typeof config.numberOfImages === 'number' ? config.numberOfImages : 1;
  const width = typeof config.width === 'number' ? config.width : 1024;
  const height = typeof config.height === 'number' ? config.height : 1024;
  const seed = typeof config.seed === 'number' ? config.seed : 0;
  const images = Array.from({ length: count }, (_, i) =>
    Buffer.from(solidPng(width, height, hash(`${text}|${seed}|${i}`))).toString('base64'),
  );
  return Buffer.from(JSON.stringify({ images, error: null }));
}

/** A minimal MP4 (an `ftyp` box): what the emulated Nova Reel writes. */
const MP4_STUB = new Uint8Array(
  Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from('ftypmp42', 'ascii'),
    Buffer.from([0, 0, 0, 0]),
    Buffer.from('mp42isom', 'ascii'),
  ]),
);

/** GetAsyncInvoke polls an invocation answers InProgress before it completes. */
const POLLS_IN_PROGRESS = 1;

interface Invocation {
  arn: string;
  modelArn: string;
  clientRequestToken: string | undefined;
  s3Uri: string;
  submitTime: string;
  polls: number;
  status: 'InProgress' | 'Completed' | 'Failed';
  failureMessage: string | undefined;
  endTime: string | undefined;
}

function parseS3(uri: string): { bucket: string; key: string } | undefined {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  return m ? { bucket: m[1] as string, key: m[2] as string } : undefined;
}

/**
 * StartAsyncInvoke / GetAsyncInvoke / ListAsyncInvokes: an invocation is InProgress for one poll,
 * then Completed, and writes `<s3Uri>/<invocation id>/output.mp4` (a stub) to the emulator's S3.
 * A prompt with {@link FILTERED_PROMPT} fails the invocation, as Nova Reel's filters do.
 * `clear()` (`emu.reset()`) forgets every invocation.
 */
export function asyncInvokeHandlers(store: S3Store | undefined): {
  handlers: Record<string, Handler>;
  clear: () => void;
} {
  const invocations = new Map<string, Invocation>();
  const finish = (job: Invocation) => {
    const target = parseS3(job.s3Uri);
    const id = job.arn.split('/').at(-1) as string;
    if (store && target) {
      const key = [target.key.replace(/\/$/, ''), id, 'output.mp4'].filter(Boolean).join('/');
      store.put(target.bucket, key, MP4_STUB, 'video/mp4', {});
    }
  };
  const handlers: Record<string, Handler> = {
    StartAsyncInvoke: (input, ctx) => {
      const modelId = typeof input.modelId === 'string' ? input.modelId : '';
      const output = isRecord(input.outputDataConfig) ? input.outputDataConfig : {};
      const s3 = isRecord(output.s3OutputDataConfig) ? output.s3OutputDataConfig : {};
      const s3Uri = typeof s3.s3Uri === 'string' ? s3.s3Uri : '';
      if (!parseS3(s3Uri)) {
        throw new EmulatorError(
          'ValidationException',
          'outputDataConfig.s3OutputDataConfig.s3Uri must be an s3:// URI',
          400,
        );
      }
      const token =
        typeof input.clientRequestToken === 'string' ? input.clientRequestToken : undefined;
      for (const job of invocations.values()) {
        if (token !== undefined && job.clientRequestToken === token)
          return { invocationArn: job.arn };
      }
      const id = randomUUID().replace(/-/g, '').slice(0, 12);
      const region =
        /Credential=[^/]+\/\d+\/([^/]+)\//.exec(ctx.headers.authorization ?? '')?.[1] ??
        'us-east-1';
      const arn = `arn:aws:bedrock:${region}:123456789012:async-invoke/${id}`;
      const prompt = JSON.stringify(input.modelInput ?? {});
      const filtered = prompt.toLowerCase().includes(FILTERED_PROMPT);
      invocations.set(arn, {
        arn,
        modelArn: `arn:aws:bedrock:${region}::foundation-model/${modelId}`,
        clientRequestToken: token,
        s3Uri,
        submitTime: new Date(Date.UTC(2024, 0, 1)).toISOString(),
        polls: 0,
        status: 'InProgress',
        failureMessage: filtered ? FILTERED_MESSAGE : undefined,
        endTime: undefined,
      });
      return { invocationArn: arn };
    },
    GetAsyncInvoke: (input) => {
      const arn = typeof input.invocationArn === 'string' ? input.invocationArn : '';
      const job = invocations.get(arn);
      if (!job) throw new EmulatorError('ValidationException', 'Invocation not found.', 400);
      job.polls += 1;
      if (job.status === 'InProgress' && job.polls > POLLS_IN_PROGRESS) {
        job.status = job.failureMessage ? 'Failed' : 'Completed';
        job.endTime = new Date(Date.UTC(2024, 0, 1, 0, 5)).toISOString();
        if (job.status === 'Completed') finish(job);
      }
      return summaryOf(job);
    },
    ListAsyncInvokes: (input) => {
      const status = typeof input.statusEquals === 'string' ? input.statusEquals : undefined;
      const all = [...invocations.values()].filter((j) => !status || j.status === status);
      const max =
        typeof input.maxResults === 'number' ? input.maxResults : Number(input.maxResults ?? 1000);
      const start = typeof input.nextToken === 'string' ? Number(input.nextToken) : 0;
      const page = all.slice(start, start + max);
      return {
        asyncInvokeSummaries: page.map(summaryOf),
        ...(start + max < all.length ? { nextToken: String(start + max) } : {}),
      };
    },
  };
  return { handlers, clear: () => invocations.clear() };
}

function summaryOf(job: Invocation): Record<string, unknown> {
  return {
    invocationArn: job.arn,
    modelArn: job.modelArn,
    ...(job.clientRequestToken ? { clientRequestToken: job.clientRequestToken } : {}),
    status: job.status,
    ...(job.failureMessage && job.status === 'Failed'
      ? { failureMessage: job.failureMessage }
      : {}),
    submitTime: job.submitTime,
    lastModifiedTime: job.endTime ?? job.submitTime,
    ...(job.endTime ? { endTime: job.endTime } : {}),
    outputDataConfig: { s3OutputDataConfig: { s3Uri: job.s3Uri } },
  };
}
