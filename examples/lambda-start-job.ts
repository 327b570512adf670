/**
 * Two Lambdas around one job: the first starts a SageMaker Batch Transform and returns its ref; the
 * second runs on the job's completion event (EventBridge "SageMaker Transform Job State Change") and
 * reads the results in input order. Run here against the emulator, the event built from what the
 * emulator's job looks like; on AWS, point an EventBridge rule
 * `{ "source": ["aws.sagemaker"], "detail-type": ["SageMaker Transform Job State Change"] }` at the
 * second handler.
 *
 *   npx tsx examples/lambda-start-job.ts
 */

import { BatchItemError, Endpoints, jobEvents, jobFromEvent, resumeJob } from 'aws-ai/endpoints';
import { startEmulator } from 'aws-ai/testing';

const emulator = await startEmulator();
// One subpath, not the root `aws-ai`: a Lambda bundle then holds the endpoints module only.
const endpoints = new Endpoints(emulator.config);

/** Lambda 1: start the job; return (or queue) its ref. */
export async function startHandler(event: { rows: number[][] }) {
  const job = await endpoints.transform({
    model: 'churn-model',
    input: event.rows,
    output: 's3://my-transform-bucket/out/',
    instanceType: 'ml.m5.xlarge',
    contentType: 'text/csv',
  });
  return { ref: job.ref };
}

/** Lambda 2: on the completion event, read every result. */
export async function completionHandler(event: unknown) {
  const [change] = jobEvents(event);
  if (change?.state !== 'completed') return { skipped: change?.state };
  let ok = 0;
  let failed = 0;
  for await (const item of jobFromEvent(endpoints, event).results()) {
    if (item instanceof BatchItemError) failed++;
    else ok++;
  }
  return { ok, failed };
}

try {
  console.log('Emulated answers (not real AWS):');
  const { ref } = await startHandler({
    rows: [
      [1, 2],
      [3, 4],
      [5, 6],
    ],
  });
  await resumeJob(endpoints, ref).wait({ pollIntervalMs: 10 });
  // The event EventBridge would deliver (detail: DescribeTransformJob's shape).
  const [create] = emulator.calls.filter((c) => c.operation === 'CreateTransformJob');
  const event = {
    source: 'aws.sagemaker',
    'detail-type': 'SageMaker Transform Job State Change',
    region: 'us-east-1',
    detail: { ...create?.input, TransformJobArn: ref.arn, TransformJobStatus: 'Completed' },
  };
  console.log(await completionHandler(event));
} finally {
  await emulator.close();
}
