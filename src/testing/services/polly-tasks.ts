import { EmulatorError } from '../emulator-error';
import type { EmulatorInput, Handler } from '../types';
import { missingMember } from './constraint';
import {
  AUDIO_CONTENT_TYPES,
  speechMarks,
  spokenText,
  spokenWithIndex,
  synthesizeAudio,
} from './polly-audio';
import { checkSynthesisRequest } from './polly-checks';
import type { S3Store } from './s3-store';

/** StartSpeechSynthesisTask: billed and total characters per task (aws-limits.md §3). */
const MAX_TASK_BILLED = 100_000;
const MAX_TASK_TOTAL = 200_000;
const EXTENSIONS: Readonly<Record<string, string>> = {
  mp3: 'mp3',
  ogg_vorbis: 'ogg',
  ogg_opus: 'ogg',
  pcm: 'pcm',
  json: 'marks',
};
const DEFAULT_RATES: Readonly<Record<string, number>> = { pcm: 16000, ogg_opus: 48000 };

interface Task {
  id: string;
  input: EmulatorInput;
  checks: number;
  created: Date;
  key: string;
}

/**
 * Polly synthesis tasks: a task is `scheduled` when started, `inProgress` at its first
 * GetSpeechSynthesisTask and `completed` at the second, when it writes its file
 * (`<prefix><taskId>.<ext>`) into the emulator's S3. Ids count up, so runs are deterministic;
 * `clear()` (`emu.reset()`) forgets every task and restarts the ids.
 */
export function createSynthesisTasks(store?: S3Store): {
  handlers: Record<string, Handler>;
  clear: () => void;
} {
  const tasks = new Map<string, Task>();
  let next = 0;

  const describe = (task: Task, status: string) => {
    const { input } = task;
    const bucket = String(input.OutputS3BucketName);
    return {
      SynthesisTask: {
        TaskId: task.id,
        TaskStatus: status,
        OutputUri: `https://s3.us-east-1.amazonaws.com/${bucket}/${task.key}`,
        CreationTime: task.created,
        RequestCharacters: spokenText(String(input.Text), input.TextType).length,
        OutputFormat: input.OutputFormat,
        VoiceId: input.VoiceId,
        TextType: input.TextType ?? 'text',
        ...(input.Engine ? { Engine: input.Engine } : {}),
        ...(input.SpeechMarkTypes ? { SpeechMarkTypes: input.SpeechMarkTypes } : {}),
        ...(input.SnsTopicArn ? { SnsTopicArn: input.SnsTopicArn } : {}),
      },
    };
  };

  const write = (task: Task) => {
    const { input } = task;
    const text = String(input.Text);
    const format = String(input.OutputFormat);
    const body =
      format === 'json'
        ? speechMarks(
            text,
            input.TextType,
            Array.isArray(input.SpeechMarkTypes) ? input.SpeechMarkTypes.map(String) : ['word'],
          )
        : synthesizeAudio(
            spokenWithIndex(text, input.TextType).spoken,
            format,
            Number(input.SampleRate ?? DEFAULT_RATES[format] ?? 22050),
          );
    store?.put(
      String(input.OutputS3BucketName),
      task.key,
      body,
      AUDIO_CONTENT_TYPES[format] ?? 'application/octet-stream',
      {},
    );
  };

  const handlers: Record<string, Handler> = {
    StartSpeechSynthesisTask: (input) => {
      const { Text, TextType, OutputFormat, VoiceId, OutputS3BucketName } = input;
      if (typeof Text !== 'string') throw missingMember('text');
      if (typeof VoiceId !== 'string') throw missingMember('voiceId');
      if (typeof OutputFormat !== 'string') throw missingMember('outputFormat');
      if (typeof OutputS3BucketName !== 'string') throw missingMember('outputS3BucketName');
      if (spokenText(Text, TextType).length > MAX_TASK_BILLED || Text.length > MAX_TASK_TOTAL) {
        throw new EmulatorError(
          'TextLengthExceededException',
          `Text is longer than ${MAX_TASK_BILLED} billed or ${MAX_TASK_TOTAL} total characters`,
        );
      }
      if (TextType === 'ssml' && !/^\s*<speak\b[\s\S]*<\/speak>\s*$/.test(Text)) {
        throw new EmulatorError('InvalidSsmlException', 'Invalid SSML request');
      }
      checkSynthesisRequest(input, true);
      if (OutputFormat === 'json' && !Array.isArray(input.SpeechMarkTypes)) {
        throw new EmulatorError(
          'MarksNotSupportedForFormatException',
          'Speech marks need SpeechMarkTypes with the json format',
        );
      }
      next++;
      const id = `emu-polly-task-${String(next).padStart(8, '0')}`;
      const prefix = typeof input.OutputS3KeyPrefix === 'string' ? input.OutputS3KeyPrefix : '';
      const task: Task = {
        id,
        input,
        checks: 0,
        created: new Date(Date.UTC(2026, 0, 1) + next * 1000),
        key: `${prefix}${id}.${EXTENSIONS[OutputFormat] ?? 'bin'}`,
      };
      tasks.set(id, task);
      return describe(task, 'scheduled');
    },
    GetSpeechSynthesisTask: (input) => {
      // TaskId: `^[a-zA-Z0-9_-]{1,100}$` (polly.json), refused with the operation's own error.
      if (!/^[a-zA-Z0-9_-]{1,100}$/.test(String(input.TaskId))) {
        throw new EmulatorError('InvalidTaskIdException', 'The provided Task ID is not valid.');
      }
      const task = tasks.get(String(input.TaskId));
      if (!task) {
        throw new EmulatorError(
          'SynthesisTaskNotFoundException',
          `Synthesis task ${String(input.TaskId)} not found`,
        );
      }
      task.checks++;
      if (task.checks === 2) write(task);
      return describe(task, task.checks >= 2 ? 'completed' : 'inProgress');
    },
  };
  const clear = (): void => {
    tasks.clear();
    next = 0;
  };
  return { handlers, clear };
}
