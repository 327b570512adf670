/**
 * Text and speakers of transcript words (aws-ai/speech and aws-ai/medical).
 *
 * @internal
 * @packageDocumentation
 */
import type { TranscriptWord } from './transcript-types';

/** Words joined with spaces, punctuation attached to the word before. @internal */
export function joinWords(words: readonly TranscriptWord[]): string {
  let text = '';
  for (const word of words) {
    text += word.type === 'punctuation' || text === '' ? word.text : ` ${word.text}`;
  }
  return text;
}

/** Speaker labels in order of first appearance. @internal */
export function speakersOf(words: readonly TranscriptWord[]): string[] {
  return [...new Set(words.flatMap((w) => (w.speaker ? [w.speaker] : [])))];
}

/**
 * Consecutive words of one speaker (or channel), in order; sentences when neither is known. Each
 * module builds its segments from these runs. @internal
 */
export function wordRuns<W extends TranscriptWord>(words: readonly W[]): W[][] {
  const runs: W[][] = [];
  let current: W[] = [];
  const flush = (): void => {
    if (current.length > 0) runs.push(current);
    current = [];
  };
  for (const word of words) {
    const first = current[0];
    const labelled = word.speaker !== undefined || word.channel !== undefined;
    if (
      first &&
      word.type === 'pronunciation' &&
      (word.speaker !== first.speaker || word.channel !== first.channel)
    )
      flush();
    current.push(word);
    if (!labelled && word.type === 'punctuation' && /[.!?]/.test(word.text)) flush();
  }
  flush();
  return runs;
}
