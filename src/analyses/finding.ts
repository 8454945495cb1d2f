/**
 * Verdict levels (docs/math.md §7) and the plain-data shapes analyses return. Renderers read these;
 * analyses never format text. Exact numbers are carried as canonical strings ("3/4") so a
 * Finding serialises to JSON without loss.
 */
export type Level = 'proved' | 'certified' | 'numerical' | 'refuted' | 'inconclusive';

/** A point of a procedure's state: coordinate name → exact rational as text. */
export type ExactPoint = Record<string, string>;
