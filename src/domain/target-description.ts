// describeTarget: a TypedTarget (target-types.ts, read by parseTarget in target.ts) said back in
// short Chinese for cards and the CLI — "值班人次 ≥ 800 人", "≈ 15 场（±20%）", "定性：应做尽做".
import type { TargetPart, TypedTarget } from "./target-types.js";
import { COMPARATOR_SYMBOL } from "./target-words.js";

const PER_WORD = { week: "每周", month: "每月", quarter: "每季度", year: "每年" } as const;

/** Short Chinese rendering: "值班人次 ≥ 800 人", "≈ 15 场（±20%）", "定性：应做尽做". */
export function describeTarget(t: TypedTarget): string {
  return t.parts.map(describePart).join("；");
}

function describePart(p: TargetPart): string {
  if (p.kind === "qualitative") {
    if (p.placeholder) return "定性：指标值待定（目标表未填具体数值）";
    const detail = p.standard === "完成" && p.text !== "完成" ? `（${shorten(p.text)}）` : "";
    return `定性：${p.standard}${detail}${p.deadline ? `，${p.deadline}前` : ""}`;
  }
  const unit = p.unit === null ? "" : p.unit === "%" ? "%" : ` ${p.unit}`;
  const tolerance = p.comparator === "≈" && p.tolerance ? `（±${Math.round(p.tolerance * 100)}%）` : "";
  const head = [p.per ? PER_WORD[p.per] : "", p.label ?? ""].join("");
  return `${head ? `${head} ` : ""}${COMPARATOR_SYMBOL[p.comparator]} ${p.value}${unit}${tolerance}`;
}

function shorten(s: string): string {
  return s.length > 24 ? `${s.slice(0, 23)}…` : s;
}
