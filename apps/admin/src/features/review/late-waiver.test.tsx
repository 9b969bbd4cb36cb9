import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanUp, fakeApi, renderPage, signIn } from "../../test-support/fake-api";
import { HAN, type Rendered, waitFor } from "../../test-support/render";
import { LateWaiver } from "./late-waiver";

let view: Rendered | undefined;
beforeEach(() => signIn({ id: "u1", name: "Reviewer", role: "county_reviewer", countyId: "c1" }));
afterEach(() => {
  cleanUp(view);
  view = undefined;
});

const late = (waiver: { reason: string; requestedBy: string } | null) => ({
  occurredAt: "2026-09-30T15:59:59.000Z",
  version: 2,
  waived: false,
  waiver: waiver && { ...waiver, requestedAt: "2026-10-07T02:00:00.000Z" },
});

async function show(answer: unknown, locale?: "en") {
  fakeApi({ "submissions.lateReport": answer });
  view = await renderPage(<LateWaiver townshipId="t1" month="2026-09" />, locale ? { locale } : {});
  return waitFor(() => view?.container.querySelector('[data-testid="late-report"]'));
}

const button = (name: string) =>
  [...(view?.container.querySelectorAll("button") ?? [])].find(
    (b) => b.textContent?.replace(/\s/g, "") === name,
  );

describe("the automatic 迟报漏报 in the review drawer", { timeout: 20_000 }, () => {
  it("offers to ask for a waiver, then lets another reviewer confirm it", async () => {
    expect((await show(late(null))).textContent).toContain("系统已自动记录一次迟报漏报");
    expect(button("申请免除")).toBeDefined();
    cleanUp(view);
    signIn({ id: "u1", name: "Reviewer", role: "county_reviewer", countyId: "c1" });

    expect((await show(late({ reason: "平台故障", requestedBy: "u2" }))).textContent).toContain(
      "迟报漏报免除申请待复核，理由：平台故障",
    );
    expect(button("复核免除")?.disabled).toBe(false);
  });

  it("does not let the reviewer who asked confirm the waiver", async () => {
    await show(late({ reason: "平台故障", requestedBy: "u1" }));
    expect(button("复核免除")?.disabled).toBe(true);
  });

  it("speaks English after the switch, keeping the reviewer's reason", async () => {
    const alert = await show(late({ reason: "平台故障", requestedBy: "u2" }), "en");
    expect(alert.textContent).toContain("A waiver of the late report awaits a second reviewer");
    expect((alert.textContent ?? "").replace("平台故障", "")).not.toMatch(HAN);
  });
});
