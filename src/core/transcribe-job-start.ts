/**
 * Starting the Transcribe jobs of aws-ai/speech and aws-ai/medical (transcription, medical and Call
 * Analytics): the Start* request that a retry may safely repeat, and the start without waiting on
 * media staged for the job.
 *
 * @internal
 * @packageDocumentation
 */
import { type Attempt, type CallOptions, callAws } from './call';
import type { ServiceDef } from './client-cache';
import type { ModuleContext } from './context';
import type { S3Location } from './inputs';
import { type StageOptions, stageForJob } from './staging';

/**
 * Sends a Start*Job request (`send`) by name: a retry after a lost response finds the job the
 * first attempt created (Transcribe's ConflictException), which counts as started.
 * @internal
 */
export async function startNamedJob<S, C>(
  ctx: ModuleContext,
  def: ServiceDef<S, C>,
  operation: string,
  send: (attempt: Attempt<S, C>) => Promise<unknown>,
  calls: CallOptions,
): Promise<void> {
  await callAws(
    ctx,
    def,
    operation,
    async (attempt) => {
      try {
        return await send(attempt);
      } catch (err) {
        if (attempt.attempt > 1 && (err as { name?: string }).name === 'ConflictException')
          return undefined;
        throw err;
      }
    },
    calls,
  );
}

/**
 * Stages `media` (bytes uploaded, an S3 object as it is) and runs `start` on its `s3://` URI; the
 * staged object is deleted only when the start fails, since the job reads it while it runs.
 * Returns the URI of an uploaded object (the job's `stagedUri`), else `undefined`.
 * @internal
 */
export async function startOnStaged(
  ctx: ModuleContext,
  media: Uint8Array | S3Location,
  options: StageOptions,
  start: (uri: string) => Promise<void>,
): Promise<string | undefined> {
  // In the starter's call scope the call settles after a failed start's delete (stageForJob).
  const { object } = await stageForJob(ctx, media, options, (staged) => start(staged.uri));
  return object.uploaded ? object.uri : undefined;
}
