import modelScheme from "@pingan/data/model-scheme.json";
import type { ParseResult, Scheme } from "@pingan/domain";
import { afterEach, describe, expect, it } from "vitest";
import { click, type Rendered, render, typeInto, waitFor } from "../../test-support/render";
import { normalizeDraft } from "./normalize-draft";
import { SchemeEditor } from "./scheme-editor";

let view: Rendered | undefined;
afterEach(() => view?.unmount());

function fieldAt(container: HTMLElement, path: string): HTMLElement {
  const el = container.querySelector(`[data-path="${path}"]`);
  if (!(el instanceof HTMLElement)) throw new Error(`no field ${path}`);
  return el;
}

// The test does no waiting of its own (one typeInto per edit, waitFor polls every 20 ms); the time is
// the editor's: rendering the whole model scheme in React's development build under happy-dom takes
// 0.3–0.7 s, opening an indicator another 0.4–0.7 s (its auto-sizing TextArea makes happy-dom compute
// styles from every stylesheet antd injected), and each edit 0.2–0.5 s, since every change re-checks
// the scheme and re-renders the whole form. A trimmed scheme or antd without motion is no faster.
// About 1.5 s for the slowest test alone, it passes 5 s when two cores run other files beside it.
describe("SchemeEditor", { timeout: 20_000 }, () => {
  it("accepts the model scheme as it is", async () => {
    view = await render(<SchemeEditor initial={structuredClone(modelScheme)} />);
    expect(view.container.querySelector('[data-testid="scheme-status"]')?.textContent).toBe("细则校验通过");
  });

  it("rejects a ratio rule whose target is not above its floor, next to the field, in Chinese", async () => {
    let last: ParseResult<Scheme> | undefined;
    view = await render(
      <SchemeEditor initial={structuredClone(modelScheme)} onChange={(_d, r) => (last = r)} />,
    );
    // Open indicator I02 (a ratio rule) and lower its target below the floor of 0.8.
    const header = view.container.querySelector('[data-testid="indicator-header-1"]');
    await click(header);
    const target = await waitFor(() =>
      view?.container.querySelector<HTMLInputElement>('[data-path="indicators[1].base.target"] input'),
    );
    await typeInto(target, "0.5");
    const field = await waitFor(() => {
      const f = fieldAt(view?.container as HTMLElement, "indicators[1].base.target");
      return f.querySelector(".ant-form-item-explain-error") ? f : null;
    });
    expect(field.querySelector(".ant-form-item-explain-error")?.textContent).toBe(
      "满分线（0.5）必须高于零分线（0.8）",
    );
    expect(view.container.querySelector('[data-testid="scheme-status"]')?.textContent).toContain(
      "细则有 1 处问题",
    );
    expect(last?.ok).toBe(false);
    expect(view.container.querySelector('[data-testid="indicator-header-1"] .ant-badge')?.textContent).toBe(
      "1",
    );
  });

  it("says, per indicator, what a month without data scores", async () => {
    view = await render(<SchemeEditor initial={structuredClone(modelScheme)} />);
    // I02 (dispute resolution rate) gives nothing without data; I05 (incidents) keeps full marks.
    await click(view.container.querySelector('[data-testid="indicator-header-1"]'));
    const i02 = await waitFor(() => view?.container.querySelector('[data-testid="no-data-says"]'));
    expect(i02.textContent).toBe("当月没有办结的矛盾纠纷即为无数据：本指标不得分");
    await click(view.container.querySelector('[data-testid="indicator-header-4"]'));
    const i05 = await waitFor(() =>
      [...(view?.container.querySelectorAll('[data-testid="no-data-says"]') ?? [])].find((e) =>
        e.textContent?.includes("人口为零"),
      ),
    );
    expect(i05.textContent).toContain("本指标得满分");
  });

  it("edits the 纪实事项: a renamed code leaves its requirement dangling, a duplicate code is named", async () => {
    view = await render(<SchemeEditor initial={structuredClone(modelScheme)} />);
    const section = view.container.querySelector('[data-testid="scheme-items"]');
    expect(section?.textContent).toContain("纪实事项");
    expect(fieldAt(view.container, "items[0].name").querySelector("input")?.value).toBe("综治例会");
    // Renaming an item keeps the scheme valid: requirements refer to its code.
    await typeInto(fieldAt(view.container, "items[0].name").querySelector("input"), "综治工作例会");
    await waitFor(() =>
      view?.container.querySelector('[data-testid="scheme-status"]')?.textContent === "细则校验通过"
        ? true
        : null,
    );
    // Changing its code to another item's: the duplicate is named and monthly_meeting's requirement dangles.
    await typeInto(fieldAt(view.container, "items[0].code").querySelector("input"), "township_screening");
    const dup = await waitFor(() =>
      fieldAt(view?.container as HTMLElement, "items[1].code").querySelector(".ant-form-item-explain-error"),
    );
    expect(dup.textContent).toBe("纪实事项代码 township_screening 重复");
    const status = view.container.querySelector('[data-testid="scheme-status"]')?.textContent ?? "";
    expect(status).toContain("细则有 2 处问题");
    expect(status).toContain("纪实任务 monthly_meeting 不在本细则的纪实事项中");
  });

  it("names a missing required field next to it", async () => {
    view = await render(<SchemeEditor initial={structuredClone(modelScheme)} />);
    await typeInto(fieldAt(view.container, "name").querySelector("input"), "");
    const err = await waitFor(() =>
      fieldAt(view?.container as HTMLElement, "name").querySelector(".ant-form-item-explain-error"),
    );
    expect(err.textContent).toBe("必填");
  });
});

describe("normalizeDraft", () => {
  it("drops empty inputs so they read as missing, and keeps zeros", () => {
    expect(normalizeDraft({ a: "", b: null, c: 0, d: [{ e: " x " }, null] })).toEqual({
      c: 0,
      d: [{ e: "x" }, {}],
    });
  });
});
