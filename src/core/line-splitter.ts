/**
 * Splits UTF-8 bytes that arrive in pieces into lines, holding only one partial line: a job's JSON
 * Lines output read as it streams. Lines come without their `\n` (or `\r\n`); a last line without a
 * newline comes from {@link LineSplitter.end}. A character split across two pieces is decoded
 * whole.
 *
 * @example
 * ```ts
 * const lines = new LineSplitter();
 * for await (const chunk of body) for (const line of lines.push(chunk)) handle(line);
 * for (const line of lines.end()) handle(line);
 * ```
 * @internal
 */
export class LineSplitter {
  readonly #decoder = new TextDecoder();
  #partial = '';

  /** The lines the piece completes, in order. */
  push(chunk: Uint8Array): string[] {
    return this.#split(this.#decoder.decode(chunk, { stream: true }));
  }

  /** The input ended: the last line, if it had no newline. */
  end(): string[] {
    const lines = this.#split(this.#decoder.decode());
    const last = this.#partial;
    this.#partial = '';
    if (last !== '') lines.push(trimCr(last));
    return lines;
  }

  #split(text: string): string[] {
    const lines: string[] = [];
    let from = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', from)) {
      const line = from === 0 ? this.#partial + text.slice(0, end) : text.slice(from, end);
      if (from === 0) this.#partial = '';
      lines.push(trimCr(line));
      from = end + 1;
    }
    this.#partial += text.slice(from);
    return lines;
  }
}

const trimCr = (line: string): string => (line.endsWith('\r') ? line.slice(0, -1) : line);
