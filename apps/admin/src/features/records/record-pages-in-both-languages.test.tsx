import { QueryClientProvider } from "@tanstack/react-query";
import { afterEach, describe, expect, it } from "vitest";
import { TRPCProvider } from "../../api/trpc";
import { createApiClient } from "../../api/trpc-client";
import { createQueryClient } from "../../errors/query-client";
import { type Locale, translate } from "../../i18n/dictionary";
import { KEY_PERSON_CATEGORY_LABELS, LEVEL_LABELS, recordLabels } from "../../shared/record-labels";
import { click, type Rendered, render, waitFor } from "../../test-support/render";
import { type Dispute, DisputeDetail } from "./dispute-detail";
import { RecordPageShell } from "./record-page-shell";

const dispute = {
  townshipId: "t1",
  id: "d1",
  version: 2,
  level: "red",
  category: "土地山林",
  partiesBrief: "李某与王某",
  summary: null,
  reportedAt: "2026-11-02T16:30:00.000Z",
  attempts: [
    {
      id: "a1",
      at: "2026-11-03T02:00:00.000Z",
      level: "red",
      mediator: "张调解员",
      result: "success",
      note: null,
    },
  ],
  closedAt: null,
  outcome: null,
  closingNote: null,
} as unknown as Dispute;

let view: Rendered | undefined;
afterEach(() => view?.unmount());

/** The detail renders from its props; the API client is only there for its (unused) mutations. */
function renderDetail(locale?: Locale): Promise<Rendered> {
  const queryClient = createQueryClient();
  const trpcClient = createApiClient("http://api.test/trpc");
  return render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <DisputeDetail dispute={dispute} townshipId="t1" onChanged={() => {}} />
      </TRPCProvider>
    </QueryClientProvider>,
    locale ? { locale } : {},
  );
}

function renderEmptyShell(locale?: Locale): Promise<Rendered> {
  return render(
    <RecordPageShell<{ id: string }>
      title="x"
      list={{ items: [], loading: false, hasMore: false, loadingMore: false, onMore: () => {} }}
      renderItem={() => null}
      rowKey={(i) => i.id}
    />,
    locale ? { locale } : {},
  );
}

describe("records pages in both languages", () => {
  it("shows a dispute in Chinese by default", async () => {
    view = await renderDetail();
    const text = view.container.textContent ?? "";
    for (const zh of [
      "纠纷等级",
      "当事人简况",
      "状态",
      "办理中",
      "调解经过（1 次）",
      "第1次",
      "红色层级",
      "调解成功",
    ])
      expect(text).toContain(zh);
    expect(text).toContain("三三调处：本级已调处 1 次");
    expect(text).toContain("添加调解记录");
    expect(text).not.toContain("Level");
    await click(
      [...view.container.querySelectorAll("button")].find(
        (b) => b.textContent?.replace(/\s/g, "") === "办结",
      ),
    );
    const form = await waitFor(() => view?.container.querySelector("form"));
    expect(form.textContent).toContain("办结时间");
    expect(form.textContent).toContain("化解成功");
    expect(form.textContent).toContain("确认办结");
  });

  it("shows a dispute in English when English is chosen", async () => {
    view = await renderDetail("en");
    const text = view.container.textContent ?? "";
    for (const en of [
      "Level",
      "Parties",
      "Status",
      "In progress",
      "Mediation (attempts: 1)",
      "Attempt 1",
      "Red level",
      "Succeeded",
      "Add a mediation attempt",
    ])
      expect(text).toContain(en);
    expect(text).not.toMatch(/纠纷等级|当事人简况|办理中|调解经过|调解成功|添加调解记录|三三调处/);
    // The township's own words stay as they were typed.
    expect(text).toContain("土地山林");
    await click([...view.container.querySelectorAll("button")].find((b) => b.textContent === "Close"));
    const form = await waitFor(() => view?.container.querySelector("form"));
    expect(form.textContent).toContain("Closed at");
    expect(form.textContent).toContain("Resolved");
    expect(form.textContent).toContain("Close the dispute");
  });

  it("names an empty list in the chosen language", async () => {
    view = await renderEmptyShell();
    expect(view.container.textContent).toContain("暂无记录");
    view.unmount();
    view = await renderEmptyShell("en");
    expect(view.container.textContent).toContain("No records");
    expect(view.container.textContent).not.toContain("暂无记录");
  });

  it("names record values from the dictionary, the Chinese ones as before", () => {
    const zh = recordLabels((k) => translate("zh-CN", k));
    const en = recordLabels((k) => translate("en", k));
    expect(zh.level).toEqual(LEVEL_LABELS);
    expect(zh.keyPersonCategory).toEqual(KEY_PERSON_CATEGORY_LABELS);
    expect(en.keyPersonCategory.community_correction).toBe("Community correction");
    expect(en.incidentKind.criminal).toBe("Criminal case");
  });
});
