import type { ParseResult, Scheme } from "@pingan/domain";
import { act } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { type Rendered, render, typeInto, waitFor } from "../../test-support/render";
import modelScheme from "./model-scheme.json";
import { normalizeDraft } from "./normalize-draft";
import { SchemeEditor } from "./scheme-editor";

let view: Rendered | undefined;
afterEach(() => view?.unmount());

function fieldAt(container: HTMLElement, path: string): HTMLElement {
  const el = container.querySelector(`[data-path="${path}"]`);
  if (!(el instanceof HTMLElement)) throw new Error(`no field ${path}`);
  return el;
}

describe("SchemeEditor", () => {
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
    await act(async () => (header as HTMLElement).click());
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
