import { AwsAI, type Logger } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { adaptLogger } from '../../src/logger';
import { FAST_RETRY, useEmulator } from '../helpers/emulator';

const { emu } = await useEmulator();

/** Records calls the way pino does: `(mergingObject, message)`, with pino's recognizable shape. */
function fakePino() {
  const records: { level: string; fields: unknown; msg: unknown }[] = [];
  const log = (level: string) => (fields: unknown, msg?: unknown) => {
    // pino treats a string first argument as the message and drops non-format extras.
    if (typeof fields === 'string') records.push({ level, fields: {}, msg: fields });
    else records.push({ level, fields, msg });
  };
  const logger = {
    levels: { values: { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } },
    child: () => logger,
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
  };
  return { logger: logger as unknown as Logger, records };
}

describe('config.logger', () => {
  it('a pino-style logger gets (fields, message): requestId stays a field', async () => {
    const { logger, records } = fakePino();
    const ai = new AwsAI({ ...emu.config, retry: FAST_RETRY, logger });
    emu.fault({ service: 'comprehend', kind: 'throttle', times: 1 });
    await ai.text.detectLanguage('Hello world, how are you today?');
    const retry = records.find((r) => String(r.msg).includes('retrying'));
    expect(retry).toMatchObject({ level: 'debug', fields: { requestId: expect.any(String) } });
    expect(String(retry?.msg)).toMatch(/^aws-ai: comprehend DetectDominantLanguage attempt 1/);
  });

  it('a console-style logger gets (message, fields) unchanged', async () => {
    const calls: unknown[][] = [];
    const logger: Logger = {
      debug: (...args) => calls.push(args),
      info: () => {},
      warn: () => {},
      error: () => {},
    };
    const ai = new AwsAI({ ...emu.config, retry: FAST_RETRY, logger });
    emu.fault({ service: 'comprehend', kind: 'throttle', times: 1 });
    await ai.text.detectLanguage('Hello world, how are you today?');
    expect(calls[0]).toEqual([
      expect.stringMatching(/retrying$/),
      { requestId: expect.any(String) },
    ]);
  });

  it('a withOptions client keeps logging object-first', async () => {
    const { logger, records } = fakePino();
    const ai = new AwsAI({ ...emu.config, retry: FAST_RETRY, logger }).withOptions({
      timeoutMs: 5_000,
    });
    emu.fault({ service: 'comprehend', kind: 'throttle', times: 2 });
    await ai.text.detectLanguage('Hello world, how are you today?');
    expect(records.filter((r) => String(r.msg).includes('retrying'))).toHaveLength(2);
    expect(records.every((r) => typeof r.fields === 'object')).toBe(true);
  });

  it('puts an Error under err, merges objects, and adapts once', () => {
    const { logger, records } = fakePino();
    const adapted = adaptLogger(logger) as Logger;
    const err = new Error('denied');
    adapted.warn('aws-ai: could not delete staged object', err);
    adapted.debug('aws-ai: staged', { bytes: 3 }, { uri: 's3://b/k' });
    expect(records).toEqual([
      { level: 'warn', fields: { err }, msg: 'aws-ai: could not delete staged object' },
      { level: 'debug', fields: { bytes: 3, uri: 's3://b/k' }, msg: 'aws-ai: staged' },
    ]);
    expect(adaptLogger(adapted)).toBe(adapted);
    expect(adaptLogger(console)).toBe(console);
  });
});
