// The reference values printed beside each target in the goal table (规划值, 标准值 and its source,
// 前三年均值, 上年值 and its source): one list of fields for every view that shows them.
export const REFERENCE_FIELDS = ["planValue", "standardValue", "standardSource", "threeYearAverage", "lastYearValue", "lastYearSource"] as const;

export type ReferenceField = (typeof REFERENCE_FIELDS)[number];
export type ReferenceValues = Record<ReferenceField, string | null>;

/** Just the reference values of an indicator row (which has many other columns). */
export function referenceValuesOf(row: ReferenceValues): ReferenceValues {
  return Object.fromEntries(REFERENCE_FIELDS.map((f) => [f, row[f]])) as ReferenceValues;
}
