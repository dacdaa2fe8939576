/**
 * Every secret the action handles goes through here: it is masked on the runner at once
 * (each form that could be printed), and remembered so that error text can be scrubbed too.
 */
export class Secrets {
  private readonly known = new Set<string>()

  constructor(private readonly mask: (value: string) => void) {}

  /**
   * Masks `value` and its derived forms: trimmed, each line, URL-encoded, and form-encoded
   * (spaces as `+`, as URLSearchParams writes the token request the action sends), and as it
   * appears inside a JSON string (an error body echoing it with `\t` or `\u00e9` escapes).
   */
  add(value: string | undefined): void {
    // White space alone is no secret: its encoded forms (%20%0A) would only garble the log.
    if (!value?.trim()) return
    const forms = new Set<string>([value, value.trim()])
    for (const line of value.split(/\r?\n/)) forms.add(line.trim())
    for (const form of [...forms]) {
      forms.add(encodeURIComponent(form))
      forms.add(new URLSearchParams({ v: form }).toString().slice(2))
      for (const escaped of jsonEscapedForms(form)) forms.add(escaped)
    }
    for (const form of forms) {
      // Very short fragments would mask ordinary log text and protect nothing.
      if (form.length < 4 || this.known.has(form)) continue
      this.mask(form)
      this.known.add(form)
    }
  }

  /** Replaces every known secret in `text` with `***`. */
  redact(text: string): string {
    let out = text
    // Longest first, so that a shorter form never leaves the tail of a longer secret behind.
    const longestFirst = [...this.known].sort((a, b) => b.length - a.length)
    for (const secret of longestFirst) out = out.split(secret).join('***')
    return out
  }
}

/** `value` as JSON writers escape it: control characters, and optionally all non-ASCII as \uXXXX. */
function jsonEscapedForms(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1)
  const ascii = (hex: (code: number) => string) =>
    json.replace(/[^\u0020-\u007e]/g, (c) => `\\u${hex(c.charCodeAt(0)).padStart(4, '0')}`)
  return [
    json,
    ascii((code) => code.toString(16)),
    ascii((code) => code.toString(16).toUpperCase())
  ]
}

/** The log methods of a runner (runner/runner.ts), structurally. */
type LogMethod = 'debug' | 'info' | 'notice' | 'warning' | 'setFailed'
const LOG_METHODS: readonly LogMethod[] = ['debug', 'info', 'notice', 'warning', 'setFailed']

/**
 * `runner` with every message scrubbed of every known secret before it is printed: each line
 * that carries outside text (an identity's name, a key's name, IAM's error text) is redacted,
 * whoever wrote it, not only those someone remembered. Every other method is the runner's own.
 */
export function redactingRunner<R extends Record<LogMethod, (message: string) => void>>(
  runner: R,
  secrets: Secrets
): R {
  return new Proxy(runner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver)
      if (typeof value !== 'function') return value
      const method = (value as (...args: unknown[]) => unknown).bind(target)
      if (!(LOG_METHODS as readonly PropertyKey[]).includes(property)) return method
      return (message: string) => method(secrets.redact(message))
    }
  })
}
