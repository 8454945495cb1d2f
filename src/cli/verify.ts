/** `ncssl verify <certificate.json...>`: re-checks certificates with the independent kernel (src/kernel). */
import { readFileSync, statSync } from 'node:fs';
import { verifyCertificate } from '../kernel/check.js';
import { type CommandModule, UsageError, filePath } from './command.js';

/** Largest certificate read (a d = 16 GD potential is tens of MB). */
const MAX_CERTIFICATE_BYTES = 512 * 1024 * 1024;

/** Reads the certificate `path` (as typed, for messages) from `file` (where it is opened). */
function readCertificate(path: string, file: string): string {
  const cannot = (e: unknown): never => {
    throw new UsageError(`${path}: cannot read the certificate (${String((e as Error)?.message ?? e).split(',')[0]})`);
  };
  let bytes: Buffer;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new UsageError(`${path}: expected a certificate file, got a directory`);
    if (stat.size > MAX_CERTIFICATE_BYTES) throw new UsageError(`${path}: expected a certificate of at most ${MAX_CERTIFICATE_BYTES} bytes, got ${stat.size}`);
    bytes = readFileSync(file);
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

/** The implementation of `ncssl verify` (its help and options: verify-command.ts). */
export const verifyCommand: CommandModule = {
  run(_values, positionals, io) {
    if (positionals.length === 0) throw new UsageError('verify: expected at least one certificate file');
    const verdicts = positionals.map((path) => ({ path, verdict: verifyCertificate(readCertificate(path, filePath(io, path))) }));
    const malformed = verdicts.find((v) => v.verdict.status === 'malformed');
    if (malformed) throw new UsageError(`${malformed.path}: not a certificate: ${malformed.verdict.reason}`);
    io.out(verdicts.map(({ path, verdict }) => `${path}: ${verdict.status}: ${verdict.reason}\n`).join(''));
    return verdicts.every((v) => v.verdict.status === 'accepted') ? 0 : 1;
  },
};
