/**
 * The ids of the subsections of "How to read this report" (sections/reading.ts), which other
 * sections cite with `ref(READING.stability)` instead of repeating the explanation. A section
 * refers to one only when the analysis it explains ran, which is when reading.ts includes it.
 */
export const READING = {
  claims: 'reading-claims',
  curl: 'reading-curl',
  stability: 'reading-stability',
  conserved: 'reading-conserved',
  flows: 'reading-flows',
} as const;

/**
 * The id of the section "In closed form" (sections/closed-forms.ts). It records itself in the
 * context's `said` under this key when it is built; the field, Jacobian and curl sections then
 * cite it for the polynomials in coordinates instead of printing them a second time.
 */
export const CLOSED_FORMS = 'closed-forms';
