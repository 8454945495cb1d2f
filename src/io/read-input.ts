/**
 * Reading an input file (a spec, a certificate) with a size limit, whatever the file is (issue 9):
 * a regular file is refused by its size before it is read; anything else — a pipe, a FIFO,
 * /dev/stdin, /dev/zero, a terminal — is read up to one byte past the limit and then refused, so
 * an endless stream costs at most the limit. The file is opened non-blocking, so opening a FIFO
 * never waits for a writer; a FIFO or pipe without a writer reads as empty, and one whose writer
 * is slow is waited for (under `--timeout` the deadline ends the wait, deadline.ts).
 *
 * Example: `readBounded('/dev/zero', 1000)` throws InputError('expected at most 1000 bytes, got more').
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Why an input could not be read: the text after "expected" in the caller's one-line message. */
export class InputError extends Error {
  override name = 'InputError';
}

/** "ENOENT: no such file or directory" without the path Node appends (the caller prints it already). */
function reason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const first = message.split(', ')[0]!;
  return first.length > 80 ? `${first.slice(0, 80)}…` : first;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * The bytes of `path`, at most `maxBytes` of them, or an InputError. `what` names the input in
 * messages ("spec", "certificate").
 */
export function readBounded(path: string, maxBytes: number, what: string): Buffer {
  let fd: number;
  try {
    // O_NONBLOCK: open() of a FIFO without a writer returns at once instead of waiting forever.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0));
  } catch (e) {
    throw new InputError(`expected a readable ${what} file, got ${reason(e)}`);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new InputError(`expected a ${what} file, got a directory`);
    if (stat.isFile() && stat.size > maxBytes) throw new InputError(`expected a ${what} of at most ${maxBytes} bytes, got ${stat.size} bytes`);
    // Read at most one byte past the limit whatever stat says: sizes lie for pipes and /proc files.
    // Chunks of at most 4 MB, joined at the end, so a small input never costs the whole limit.
    const chunks: Buffer[] = [];
    let len = 0;
    let idle = 1;
    let chunk = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(65_536, stat.size + 1), 4 << 20));
    let used = 0;
    while (len <= maxBytes) {
      if (used === chunk.length) {
        chunks.push(chunk);
        chunk = Buffer.allocUnsafe(Math.min(maxBytes + 1 - len, 4 << 20));
        used = 0;
      }
      let n: number;
      try {
        n = readSync(fd, chunk, used, chunk.length - used, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
        // A pipe or terminal whose writer has not written yet: wait a little (up to 50 ms) and retry.
        Atomics.wait(pause, 0, 0, idle);
        idle = Math.min(50, idle * 2);
        continue;
      }
      if (n === 0) break;
      used += n;
      len += n;
      idle = 1;
    }
    if (len > maxBytes) throw new InputError(`expected a ${what} of at most ${maxBytes} bytes, got more`);
    chunks.push(chunk.subarray(0, used));
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, len);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`expected a readable ${what} file, got ${reason(e)}`);
  } finally {
    closeSync(fd);
  }
}

/** The text of bytes that must be UTF-8. */
export function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError('expected UTF-8 text, got an invalid byte sequence');
  }
}
