/**
 * Escaping for markup that HTML and SVG share: text and attribute values with & < > " '.
 *
 * Example: `escapeMarkup('a < b & "c"')` is `a &lt; b &amp; &quot;c&quot;`.
 */
export function escapeMarkup(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
