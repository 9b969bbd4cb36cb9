import { QueryClientProvider } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { TRPCProvider } from "../api/trpc";
import { createApiClient } from "../api/trpc-client";
import { createQueryClient } from "../errors/query-client";
import { click, type Rendered, render, waitFor } from "../test-support/render";
import { IndicatorTable } from "./indicator-table";

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

const RECORDS: Record<string, unknown> = {
  "disputes.get:d1": {
    townshipId: "t1",
    id: "d1",
    level: "red",
    category: "土地山林",
    partiesBrief: "李某与王某",
    reportedAt: "2026-11-02T16:30:00.000Z",
    attempts: [],
    outcome: "resolved",
  },
  "events.get:e1": {
    townshipId: "t1",
    id: "e1",
    kind: "township_screening",
    occurredAt: "2026-11-05T01:00:00.000Z",
    count: 1,
  },
};

/** A fake API answering batched `*.get` calls from RECORDS; anything else is NOT_FOUND. */
function fakeApi() {
  const asked: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string | URL) => {
      const u = new URL(String(url));
      const paths = u.pathname.replace("/trpc/", "").split(",");
      const inputs = JSON.parse(u.searchParams.get("input") ?? "{}") as Record<
        string,
        { townshipId: string; id: string }
      >;
      return json(
        paths.map((path, i) => {
          const input = inputs[i];
          asked.push(`${path} ${input?.townshipId}/${input?.id}`);
          const found = RECORDS[`${path}:${input?.id}`];
          return found
            ? { result: { data: found } }
            : {
                error: {
                  message: "记录不存在或已被删除",
                  code: -32004,
                  data: { code: "NOT_FOUND", httpStatus: 404, messageZh: "记录不存在或已被删除" },
                },
              };
        }),
      );
    }),
  );
  return asked;
}

const row = {
  code: "I03",
  name: "矛盾纠纷化解",
  maxScore: 10,
  score: 8,
  base: 10,
  deductions: 2,
  bonus: 0,
  zeroed: false,
  metric: 0.9,
  notes: ["红色纠纷 1 件"],
  records: [
    { kind: "dispute", id: "d1" },
    { kind: "event", id: "e1" },
    { kind: "petition", id: "gone" },
  ],
};

async function renderBreakdown(rows = [row]): Promise<Rendered> {
  const queryClient = createQueryClient();
  const trpcClient = createApiClient("http://api.test/trpc");
  return render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <IndicatorTable townshipId="t1" rows={rows} />
      </TRPCProvider>
    </QueryClientProvider>,
  );
}

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  vi.unstubAllGlobals();
});

describe("IndicatorRecords", () => {
  it("opens an indicator's records grouped by kind, each summarised from its own router", async () => {
    const asked = fakeApi();
    view = await renderBreakdown();
    const link = [...view.container.querySelectorAll("button")].find((b) =>
      b.textContent?.replace(/\s/g, "").includes("相关记录3条"),
    );
    expect(asked).toEqual([]);
    await click(link);

    const dispute = await waitFor(() => document.querySelector('[data-testid="record-d1"]'));
    expect(dispute.querySelector(".ant-tag-red")?.textContent).toBe("红色");
    // 16:30 UTC is past midnight in China.
    expect(dispute.textContent).toContain("2026-11-03 00:30");
    expect(dispute.textContent).toContain("化解成功");

    const event = await waitFor(() => document.querySelector('[data-testid="record-e1"]'));
    expect(event.textContent).toContain("镇级矛盾纠纷排查");
    expect(event.textContent).toContain("2026-11-05 09:00");

    const drawer = document.querySelector('[data-testid="indicator-records"]');
    const failed = await waitFor(() =>
      [...(drawer?.querySelectorAll(".ant-typography-danger") ?? [])].find((e) =>
        e.textContent?.includes("加载失败"),
      ),
    );
    expect(failed.textContent).toContain("记录不存在或已被删除");
    const headers = [...(drawer?.querySelectorAll("section h5") ?? [])].map((h) => h.textContent);
    expect(headers).toEqual(["纠纷（1 条）", "信访（1 条）", "工作记录（1 条）"]);
    expect(asked.sort()).toEqual(["disputes.get t1/d1", "events.get t1/e1", "petitions.get t1/gone"]);
  });

  it("lists only the first 50 records and says how many there are", async () => {
    const asked = fakeApi();
    const many = Array.from({ length: 60 }, (_, i) => ({ kind: "event", id: `e${i}` }));
    view = await renderBreakdown([{ ...row, records: many }]);
    await click(
      [...view.container.querySelectorAll("button")].find((b) =>
        b.textContent?.replace(/\s/g, "").includes("相关记录60条"),
      ),
    );
    const note = await waitFor(() => document.querySelector('[data-testid="indicator-records"] .ant-alert'));
    expect(note.textContent).toContain("共 60 条，仅列出前 50 条");
    await waitFor(() => (asked.length >= 50 ? true : null));
    expect(new Set(asked).size).toBe(50);
    expect(document.querySelectorAll('[data-testid="records-event"] li')).toHaveLength(50);
  });
});
