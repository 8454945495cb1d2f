/** `ncssl verify <certificate.json...>`: re-checks certificates with the independent kernel (src/kernel). */
import { readFileSync, statSync } from 'node:fs';
import { verifyCertificate } from '../kernel/check.js';
import { UsageError, registerCommand } from './command.js';

/** Largest certificate read (a d = 16 GD potential is tens of MB). */
const MAX_CERTIFICATE_BYTES = 512 * 1024 * 1024;

function readCertificate(path: string): string {
  const cannot = (e: unknown): never => {
    throw new UsageError(`${path}: cannot read the certificate (${String((e as Error)?.message ?? e).split(',')[0]})`);
  };
  let bytes: Buffer;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new UsageError(`${path}: expected a certificate file, got a directory`);
    if (stat.size > MAX_CERTIFICATE_BYTES) throw new UsageError(`${path}: expected a certificate of at most ${MAX_CERTIFICATE_BYTES} bytes, got ${stat.size}`);
    bytes = readFileSync(path);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    return cannot(e);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`${path}: expected UTF-8 text, got an invalid byte sequence`);
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
