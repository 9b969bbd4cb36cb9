import { StrictMode, useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { cleanUp, fakeApi, renderPage } from "../../test-support/fake-api";
import { click, type Rendered, typeInto, waitFor } from "../../test-support/render";
import { type Dispute, DisputeDetail } from "./dispute-detail";

let view: Rendered | undefined;
afterEach(() => cleanUp(view));

const base = {
  townshipId: "t1",
  id: "d1",
  version: 4,
  level: "yellow",
  category: "土地山林",
  partiesBrief: "李某与王某",
  reportedAt: "2026-11-02T16:30:00.000Z",
  villageId: "v1",
  gridId: "g1",
  attempts: [],
} as unknown as Dispute;

const organisation = {
  villages: [{ id: "v1", name: "东村", kind: "village", leaderId: "u-lead", archived: false }],
  grids: [{ id: "g1", name: "一网格", villageId: "v1", archived: false }],
  staff: [
    { userId: "u-lead", name: "领导甲", role: "township_staff", leader: true },
    { userId: "u-other", name: "领导乙", role: "township_staff", leader: true },
    { userId: "u-staff", name: "干部丙", role: "township_staff", leader: false },
  ],
};

/** The detail as the disputes page holds it (the dispute the last change returned), in StrictMode as main.tsx renders the app. */
function Detail({ initial }: { initial: Dispute }) {
  const [dispute, setDispute] = useState(initial);
  return (
    <StrictMode>
      <DisputeDetail dispute={dispute} townshipId="t1" onChanged={setDispute} />
    </StrictMode>
  );
}

/** Answers an escalation as the API would: the level raised, the 包案领导 named kept, the step recorded. */
function escalated(input: { level: Dispute["level"]; at: string; reason: string; caseLeaderId?: string }) {
  return {
    ...base,
    version: 5,
    level: input.level,
    caseLeaderId: input.caseLeaderId,
    escalations: [
      {
        id: "e1",
        at: input.at,
        from: "yellow",
        to: input.level,
        reason: input.reason,
        recordedBy: "u1",
        caseLeaderId: input.caseLeaderId,
      },
    ],
  };
}

const button = (root: ParentNode, text: string) =>
  [...root.querySelectorAll("button")].find((b) => b.textContent?.replace(/\s/g, "") === text);
const openDialog = async (text = "上交升级") => {
  await click(button(view?.container ?? document, text));
  return waitFor(() => document.querySelector(".ant-modal"));
};
/** The form item of the dialog labelled `label`. */
const itemOf = (dialog: Element, label: string) =>
  [...dialog.querySelectorAll(".ant-form-item")].find((i) => i.querySelector("label")?.textContent === label);

describe("上交升级 to red names the 包案领导 (issue 14)", { timeout: 20_000 }, () => {
  it("preselects the village's 包片领导 among the township's leaders, sends it, and shows it on the dispute", async () => {
    const calls = fakeApi({ "organisation.get": organisation, "disputes.escalate": escalated });
    view = await renderPage(<Detail initial={base} />, { role: "township_staff", townshipId: "t1" });
    expect(view.container.querySelector('[data-testid="dispute-case-leader"]')).toBeNull();
    const dialog = await openDialog();
    // The only level above yellow is red: the 包案领导 select is there, with the village's 包片领导.
    const field = await waitFor(() =>
      itemOf(dialog, "包案领导")?.textContent?.includes("领导甲") ? itemOf(dialog, "包案领导") : undefined,
    );
    expect(field.textContent).toContain("红色纠纷由镇领导包案");
    await typeInto(dialog.querySelector("textarea"), "村级调处不成");
    await click(button(dialog, "上交升级"));
    const sent = await waitFor(() => calls.find((c) => c.path === "disputes.escalate"));
    expect(sent.input).toMatchObject({
      townshipId: "t1",
      id: "d1",
      expectedVersion: 4,
      level: "red",
      reason: "村级调处不成",
      caseLeaderId: "u-lead",
    });
    const shown = await waitFor(() => view?.container.querySelector('[data-testid="dispute-case-leader"]'));
    expect(shown.textContent).toBe("领导甲");
    const step = await waitFor(() => view?.container.querySelector('[data-testid="timeline-escalation"]'));
    expect(step.textContent).toContain("包案领导：领导甲");
  });

  it("offers the select only when the target level is red, and keeps the 包案领导 the dispute has", async () => {
    fakeApi({ "organisation.get": organisation, "disputes.escalate": escalated });
    const blue = { ...base, level: "blue", caseLeaderId: "u-other" } as unknown as Dispute;
    view = await renderPage(<Detail initial={blue} />, { role: "township_staff", townshipId: "t1" });
    // The dispute's 包案领导 is shown by name.
    const shown = await waitFor(() => {
      const el = view?.container.querySelector('[data-testid="dispute-case-leader"]');
      return el?.textContent === "领导乙" ? el : undefined;
    });
    expect(shown).toBeDefined();
    const dialog = await openDialog();
    // Yellow first: no 包案领导 asked.
    expect(itemOf(dialog, "包案领导")).toBeUndefined();
    const red = [...dialog.querySelectorAll("label.ant-radio-button-wrapper")].find((l) =>
      l.textContent?.includes("红色"),
    );
    await click(red?.querySelector("input"));
    const field = await waitFor(() =>
      itemOf(dialog, "包案领导")?.textContent?.includes("领导乙") ? itemOf(dialog, "包案领导") : undefined,
    );
    expect(field.textContent).not.toContain("领导甲");
  });

  it("speaks English when English is chosen", async () => {
    fakeApi({ "organisation.get": organisation });
    view = await renderPage(<Detail initial={base} />, {
      role: "township_staff",
      townshipId: "t1",
      locale: "en",
    });
    const dialog = await openDialog("Escalate");
    const field = await waitFor(() => itemOf(dialog, "Case leader"));
    expect(field.textContent).toContain("cluster leader");
    expect(field.textContent).not.toContain("包案");
  });
});
