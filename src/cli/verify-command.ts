/**
 * `ncssl verify`: its name and help; the kernel is imported from verify.ts when the command runs.
 */
import { registerCommand, TIMEOUT_HELP } from './command.js';

registerCommand({
  name: 'verify',
  summary: 're-check certificates written by check --certificates with the independent kernel',
  help: `Usage: ncssl verify <certificate.json>... [--timeout SECONDS]

Re-checks each certificate with a small kernel that shares no code with the derivation engine
except exact rational arithmetic: it re-derives the model's objective from the moments (a
variant's from its view pairs, in its own interval arithmetic), recomputes only what the
certificate needs, and accepts or rejects (format and trust argument: docs/certificates.md). Prints one line per certificate: '<file>: accepted: <what was proved>' or
'<file>: rejected: <why>'.

Exit status: 0 when every certificate is accepted, 1 when one is rejected, 2 when a file cannot be
read or is not a certificate (then one line names the file and the field, and nothing else prints).

Options:
${TIMEOUT_HELP}
  -h, --help    show this help

Limits (docs/certificates.md): a certificate file of at most NCSSL_MAX_CERTIFICATE_MB (default 128)
is read, and one asking the kernel for more than NCSSL_MAX_KERNEL_WORK operations (default 5e7),
or for expressions of degree above 32, is not checked (exit 2).`,
  options: {},
  load: async () => (await import('./verify.js')).verifyCommand,
});
