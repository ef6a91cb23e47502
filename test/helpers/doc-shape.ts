// Compares a message a simulator sent with the venue's documented example: the same keys, the same JSON
// types, the same nesting. null on either side stands for a field that may be empty, so it matches any type;
// an array is compared by its elements against the documented first element.
export function shapeDifferences(actual: unknown, documented: unknown, path = '$'): string[] {
  if (actual === null || documented === null || (actual === undefined && documented === undefined)) return [];
  const kind = (v: unknown): string => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
  if (kind(actual) !== kind(documented)) {
    return [`${path}: ${kind(actual)} where the documentation has ${kind(documented)}`];
  }
  if (Array.isArray(actual)) {
    const model = (documented as unknown[])[0];
    if (model === undefined) return [];
    return actual.flatMap((a, i) => shapeDifferences(a, model, `${path}[${i}]`));
  }
  if (typeof actual !== 'object') return [];
  const a = actual as Record<string, unknown>;
  const d = documented as Record<string, unknown>;
  const out: string[] = [];
  for (const key of Object.keys(d)) {
    if (!(key in a)) out.push(`${path}.${key}: documented, not sent`);
    else out.push(...shapeDifferences(a[key], d[key], `${path}.${key}`));
  }
  for (const key of Object.keys(a)) if (!(key in d)) out.push(`${path}.${key}: sent, not documented`);
  return out;
}
