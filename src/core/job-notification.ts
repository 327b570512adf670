import { ValidationError } from '../errors';

/** An SNS topic that a job service (Textract, Rekognition Video) publishes the job's status to. */
export interface JobNotificationChannel {
  /** `arn:aws:sns:<region>:<account>:<topic>` (20–1,024 characters). */
  snsTopicArn: string;
  /** IAM role the service assumes to publish to the topic (20–2,048 characters). */
  roleArn: string;
}

// The services' own patterns (Textract/Rekognition API reference), with any partition.
const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]{1,20}:\d{12}:.+$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\-/]+$/;

/**
 * Checks a `notificationChannel` option before any call and returns it in the SDK's shape, or
 * `undefined` when it is not set. @internal
 */
export function notificationChannelInput(
  channel: JobNotificationChannel | undefined,
): { SNSTopicArn: string; RoleArn: string } | undefined {
  if (channel === undefined) return undefined;
  const { snsTopicArn, roleArn } = (channel ?? {}) as Partial<JobNotificationChannel>;
  const topicOk =
    typeof snsTopicArn === 'string' &&
    snsTopicArn.length >= 20 &&
    snsTopicArn.length <= 1024 &&
    SNS_TOPIC_ARN.test(snsTopicArn);
  const roleOk =
    typeof roleArn === 'string' &&
    roleArn.length >= 20 &&
    roleArn.length <= 2048 &&
    ROLE_ARN.test(roleArn);
  if (!topicOk || !roleOk) {
    throw new ValidationError(
      `notificationChannel needs an snsTopicArn (arn:aws:sns:us-east-1:123456789012:topic) and a roleArn (arn:aws:iam::123456789012:role/Name); got ${JSON.stringify({ snsTopicArn, roleArn })}`,
    );
  }
  return { SNSTopicArn: snsTopicArn, RoleArn: roleArn };
}
