import modelScheme from "@pingan/data/model-scheme.json";
import { act } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanUp, FakeApiError, fakeApi, renderPage } from "../../test-support/fake-api";
import { click, type Rendered, waitFor } from "../../test-support/render";
import { importIssues, SchemeIo } from "./scheme-io";

const downloads = vi.hoisted(() => [] as { name: string; text: Promise<string> }[]);
vi.mock("../../shared/download-file", () => ({
  downloadBlob: (blob: Blob, name: string) => downloads.push({ name, text: blob.text() }),
}));

let view: Rendered | undefined;
afterEach(() => {
  cleanUp(view);
  downloads.length = 0;
});

const LIST = [
  { year: 2026, version: 2, name: "2026年度平安建设考核细则", note: null, createdAt: "", createdBy: "u1" },
];
const SAVED = { year: 2026, version: 3, name: "导入的细则", note: "导入", createdAt: "", createdBy: "u1" };

/** The API's answer to a scheme the domain refused (SchemeInvalidError through the error formatter). */
const schemeInvalid = () =>
  new FakeApiError("indicators[1].base.target：满分线（0.5）必须高于零分线（0.8）", {
    code: "BAD_REQUEST",
    httpStatus: 400,
    appCode: "SCHEME.INVALID",
    formErrors: [],
    fieldErrors: {
      "scheme.indicators.1.base.target": ["indicators[1].base.target：满分线（0.5）必须高于零分线（0.8）"],
      "scheme.name": ["name：必填"],
    },
  });

type ImportInput = { year: number; expectedVersion: number; json: string };

function api(importScheme: (input: ImportInput) => unknown) {
  return fakeApi({
    "schemes.list": () => LIST,
    "schemes.export": (input: { year: number }) => ({
      fileName: `考核细则-${input.year}-v2.json`,
      json: '{"name":"saved"}',
    }),
    "schemes.import": importScheme,
  });
}

async function upload(v: Rendered | undefined, text: string): Promise<void> {
  const input = v?.container.querySelector<HTMLInputElement>('[data-testid="scheme-io"] input[type="file"]');
  if (!input) throw new Error("no file input");
  const file = new File([text], "scheme.json", { type: "application/json" });
  await act(async () => {
    Object.defineProperty(input, "files", { value: [file], configurable: true });
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

const outcome = (v: Rendered | undefined) =>
  v?.container.querySelector('[data-testid="scheme-io-outcome"]') ?? null;
const buttonNamed = (v: Rendered | undefined, text: string) =>
  [...(v?.container.querySelectorAll("button") ?? [])].find((b) => b.textContent?.includes(text));

const bad = { ...structuredClone(modelScheme), name: "" };

describe("importIssues", () => {
  it("turns the API's flattened issues back into domain paths with their Chinese messages", () => {
    expect(importIssues(schemeInvalid())).toEqual([
      { path: "indicators[1].base.target", message: "满分线（0.5）必须高于零分线（0.8）" },
      { path: "name", message: "必填" },
    ]);
  });
});

// Whole pages render slowly in happy-dom when the machine is busy.
describe("SchemeIo", { timeout: 20_000 }, () => {
  it("shows the year's saved version and downloads it as the API exported it", async () => {
    api(() => SAVED);
    view = await renderPage(<SchemeIo draftYear={2026} canImport onOpen={() => {}} />, {
      role: "county_admin",
    });
    await waitFor(() =>
      view?.container.querySelector('[data-testid="scheme-io-version"]')?.textContent === "已保存第 2 版"
        ? true
        : null,
    );
    await click(buttonNamed(view, "下载已保存版本"));
    await waitFor(() => downloads.length > 0);
    expect(downloads[0]?.name).toBe("考核细则-2026-v2.json");
    expect(await downloads[0]?.text).toBe('{"name":"saved"}');
  });

  it("lists each problem of an invalid file with its place, path and Chinese message", async () => {
    const sent: ImportInput[] = [];
    api((input) => {
      sent.push(input);
      throw schemeInvalid();
    });
    view = await renderPage(<SchemeIo draftYear={2026} canImport onOpen={() => {}} />, {
      role: "county_admin",
    });
    await waitFor(() => buttonNamed(view, "下载已保存版本")?.disabled === false);
    await upload(view, JSON.stringify(bad));
    const table = await waitFor(() => view?.container.querySelector('[data-testid="scheme-io-issues"]'));
    expect(sent).toEqual([{ year: 2026, expectedVersion: 2, json: JSON.stringify(bad) }]);
    expect(outcome(view)?.textContent).toContain("文件未通过校验，共 2 处问题，未保存");
    const rows = [...table.querySelectorAll("tbody tr.ant-table-row")].map((r) => r.textContent);
    expect(rows).toEqual([
      "指标 I02 · 满分线indicators[1].base.target满分线（0.5）必须高于零分线（0.8）",
      "名称name必填",
    ]);
  });

  it("saves a valid file as the next version and offers to open it in the editor", async () => {
    const opened: unknown[] = [];
    api(() => ({ ...SAVED, scheme: { name: "导入的细则" } }));
    view = await renderPage(<SchemeIo draftYear={2026} canImport onOpen={(s) => opened.push(s)} />, {
      role: "county_admin",
    });
    await waitFor(() => buttonNamed(view, "下载已保存版本")?.disabled === false);
    await upload(view, JSON.stringify(modelScheme));
    await waitFor(() => outcome(view)?.textContent?.includes("第 3 版"));
    expect(outcome(view)?.textContent).toContain("已导入「导入的细则」，保存为 2026 年度第 3 版");
    await click(buttonNamed(view, "在编辑器中打开"));
    expect(opened).toEqual([{ name: "导入的细则" }]);
  });

  it("refuses a file that is not JSON without calling the API", async () => {
    const calls = api(() => SAVED);
    view = await renderPage(<SchemeIo draftYear={2026} canImport onOpen={() => {}} />, {
      role: "county_admin",
    });
    await upload(view, "{not json");
    await waitFor(() => outcome(view));
    expect(outcome(view)?.textContent).toContain("文件不是有效的 JSON");
    expect(calls.some((c) => c.path === "schemes.import")).toBe(false);
  });

  it("lets a reviewer export but not import", async () => {
    api(() => SAVED);
    view = await renderPage(<SchemeIo draftYear={2026} canImport={false} onOpen={() => {}} />, {
      role: "county_reviewer",
    });
    await waitFor(() => buttonNamed(view, "下载已保存版本")?.disabled === false);
    expect(buttonNamed(view, "上传细则文件")).toBeUndefined();
  });

  it("speaks English after the switch, keeping the API's Chinese message", async () => {
    api(() => {
      throw schemeInvalid();
    });
    view = await renderPage(<SchemeIo draftYear={2026} canImport onOpen={() => {}} />, {
      role: "county_admin",
      locale: "en",
    });
    await waitFor(() => buttonNamed(view, "Download the saved version")?.disabled === false);
    expect(view.container.textContent).toContain("version 2 saved");
    await upload(view, JSON.stringify(bad));
    const table = await waitFor(() => view?.container.querySelector('[data-testid="scheme-io-issues"]'));
    expect(outcome(view)?.textContent).toContain("The file failed the checks (2 problems) and was not saved");
    expect(table.querySelector("thead")?.textContent).toBe("Field pathProblem");
    expect(view.container.textContent).not.toMatch(/已保存|导入|下载/);
  });
});
