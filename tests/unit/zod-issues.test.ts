// The one way a zod refusal is said (src/zod-issues.ts): "where: what" clauses joined with "; ",
// zod's own messages in Chinese under CHINESE_MESSAGES, a schema's own message kept as written.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CHINESE_MESSAGES, describeIssues, issueLine, issueLines, parseDataFile } from "../../src/zod-issues.js";
import { AppError } from "../../src/errors.js";

const schema = z.object({
  year: z.number(),
  name: z.string({ error: "须为文字" }),
  rows: z.array(z.object({ code: z.string().min(2) })),
});
const bad = { year: "2021", name: 1, rows: [{ code: "a" }] };

describe("zod issues", () => {
  it("says zod's own messages in Chinese, a schema's own message as written, with the dotted path", () => {
    const r = schema.safeParse(bad, CHINESE_MESSAGES);
    expect(r.success).toBe(false);
    expect(issueLines(r.error!)).toEqual([
      "year: 无效输入：期望 数字，实际接收 string",
      "name: 须为文字",
      "rows.0.code: 数值过小：期望 string >=2 字符",
    ]);
  });

  it("joins with '; ', keeps the first `limit`, names the root and a path as told", () => {
    const r = schema.safeParse(bad, CHINESE_MESSAGES);
    expect(describeIssues(r.error!, { limit: 2 })).toBe("year: 无效输入：期望 数字，实际接收 string; name: 须为文字");
    expect(describeIssues(z.string().safeParse(1, CHINESE_MESSAGES).error!, { root: "(file)" })).toBe("(file): 无效输入：期望 string，实际接收 数字");
    const where = (path: readonly PropertyKey[]) => (path[0] === "year" ? "年度" : undefined);
    expect(issueLine(r.error!.issues[0]!, { where })).toBe("年度: 无效输入：期望 数字，实际接收 string");
    expect(issueLine(r.error!.issues[1]!, { where })).toBe("name: 须为文字");
    expect(describeIssues(r.error!, { bare: true })).toBe("无效输入：期望 数字，实际接收 string; 须为文字; 数值过小：期望 string >=2 字符");
  });

  it("says a Chinese sentence when told: '：' and '；', the whole input named (the web chat's 400)", () => {
    const body = z.object({ userId: z.number(), text: z.string().min(1, "不能为空") });
    expect(describeIssues(body.safeParse({ userId: 1, text: "" }).error!, { root: "请求体", separator: "：", joiner: "；" })).toBe("text：不能为空");
    expect(describeIssues(body.safeParse({ text: "" }).error!, { root: "请求体", separator: "：", joiner: "；", what: (i) => i.code })).toBe("userId：invalid_type；text：too_small");
    expect(describeIssues(body.safeParse(null).error!, { root: "请求体", separator: "：", joiner: "；", what: (i) => i.code })).toBe("请求体：invalid_type");
  });

  it("a data file: the data, or AppError invalid_file naming the file and its issues in Chinese", () => {
    expect(parseDataFile(schema, { year: 2021, name: "x", rows: [] }, "a.json")).toEqual({ year: 2021, name: "x", rows: [] });
    let err: unknown;
    try {
      parseDataFile(schema, { ...bad, year: 2021 }, "a.json", { limit: 1 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toBe("a.json: name: 须为文字");
  });
});
