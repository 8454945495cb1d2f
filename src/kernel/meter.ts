/**
 * The kernel's work meter (bounds.ts explains the bounds): every step whose cost grows faster than
 * its input — a product of polynomials, an elimination, a characteristic polynomial — charges its
 * operation count here before it starts, and the certificate is refused once the budget is spent.
 * Set per certificate by `verifyCertificate` (check.ts); unlimited until then, so the kernel's
 * functions stay usable on their own.
 *
 * Example: `meterWork(5)` then `charge(6, 'a product')` throws KernelWorkExceeded.
 */

/** The budget ran out: the certificate asks for more work than the kernel allows (exit 2 in `verify`). */
export class KernelWorkExceeded extends Error {
  override name = 'KernelWorkExceeded';
}

let remaining = Infinity;
let budget = Infinity;

/** Starts a new budget of `operations` (Infinity: unmetered). */
export function meterWork(operations: number): void {
  budget = operations;
  remaining = operations;
}

/** Charges `operations` for `what`, or throws before the work is done. */
export function charge(operations: number, what: string): void {
  remaining -= operations;
  if (remaining < 0) {
    throw new KernelWorkExceeded(`${what} would exceed the kernel's work bound of ${budget} operations for one certificate`);
  }
}
