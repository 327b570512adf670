/**
 * Parses JSON that is still arriving (a streamed tool input or text answer) into the value it has
 * so far: open strings, arrays and objects are closed, and a member that is not complete yet (a
 * key without its value, half a number or literal) is left out.
 * @internal
 */

interface Scan {
  /** Closing brackets for the containers still open, innermost first. */
  closers: string;
  /** Inside a string at the end. */
  inString: boolean;
  /** Where the last member began, outside strings: after `{`, `[`, or before `,` or `:`. */
  cut: number;
}

function scan(text: string): Scan {
  const stack: string[] = [];
  let inString = false;
  let escaped = false;
  let cut = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      stack.push(c === '{' ? '}' : ']');
      cut = i + 1;
    } else if (c === '}' || c === ']') stack.pop();
    else if (c === ',' || c === ':') cut = i;
  }
  return { closers: stack.reverse().join(''), inString, cut };
}

function attempt(prefix: string, s: Scan): unknown {
  let body = prefix;
  if (s.inString) {
    // A cut escape sequence (`\`, `\u00`) would make the closing quote invalid.
    body = body.replace(/\\(?:u[0-9a-fA-F]{0,3})?$/, '');
    body += '"';
  }
  return JSON.parse(body + s.closers);
}

/** The value so far, or `undefined` while nothing is complete enough to show. */
export function parsePartialJson(text: string): unknown {
  let end = text.length;
  // Each failed attempt cuts back to the start of the last member: at most one try per member.
  for (let tries = 0; tries < 64 && end >= 0; tries += 1) {
    const prefix = text.slice(0, end).trimEnd();
    if (prefix === '') return undefined;
    const s = scan(prefix);
    try {
      return attempt(prefix, s);
    } catch {
      const next = s.cut >= prefix.length ? prefix.length - 1 : s.cut;
      if (next <= 0 || next >= end) return undefined;
      end = next;
    }
  }
  return undefined;
}
