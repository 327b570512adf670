/**
 * Reading a local file for {@link resolveBinary}, kept apart so the rest of `inputs.ts` has no
 * `node:fs` dependency.
 *
 * @internal
 * @packageDocumentation
 */

import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ValidationError } from '../errors';

/** Longest path quoted in a message: a huge string passed as a path is usually not a path. */
const MAX_QUOTED_PATH = 200;

/** The path as messages show it, shortened when it is very long. */
export function quotePath(path: string): string {
  return JSON.stringify(
    path.length > MAX_QUOTED_PATH ? `${path.slice(0, MAX_QUOTED_PATH)}…` : path,
  );
}

/** Starts like a path: absolute, `./`, `../`, `~/`, a drive letter, a UNC share or a file URL. */
const PATH_START = /^(?:\/|\.{1,2}[\\/]|~[\\/]|[A-Za-z]:[\\/]|\\\\|file:\/\/)/;
/** One token with a directory separator or a file extension: `docs/a.pdf`, `scan.jpg`. */
const PATH_TOKEN = /^[^\s]+$/;
const HAS_SEPARATOR_OR_EXTENSION = /[\\/]|\.[A-Za-z0-9]{1,8}$/;

/**
 * Whether a string that names no existing file was meant as a path, judged by its form. Only such
 * strings are quoted in messages: a text passed where a path is expected (`"Patient record …"`) is
 * the caller's data, and messages name its kind and length instead.
 *
 * @internal
 */
export function looksLikePath(text: string): boolean {
  if (text.length > MAX_QUOTED_PATH || /[\r\n]/.test(text)) return false;
  if (PATH_START.test(text)) return true;
  return PATH_TOKEN.test(text) && HAS_SEPARATOR_OR_EXTENSION.test(text);
}

/** The outcome of {@link readLocalFile} when no file could be read: the caller words the error. */
export type MissingFile = { missing: true; code: string | undefined };

/**
 * Reads a local file (a path or a `file://` URL), checking its size before reading it.
 *
 * @returns the file's bytes (a Buffer), or `{ missing: true }` when no file exists at `path`.
 * @throws {@link ValidationError} when `path` is a directory, is unreadable, is empty or is larger
 *   than `maxBytes` (the message gives the limit and the size).
 * @example
 * ```ts
 * const bytes = await readLocalFile('./cat.jpg', 'image', 5_242_880);
 * ```
 * @internal
 */
export async function readLocalFile(
  path: string,
  label: string,
  maxBytes: number | undefined,
): Promise<Uint8Array | MissingFile> {
  const file = path.startsWith('file://') ? fileURLToPath(path) : path;
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) {
      throw new ValidationError(`${label} path ${quotePath(path)} is not a file`);
    }
    size = info.size;
  } catch (err) {
    if (ValidationError.isInstance(err)) throw err;
    const code = (err as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ENAMETOOLONG' || code === 'EINVAL') {
      return { missing: true, code };
    }
    throw new ValidationError(`${label} file ${quotePath(path)} cannot be read`, {
      code: typeof code === 'string' ? code : undefined,
      cause: err,
    });
  }
  // Checked before reading, so a huge file is refused without loading it.
  if (size === 0) throw new ValidationError(`${label} file ${quotePath(path)} is empty (0 bytes)`);
  if (maxBytes !== undefined && size > maxBytes) {
    throw new ValidationError(
      `${label} file ${quotePath(path)} is ${size} bytes; the limit is ${maxBytes} bytes`,
    );
  }
  return readFile(file);
}
