// The typed form of a 年度指标值 ("98%", "≥800人", "15场左右", "应做尽做", compound targets).
// Produced by parseTarget (src/domain/target.ts), stored as Indicator.typedTarget (JSON).

/** ≈ is "左右" (about): met within `tolerance` (a fraction of the value). */
export type Comparator = ">=" | ">" | "=" | "≈" | "<=" | "<";

/** 正向 = more is better (≥, >, counts, rates); 反向 = less is better (偏离率 ≤, 差错 = 0). */
export type Direction = "positive" | "negative";

export interface QuantitativePart {
  kind: "quantitative";
  /** The piece of the target text this part was read from. */
  text: string;
  /** What is measured, when the text names it ("值班人次", "聘请法律顾问", "全年累计播出"). */
  label?: string;
  comparator: Comparator;
  value: number;
  /** "%", "人次", "人", "篇", "场", "本", "期", "名", "个", "件", "万元", "次", "天", "版面" … or null */
  unit: string | null;
  direction: Direction;
  /** For ≈: accepted relative deviation (0.2 = ±20%). */
  tolerance?: number;
  /** "每周" when the number is per week, etc. (the yearly total is then a separate part if given). */
  per?: "week" | "month" | "quarter" | "year";
}

export interface QualitativePart {
  kind: "qualitative";
  text: string;
  /** The normalised standard: 应做尽做, 按时按量完成, 验收合格, 完成, 有序进行, 零差错 … */
  standard: string;
  /** The text still holds a placeholder ("计划举办XX场次"): the table needs filling in, not a report. */
  placeholder?: boolean;
  /** A date the work is due by, read from "2020年底完成" (a deadline, never the number 2020). */
  deadline?: string;
}

export type TargetPart = QuantitativePart | QualitativePart;

export interface TypedTarget {
  parts: TargetPart[];
}
