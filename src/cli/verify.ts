/** `ncssl verify <certificate.json...>`: re-checks certificates with the independent kernel (src/kernel). */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { verifyCertificate } from '../kernel/check.js';
import { UsageError, registerCommand } from './command.js';

/** Largest certificate read (a d = 16 GD potential is tens of MB). */
const MAX_CERTIFICATE_BYTES = 512 * 1024 * 1024;

function readCertificate(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new UsageError(`${path}: cannot read the certificate (${((e as Error).message ?? '').split(',')[0]})`);
  }
  try {
    const size = fstatSync(fd).size;
    if (fstatSync(fd).isDirectory()) throw new UsageError(`${path}: expected a certificate file, got a directory`);
    if (size > MAX_CERTIFICATE_BYTES) throw new UsageError(`${path}: expected a certificate of at most ${MAX_CERTIFICATE_BYTES} bytes, got ${size}`);
    const buf = Buffer.alloc(size);
    let len = 0;
    for (let n = 1; n > 0 && len < size; len += n) n = readSync(fd, buf, len, size - len, null);
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, len));
    } catch {
      throw new UsageError(`${path}: expected UTF-8 text, got an invalid byte sequence`);
    }
  } finally {
    closeSync(fd);
  }
}

registerCommand({
  name: 'verify',
  summary: 're-check certificates written by check --certificates with the independent kernel',
  help: `Usage: ncssl verify <certificate.json>...

Re-checks each certificate with a small kernel that shares no code with the derivation engine
except exact rational arithmetic: it re-derives the model's objective from the moments, recomputes
only what the certificate needs, and accepts or rejects (format and trust argument:
docs/certificates.md). Prints one line per certificate: '<file>: accepted: <what was proved>' or
'<file>: rejected: <why>'.

Exit status: 0 when every certificate is accepted, 1 when one is rejected, 2 when a file cannot be
read or is not a certificate (then one line names the file and the field, and nothing else prints).

Options:
  -h, --help    show this help`,
  options: {},
  run(_values, positionals, io) {
    if (positionals.length === 0) throw new UsageError('verify: expected at least one certificate file');
    const verdicts = positionals.map((path) => ({ path, verdict: verifyCertificate(readCertificate(path)) }));
    const malformed = verdicts.find((v) => v.verdict.status === 'malformed');
    if (malformed) throw new UsageError(`${malformed.path}: not a certificate: ${malformed.verdict.reason}`);
    io.out(verdicts.map(({ path, verdict }) => `${path}: ${verdict.status}: ${verdict.reason}\n`).join(''));
    return verdicts.every((v) => v.verdict.status === 'accepted') ? 0 : 1;
  },
});
