/**
 * Keeps secrets out of everything the runner writes (results, cache, logs,
 * error messages): the exact keys it is given, plus anything shaped like a
 * bearer token or an API key.
 */
const KEY_SHAPES: RegExp[] = [
  /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi,
  /\b(sk|rk|pk)-[A-Za-z0-9_-]{8,}/g,
  /\b(api[_-]?key|authorization)(["']?\s*[:=]\s*["']?)[^\s"',}]+/gi,
];

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    // Short strings would redact ordinary words; real keys are long.
    if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  }
  out = out.replace(KEY_SHAPES[0]!, 'Bearer [redacted]');
  out = out.replace(KEY_SHAPES[1]!, '$1-[redacted]');
  out = out.replace(KEY_SHAPES[2]!, '$1$2[redacted]');
  return out;
}
