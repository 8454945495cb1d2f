/**
 * A bad spec: the field that is wrong (a path such as `data.covariance[1][0]`) and what was
 * expected there. The CLI prints `ncssl: <file>: <field>: <expected>` on one line and exits 2.
 */
export class SpecError extends Error {
  readonly field: string;
  readonly expected: string;

  constructor(field: string, expected: string) {
    super(`${field}: ${expected}`);
    this.name = 'SpecError';
    this.field = field;
    this.expected = expected;
  }
}
