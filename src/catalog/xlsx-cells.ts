// Formula injection ("CSV injection", OWASP): a text cell beginning with = + - @ (or a tab or
// carriage return) becomes a live formula after a cell edit or a CSV round trip (=HYPERLINK(…),
// +cmd|…, @SUM(…)). On export such text is written with a leading apostrophe — the convention
// spreadsheet users know for "this is text" — and on import that apostrophe is removed again; the
// same text without it is refused with its row, as are formula cells (their cached result would be
// imported silently otherwise).

const RISKY = /^[=+\-@\t\r]/;
/** Plain signed numbers ("-5", "+3.5%") are data, not formulas. */
const SIGNED_NUMBER = /^[+-]\d+(\.\d+)?%?$/;

/** The text to write into a cell. */
export function escapeCellText(s: string): string {
  return RISKY.test(s) && !SIGNED_NUMBER.test(s) ? `'${s}` : s;
}

export type CellCheck = { ok: true; text: string } | { ok: false; reason: string };

/** The cell's text as imported, or the reason it is refused. */
export function unescapeCellText(s: string): CellCheck {
  if (s.startsWith("'") && RISKY.test(s.slice(1))) return { ok: true, text: s.slice(1) };
  if (RISKY.test(s) && !SIGNED_NUMBER.test(s)) {
    return { ok: false, reason: `内容以 ${JSON.stringify(s[0])} 开头，可能被表格软件当作公式执行；确需如此请在前面加英文单引号 '` };
  }
  return { ok: true, text: s };
}
