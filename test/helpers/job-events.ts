import { readFileSync } from 'node:fs';

/** A recorded AWS job event from test/fixtures/aws/events/ (a fresh copy on every call). */
export function sampleEvent(name: string): Record<string, unknown> {
  return JSON.parse(
    readFileSync(new URL(`../fixtures/aws/events/${name}.json`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
}

/**
 * The sample SNS/SQS event with fields of its record's service message replaced (e.g. `{ JobId }`,
 * `{ API }`): the message is JSON inside the SNS record, or inside the SNS envelope of the SQS body.
 */
export function withMessage(
  sample: Record<string, unknown>,
  fields: Record<string, unknown>,
  where: 'sqs' | 'sns',
  index = 0,
): Record<string, unknown> {
  const record = (sample.Records as Record<string, unknown>[])[index];
  if (!record) throw new Error(`sample has no record ${index}`);
  if (where === 'sns') {
    const sns = record.Sns as { Message: string };
    sns.Message = JSON.stringify({ ...JSON.parse(sns.Message), ...fields });
  } else {
    const envelope = JSON.parse(String(record.body)) as { Message: string };
    envelope.Message = JSON.stringify({ ...JSON.parse(envelope.Message), ...fields });
    record.body = JSON.stringify(envelope);
  }
  return sample;
}

/** The sample SNS/SQS event with its record's JobId replaced. */
export function withJobId(
  sample: Record<string, unknown>,
  jobId: string,
  where: 'sqs' | 'sns',
  index = 0,
): Record<string, unknown> {
  return withMessage(sample, { JobId: jobId }, where, index);
}
