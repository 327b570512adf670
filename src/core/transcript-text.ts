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
