// What stands for one indicator and period, read from its append-only history (every row of that
// indicator and period, oldest first; each new row supersedes the previous one). Pure.
//
// The rows form a stack of versions:
// - a report (new, replacement or correction) is pushed on top;
// - a withdrawal of the standing version pops it, and the version it had replaced stands again —
//   stored as a row that copies that version's figure and points at it (`restoresId`);
// - a withdrawal with nothing underneath, or "全部撤回", empties the period (`withdrawn`).
// Source of the rule: issue 11 ("撤回 after a replacement wipes the month" — it must not).

export interface VersionRow {
  id: number;
  withdrawn: boolean;
  restoresId: number | null;
}

/** The versions standing on top of each other after the whole history, bottom first. */
export function versionStack<T extends VersionRow>(rows: T[]): T[] {
  const stack: T[] = [];
  for (const r of rows) {
    if (r.withdrawn) stack.length = 0;
    else if (r.restoresId !== null) {
      stack.pop();
      // Normally the restored version is now on top; if the history was written otherwise, trust the row.
      while (stack.length && stack.at(-1)!.id !== r.restoresId) stack.pop();
      if (stack.length === 0) {
        const restored = rows.find((x) => x.id === r.restoresId);
        if (restored) stack.push(restored);
      }
    } else stack.push(r);
  }
  return stack;
}

/** The version that stands now (for a restore, the original version it brought back), or null. */
export function standingVersion<T extends VersionRow>(rows: T[]): T | null {
  return versionStack(rows).at(-1) ?? null;
}

/** What a withdrawal leaves standing: the version underneath (all = false), or nothing. */
export function afterWithdrawal<T extends VersionRow>(rows: T[], all: boolean): T | null {
  if (all) return null;
  return versionStack(rows).at(-2) ?? null;
}
