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
