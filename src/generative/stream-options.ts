import { ValidationError } from '../errors';
import { validateIdle } from './idle';
import { DEFAULT_MAX_RECOVERIES, DEFAULT_STREAM_IDLE_MS } from './limits';
import type { GenerateStreamOptions } from './types';

/** What a ConverseStream does on failure, with the option defaults applied. @internal */
export interface StreamSettings {
  recover: 'none' | 'restart';
  maxRecoveries: number;
  idleMs: number;
}

/** Checked at the call site, so a bad option throws before the operation code loads. @internal */
export function checkStreamOptions(options: GenerateStreamOptions): StreamSettings {
  const recover = options.recover ?? 'none';
  if (recover !== 'none' && recover !== 'restart') {
    throw new ValidationError(`recover must be 'none' or 'restart', got ${String(recover)}`);
  }
  const maxRecoveries = options.maxRecoveries ?? DEFAULT_MAX_RECOVERIES;
  if (!Number.isInteger(maxRecoveries) || maxRecoveries < 0) {
    throw new ValidationError(`maxRecoveries must be an integer >= 0, got ${maxRecoveries}`);
  }
  return {
    recover,
    maxRecoveries,
    idleMs: validateIdle(options.idleTimeoutMs, DEFAULT_STREAM_IDLE_MS),
  };
}
