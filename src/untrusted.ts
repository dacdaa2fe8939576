/**
 * Text that did not originate in the action (claims of a JWT, ids and names IAM returns,
 * values read back from GITHUB_STATE) is neutralised here before it is printed or put in the
 * job summary: it can neither start a line of its own (and so a workflow command) nor carry
 * one, nor add Markdown or HTML to the summary. `oneLine` is the one way any message quotes
 * outside text, inputs included (a refused input value is outside text too).
 */

/** Longest piece of outside text printed as is; the rest is cut. */
const MAX_OUTSIDE_CHARS = 200

// C0 and C1 controls, DEL, line and paragraph separators, and bidirectional overrides.
// eslint-disable-next-line no-control-regex -- control characters are what is escaped
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/**
 * One line of plain text: control characters shown as `\n`, `\u0007`..., workflow-command
 * markers (`::` and the old `##[`) broken apart, cut to MAX_OUTSIDE_CHARS.
 */
export function oneLine(text: unknown): string {
  const raw = String(text)
  const cut = raw.length > MAX_OUTSIDE_CHARS ? `${raw.slice(0, MAX_OUTSIDE_CHARS - 1)}…` : raw
  return cut
    .replace(UNPRINTABLE, (c) => {
      const escaped = JSON.stringify(c).slice(1, -1)
      return escaped.length > 1 ? escaped : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
    })
    .replace(/:(?=:)/g, ': ')
    .replace(/##\[/g, '## [')
}

/**
 * Outside text as a Markdown code span for a table cell: no emphasis, links, HTML or
 * mentions inside it, and `|` escaped so that it cannot open another cell.
 */
export function codeCell(text: unknown): string {
  const line = oneLine(text).replace(/\|/g, '\\|')
  const longestRun = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longestRun + 1)
  const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${line}${pad}${fence}`
}
