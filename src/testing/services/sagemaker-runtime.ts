import { EmulatorError, isEmulatorError } from '../emulator-error';
import type { Handler } from '../types';
import { MIB, type ServiceDefinition } from './definition';
import type { S3Store } from './s3-store';
import { splitS3Uri } from './s3-store';
import { echoInvocation, splitBytes, splitMidLine, streamedLines } from './sagemaker-echo';

/** InvokeEndpoint's `Body`: @length(max: 6,291,456) in SageMaker Runtime's model. */
export const MAX_BODY_BYTES = 6_291_456;

/** Bucket the emulated endpoints write async outputs and failures to (their S3OutputPath). */
export const ASYNC_OUTPUT_BUCKET = 'emulator-async';

function bytesOf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  return new Uint8Array(Buffer.from(typeof value === 'string' ? value : ''));
}

function variantOf(input: Record<string, unknown>): string {
  return typeof input.TargetVariant === 'string' ? input.TargetVariant : 'AllTraffic';
}

/** The request body, refused above SageMaker's 6 MiB with the model's ValidationError. */
function bodyOf(input: Record<string, unknown>): Uint8Array {
  const body = bytesOf(input.Body);
  if (body.byteLength > MAX_BODY_BYTES) {
    throw new EmulatorError(
      'ValidationError',
      `Request body of ${body.byteLength} bytes exceeds the limit of ${MAX_BODY_BYTES} bytes`,
      400,
    );
  }
  return body;
}

const ALNUM_HYPHENS = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/;

/**
 * The anchored header patterns of SageMaker Runtime's model (sagemaker-runtime.json), refused with
 * its ValidationError (400) as SageMaker does: SessionId (`NEW_SESSION` only on InvokeEndpoint)
 * and InferenceComponentName. (InferenceId's and TargetModel's `\A\S` is moot: HTTP trims a header.)
 */
export function checkInvokeHeaders(input: Record<string, unknown>, operation: string): void {
  const refuse = (member: string, pattern: string) => {
    throw new EmulatorError(
      'ValidationError',
      `1 validation error detected: Value at '${member.charAt(0).toLowerCase()}${member.slice(1)}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern}`,
      400,
    );
  };
  const { SessionId, InferenceComponentName } = input;
  if (typeof SessionId === 'string') {
    const fresh = operation === 'InvokeEndpoint' && SessionId === 'NEW_SESSION';
    if (!fresh && !ALNUM_HYPHENS.test(SessionId)) {
      refuse(
        'SessionId',
        operation === 'InvokeEndpoint'
          ? '^(NEW_SESSION)$|^[a-zA-Z0-9](-*[a-zA-Z0-9])*$'
          : '^[a-zA-Z0-9](-*[a-zA-Z0-9])*$',
      );
    }
  }
  if (
    typeof InferenceComponentName === 'string' &&
    !/^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/.test(InferenceComponentName)
  ) {
    refuse('InferenceComponentName', '^[a-zA-Z0-9]([\\-a-zA-Z0-9]*[a-zA-Z0-9])?$');
  }
}

const invokeEndpoint: Handler = (input) => {
  checkInvokeHeaders(input, 'InvokeEndpoint');
  const echo = echoInvocation(bodyOf(input), String(input.ContentType ?? ''));
  return {
    Body: echo.body,
    ContentType: echo.contentType,
    InvokedProductionVariant: variantOf(input),
    CustomAttributes: input.CustomAttributes,
  };
};

const invokeEndpointWithResponseStream: Handler = (input) => {
  checkInvokeHeaders(input, 'InvokeEndpointWithResponseStream');
  const body = bodyOf(input);
  const contentType = String(input.ContentType ?? '');
  const lines = streamedLines(body, contentType);
  const parts = lines.length > 0 ? splitMidLine(lines) : splitBytes(body);
  async function* events() {
    for (const Bytes of parts) yield { PayloadPart: { Bytes } };
  }
  return {
    Body: events(),
    ContentType: lines.length > 0 ? 'application/jsonlines' : contentType,
    InvokedProductionVariant: variantOf(input),
    CustomAttributes: input.CustomAttributes,
  };
};

/**
 * InvokeEndpointAsync like the real service: the echo model reads the input object, then the
 * answer is written to the output location, or the model's error to the failure location (a
 * missing input object fails the same way), so a client polling S3 finds one of them.
 */
/** InvokeEndpointAsyncInput's constraints (sagemaker-runtime.json), answered as SageMaker does. */
function checkAsyncInput(input: Record<string, unknown>): void {
  const refuse = (member: string, constraint: string) => {
    throw new EmulatorError(
      'ValidationError',
      `1 validation error detected: Value at '${member}' failed to satisfy constraint: ${constraint}`,
      400,
    );
  };
  const range = (member: string, value: unknown, min: number, max: number) => {
    if (value === undefined) return;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      refuse(member, `Member must have value greater than or equal to ${min}`);
    }
    if ((value as number) > max)
      refuse(member, `Member must have value less than or equal to ${max}`);
  };
  // RequestTTLSeconds 60–21,600; InvocationTimeoutSeconds 1–3,600.
  range('requestTTLSeconds', input.RequestTTLSeconds, 60, 21_600);
  range('invocationTimeoutSeconds', input.InvocationTimeoutSeconds, 1, 3_600);
  const location = input.InputLocation;
  if (location === undefined) {
    // The JS SDK has no inline Body for this operation: without InputLocation there is no input.
    if (bytesOf(input.Body).byteLength === 0) refuse('inputLocation', 'Member must not be null');
  } else if (
    typeof location !== 'string' ||
    location.length < 1 ||
    location.length > 1024 ||
    !/^(https|s3):\/\/([^/]+)\/?(.*)$/.test(location)
  ) {
    // InputLocation: 1–1,024 characters of ^(https|s3)://([^/]+)/?(.*)$
    refuse(
      'inputLocation',
      'Member must satisfy regular expression pattern: ^(https|s3)://([^/]+)/?(.*)$',
    );
  }
}

function invokeEndpointAsync(store: S3Store | undefined): Handler {
  return (input, ctx) => {
    checkAsyncInput(input);
    const id = typeof input.InferenceId === 'string' ? input.InferenceId : ctx.requestId;
    const endpoint = String(input.EndpointName);
    const outputKey = `${endpoint}/output/${id}.out`;
    const failureKey = `${endpoint}/failure/${id}.out`;
    if (store) {
      const location = typeof input.InputLocation === 'string' ? input.InputLocation : '';
      const { bucket, key } = splitS3Uri(location);
      const object = store.get(bucket, key);
      const fail = (message: string) =>
        store.put(ASYNC_OUTPUT_BUCKET, failureKey, Buffer.from(message), 'text/plain', {});
      if (!object) {
        fail(`Failed to download the input from ${location || '(no InputLocation)'}`);
      } else {
        try {
          const contentType = String(input.ContentType ?? object.contentType);
          const echo = echoInvocation(object.body, contentType);
          store.put(ASYNC_OUTPUT_BUCKET, outputKey, echo.body, echo.contentType, {});
        } catch (err) {
          if (!isEmulatorError(err)) throw err;
          fail(err.message);
        }
      }
    }
    return {
      InferenceId: id,
      OutputLocation: `s3://${ASYNC_OUTPUT_BUCKET}/${outputKey}`,
      FailureLocation: `s3://${ASYNC_OUTPUT_BUCKET}/${failureKey}`,
    };
  };
}

const INVOKE_HEADERS = {
  ContentType: 'Content-Type',
  Accept: 'Accept',
  CustomAttributes: 'X-Amzn-SageMaker-Custom-Attributes',
  TargetModel: 'X-Amzn-SageMaker-Target-Model',
  TargetVariant: 'X-Amzn-SageMaker-Target-Variant',
  TargetContainerHostname: 'X-Amzn-SageMaker-Target-Container-Hostname',
  InferenceId: 'X-Amzn-SageMaker-Inference-Id',
  EnableExplanations: 'X-Amzn-SageMaker-Enable-Explanations',
  InferenceComponentName: 'X-Amzn-SageMaker-Inference-Component',
  SessionId: 'X-Amzn-SageMaker-Session-Id',
} as const;

/**
 * Amazon SageMaker Runtime: restJson1 under `/endpoints/{EndpointName}`. With `store`, async
 * invocations read their input from it and write their output (or failure) to it.
 */
export function createSageMakerRuntimeService(store?: S3Store): ServiceDefinition {
  return {
    name: 'sagemaker-runtime',
    protocol: 'rest-json',
    signingName: 'sagemaker',
    routes: [
      {
        operation: 'InvokeEndpoint',
        method: 'POST',
        path: '/endpoints/{EndpointName}/invocations',
        request: { headers: INVOKE_HEADERS, body: { kind: 'payload', member: 'Body' } },
        response: {
          headers: {
            ContentType: 'Content-Type',
            InvokedProductionVariant: 'x-Amzn-Invoked-Production-Variant',
            CustomAttributes: 'X-Amzn-SageMaker-Custom-Attributes',
            NewSessionId: 'X-Amzn-SageMaker-New-Session-Id',
            ClosedSessionId: 'X-Amzn-SageMaker-Closed-Session-Id',
          },
          body: { kind: 'payload', member: 'Body' },
        },
      },
      {
        operation: 'InvokeEndpointWithResponseStream',
        method: 'POST',
        path: '/endpoints/{EndpointName}/invocations-response-stream',
        request: {
          // This operation sends Accept in its own header.
          headers: { ...INVOKE_HEADERS, Accept: 'X-Amzn-SageMaker-Accept' },
          body: { kind: 'payload', member: 'Body' },
        },
        response: {
          headers: {
            ContentType: 'X-Amzn-SageMaker-Content-Type',
            InvokedProductionVariant: 'x-Amzn-Invoked-Production-Variant',
            CustomAttributes: 'X-Amzn-SageMaker-Custom-Attributes',
          },
          body: { kind: 'event-stream', member: 'Body', payloads: { PayloadPart: 'Bytes' } },
        },
      },
      {
        operation: 'InvokeEndpointAsync',
        method: 'POST',
        path: '/endpoints/{EndpointName}/async-invocations',
        status: 202,
        request: {
          headers: {
            ContentType: 'X-Amzn-SageMaker-Content-Type',
            Accept: 'X-Amzn-SageMaker-Accept',
            CustomAttributes: 'X-Amzn-SageMaker-Custom-Attributes',
            InferenceId: 'X-Amzn-SageMaker-Inference-Id',
            InputLocation: 'X-Amzn-SageMaker-InputLocation',
            S3OutputPathExtension: 'X-Amzn-SageMaker-S3OutputPathExtension',
            Filename: 'X-Amzn-SageMaker-Filename',
            RequestTTLSeconds: 'X-Amzn-SageMaker-RequestTTLSeconds',
            InvocationTimeoutSeconds: 'X-Amzn-SageMaker-InvocationTimeoutSeconds',
          },
          headerTypes: { RequestTTLSeconds: 'number', InvocationTimeoutSeconds: 'number' },
          body: { kind: 'payload', member: 'Body' },
        },
        response: {
          headers: {
            OutputLocation: 'X-Amzn-SageMaker-OutputLocation',
            FailureLocation: 'X-Amzn-SageMaker-FailureLocation',
          },
          body: { kind: 'json' },
        },
      },
    ],
    handlers: {
      InvokeEndpoint: invokeEndpoint,
      InvokeEndpointWithResponseStream: invokeEndpointWithResponseStream,
      InvokeEndpointAsync: invokeEndpointAsync(store),
    },
    errors: {
      InvokeEndpoint: ['ModelError', 'ValidationError'],
      InvokeEndpointWithResponseStream: ['ValidationError'],
      InvokeEndpointAsync: ['ValidationError'],
    },
    // Body is @length(max: 6,291,456) (6 MiB); SageMaker's model answers a too-large body with
    // ValidationError, which the handlers also send between 6 and 7 MiB.
    maxRequestBody: { bytes: MAX_BODY_BYTES + MIB, code: 'ValidationError', status: 400 },
    throttle: { code: 'ThrottlingException', status: 429 },
    serverError: { code: 'InternalFailure', status: 500 },
    streamError: { code: 'ModelStreamError', status: 400 },
    errorStatus: {
      ModelError: 424,
      ModelNotReadyException: 429,
      ServiceUnavailable: 503,
      InternalDependencyException: 530,
      ValidationError: 400,
    },
    streamExceptionCase: 'pascal',
  };
}
