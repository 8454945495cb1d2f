/** `ncssl verify <certificate.json...>`: re-checks certificates with the independent kernel (src/kernel). */
import { InputError, readBounded, utf8 } from '../io/read-input.js';
import { sizeLimit } from '../limits/limits.js';
import { knownProcedures, knownVariantProcedures } from '../certificates/format.js';
import { KERNEL_BOUNDS } from '../kernel/bounds.js';
import { verifyCertificate } from '../kernel/check.js';
import { type CommandModule, UsageError, filePath } from './command.js';

/**
 * Reads the certificate `path` (as typed, for messages) from `file` (where it is opened), up to
 * NCSSL_MAX_CERTIFICATE_MB (a d = 16 GD potential is tens of MB): a pipe, FIFO or device is read
 * up to the limit and then refused (src/io/read-input.ts).
 */
function readCertificate(path: string, file: string): string {
  try {
    return utf8(readBounded(file, Math.floor(sizeLimit('certificateBytes') * 1024 * 1024), 'certificate'));
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(`${path}: ${e.message}${/at most \d+ bytes/.test(e.message) ? ' (raise the limit with NCSSL_MAX_CERTIFICATE_MB=…)' : ''}`);
    throw e;
  }
}

/** The implementation of `ncssl verify` (its help and options: verify-command.ts). */
export const verifyCommand: CommandModule = {
  run(_values, positionals, io) {
    if (positionals.length === 0) throw new UsageError('verify: expected at least one certificate file');
    const verdicts = positionals.map((path) => ({ path, verdict: verifyCertificate(readCertificate(path, filePath(io, path)), { procedures: knownProcedures(), variantProcedures: knownVariantProcedures(), bounds: { ...KERNEL_BOUNDS, maxWork: sizeLimit('kernelWork') } }) }));
    const malformed = verdicts.find((v) => v.verdict.status === 'malformed');
    if (malformed) {
      const hint = /work bound/.test(malformed.verdict.reason) ? ' (raise the bound with NCSSL_MAX_KERNEL_WORK=…)' : '';
      throw new UsageError(`${malformed.path}: not a certificate: ${malformed.verdict.reason}${hint}`);
    }
    io.out(verdicts.map(({ path, verdict }) => `${path}: ${verdict.status}: ${verdict.reason}\n`).join(''));
    return verdicts.every((v) => v.verdict.status === 'accepted') ? 0 : 1;
  },
};
