import modelScheme from "@pingan/data/model-scheme.json";
import { describe, expect, it } from "vitest";
import { parseScheme } from "./schema/scheme-schema";
import type { Scheme } from "./types";
import { eventName, isRecordableKind, schemeItems } from "./work-items";

const model = modelScheme as unknown as Scheme;
const withItems = (change: (s: Scheme) => void): unknown => {
  const s = structuredClone(model);
  change(s);
  return s;
};
const zhIssues = (input: unknown) => {
  const r = parseScheme(input);
  return r.ok ? [] : r.issues.map((i) => `${i.path} ${i.messageZh}`);
};

describe("a scheme's 纪实 items (issue 14)", () => {
  it("the model scheme validates and owns the recordable kinds, system kinds excluded", () => {
    expect(parseScheme(model).ok).toBe(true);
    expect(isRecordableKind(model, "monthly_meeting")).toBe(true);
    expect(isRecordableKind(model, "quarterly_training")).toBe(true);
    // Derived by the engine or written by the system: never recorded by hand.
    for (const k of ["dispute_overdue", "supervision_overdue", "late_report", "major_criminal_case"])
      expect(isRecordableKind(model, k)).toBe(false);
  });

  it("refuses a duplicate code, a bad code and a system kind as an item, naming the field", () => {
    const badCode = zhIssues(
      withItems((s) => {
        s.items = [...(s.items ?? []), { code: "Bad-Code", name: "大写" }];
      }),
    );
    expect(badCode).toEqual([
      expect.stringMatching(/^items\[12\]\.code items\[12\]\.code：应为小写英文代码/),
    ]);
    const duplicate = zhIssues(
      withItems((s) => {
        s.items = [...(s.items ?? []), { code: "monthly_meeting", name: "重复" }];
      }),
    );
    expect(duplicate).toEqual(["items[12].code 纪实事项代码 monthly_meeting 重复"]);
    const system = zhIssues(
      withItems((s) => {
        s.items = [...(s.items ?? []), { code: "dispute_overdue", name: "超期" }];
      }),
    );
    expect(system).toEqual([
      "items[12].code 纪实事项代码 dispute_overdue 是系统自动生成的事件类型，不能作为纪实事项",
    ]);
  });

  it("a routine requirement must name an item; a rule an item or a system kind", () => {
    const issues = zhIssues(
      withItems((s) => {
        s.items = (s.items ?? []).filter((i) => i.code !== "legal_education" && i.code !== "commended_city");
      }),
    );
    expect(issues).toEqual([
      "indicators[0].bonuses[0].event 事件类型 commended_city 既不在本细则的纪实事项中，也不是系统事件，请先在「纪实事项」中添加",
      "indicators[7].base.required[0].event 纪实任务 legal_education 不在本细则的纪实事项中，请先在「纪实事项」中添加",
    ]);
    // System kinds (late_report, dispute_overdue, major_criminal_case …) stay valid in rules and vetoes.
    expect(zhIssues(model)).toEqual([]);
  });

  it("an item added to the scheme becomes recordable and is named by the scheme", () => {
    const s = withItems((x) => {
      x.items = [...(x.items ?? []), { code: "annual_drill", name: "年度应急演练", recorder: "应急办" }];
      const first = x.indicators[0];
      if (first?.base.kind === "routine") first.base.required.push({ event: "annual_drill", perYear: 1 });
    });
    const parsed = parseScheme(s);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(isRecordableKind(parsed.value, "annual_drill")).toBe(true);
    expect(eventName(parsed.value, "annual_drill")).toBe("年度应急演练");
    expect(isRecordableKind(model, "annual_drill")).toBe(false);
    expect(eventName(model, "annual_drill")).toBe("annual_drill");
    expect(eventName(model, "supervision_overdue")).toBe("督办单逾期未回复");
  });

  it("a scheme saved before items offers the non-system kinds its rules name", () => {
    const { items: _items, ...old } = model;
    const legacy = parseScheme(old);
    expect(legacy.ok).toBe(true);
    if (!legacy.ok) return;
    const codes = schemeItems(legacy.value).map((i) => i.code);
    expect(codes).toContain("monthly_meeting");
    expect(codes).toContain("homicide");
    expect(codes).not.toContain("late_report");
    expect(codes).not.toContain("dispute_overdue");
  });
});
