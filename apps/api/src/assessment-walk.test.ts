import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Data } from "@pingan/domain";
import { computeLeagueTable } from "@pingan/domain";
import { describe, expect, it } from "vitest";
import {
  anonymous,
  callerWith,
  createTestServices,
  seedTwoTenants,
  signInChangingInitialPassword,
  TEST_PASSWORD,
  uniquePhone,
} from "./testing/harness";
import { provisionUser } from "./testing/provisioning";

const services = await createTestServices("walk");
// The walk spans three months of the pinned clock; sessions signed in at its start must last through it.
services.setNow("2026-09-01T01:00:00Z");
services.accessTokenTtlSeconds = 365 * 24 * 3600;
services.refreshTokenTtlSeconds = 365 * 24 * 3600;
const { tenants, tokens } = await seedTwoTenants(services);
const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

async function signIn(login: string, password = TEST_PASSWORD) {
  return callerWith(services, (await anonymous(services).auth.signIn({ login, password })).accessToken);
}

/** Runs the real command line on files, as a county would (scoring.md §8). */
async function commandLine(scheme: unknown, data: Data, period: string): Promise<unknown> {
  const dir = await mkdtemp(join(tmpdir(), "walk-"));
  await writeFile(join(dir, "scheme.json"), JSON.stringify(scheme));
  await writeFile(join(dir, "data.json"), JSON.stringify(data));
  const { stdout } = await promisify(execFile)(
    join(repoRoot, "node_modules/.bin/tsx"),
    [
      join(repoRoot, "packages/cli/src/main.ts"),
      "league",
      "--scheme",
      join(dir, "scheme.json"),
      "--data",
      join(dir, "data.json"),
      "--period",
      period,
    ],
    { cwd: repoRoot },
  );
  return JSON.parse(stdout);
}

describe("the assessment walk", () => {
  it("goes from registration to a public table whose numbers equal the command line's for the same data", async () => {
    const countyId = tenants.A.countyId;
    const countyAdmin = callerWith(services, tokens.A.county_admin);
    const reviewer = callerWith(services, tokens.A.county_reviewer);
    const secondPhone = uniquePhone();
    await provisionUser(services, {
      name: "第二复核员",
      phone: secondPhone,
      password: TEST_PASSWORD,
      role: "county_reviewer",
      countyId,
    });
    const secondReviewer = await signIn(secondPhone);

    // The county writes its year's scheme from the model.
    services.setNow("2026-09-01T02:00:00Z");
    const saved = await countyAdmin.schemes.startFromModel({ year: 2026, expectedVersion: 0 });
    expect(saved.version).toBe(1);

    // A township registers with the join code; the county approves it.
    const { joinCode } = await countyAdmin.onboarding.rotateJoinCode();
    const adminPhone = uniquePhone();
    const registered = await anonymous(services).onboarding.registerTownship({
      joinCode,
      township: { name: "平安镇", code: "110101020", population: 25000, villages: 12, grids: 40 },
      admin: { name: "平安镇综治中心主任", phone: adminPhone, password: "Passw0rd!walk" },
    });
    const townshipId = registered.townshipId;
    const pending = await countyAdmin.onboarding.listTownships({ status: "pending" });
    await countyAdmin.onboarding.approveTownship({
      townshipId,
      expectedVersion: pending.find((t) => t.id === townshipId)?.version ?? 0,
    });
    const townshipAdmin = await signIn(adminPhone, "Passw0rd!walk");
    const staffPhone = uniquePhone();
    await townshipAdmin.staff.invite({
      townshipId,
      name: "网格员",
      phone: staffPhone,
      initialPassword: "Initial-Pass1",
    });
    // Invited staff change the initial password before they can record anything.
    const staff = await signInChangingInitialPassword(services, staffPhone, "Initial-Pass1");

    // Staff record October as it happens.
    const data: Required<Omit<Data, "county">> & Pick<Data, "county"> = {
      county: { id: countyId, name: "A县" },
      townships: [
        { id: tenants.A.townshipId, name: "A镇", code: "110101001", population: 20000 },
        { id: tenants.A.siblingTownshipId, name: "A乡", code: "110101002", population: 15000 },
        { id: townshipId, name: "平安镇", code: "110101020", population: 25000 },
      ],
      disputes: [],
      petitions: [],
      incidents: [],
      keyPersons: [],
      visits: [],
      events: [],
      manualScores: [],
    };
    services.setNow("2026-09-10T02:00:00Z");
    const person = await staff.keyPersons.create({
      townshipId,
      requestId: "walk-kp-1",
      alias: "赵某",
      category: "mental_health",
      registeredAt: "2026-09-10T09:00:00+08:00",
    });
    data.keyPersons.push({
      id: person.id,
      townshipId,
      category: "mental_health",
      registeredAt: "2026-09-10T01:00:00.000Z",
      // The county's categories set the frequency (严重精神障碍患者: twice a month in the model list); the
      // data the command line reads carries it, as a published bundle does.
      visitsPerMonth: 2,
    });

    services.setNow("2026-10-20T02:00:00Z");
    const outcomes = ["resolved", "resolved", "resolved", "failed"] as const;
    for (const [i, outcome] of outcomes.entries()) {
      const d = await staff.disputes.create({
        townshipId,
        requestId: `walk-dispute-${i}`,
        level: i === 3 ? "yellow" : "blue",
        category: "邻里纠纷",
        partiesBrief: "张某与李某",
        reportedAt: `2026-10-0${i + 1}T09:00:00+08:00`,
      });
      const closedAt = `2026-10-${String(5 + i * 3).padStart(2, "0")}T17:00:00+08:00`;
      await staff.disputes.close({
        townshipId,
        id: d.id,
        expectedVersion: d.version,
        closedAt,
        outcome,
        // Closing as failed without three tries at the level asks for confirmation (三三调处).
        ...(outcome === "failed" ? { confirmShortfall: true, shortfallReason: "当事人拒绝调解" } : {}),
      });
      data.disputes.push({
        id: d.id,
        townshipId,
        level: i === 3 ? "yellow" : "blue",
        reportedAt: d.reportedAt,
        attempts: 0,
        closedAt: new Date(closedAt).toISOString(),
        outcome,
      });
    }
    const petition = await staff.petitions.create({
      townshipId,
      requestId: "walk-petition-1",
      subject: "征地补偿",
      petitionerBrief: "王某",
      receivedAt: "2026-10-08T10:00:00+08:00",
      firstHandledAt: "2026-10-09T10:00:00+08:00",
    });
    await staff.petitions.close({
      townshipId,
      id: petition.id,
      expectedVersion: petition.version,
      closedAt: "2026-10-15T10:00:00+08:00",
      settled: true,
    });
    data.petitions.push({
      id: petition.id,
      townshipId,
      receivedAt: petition.receivedAt,
      firstHandledAt: new Date("2026-10-09T10:00:00+08:00").toISOString(),
      closedAt: new Date("2026-10-15T10:00:00+08:00").toISOString(),
      settled: true,
    });
    const incident = await staff.incidents.create({
      townshipId,
      requestId: "walk-incident-1",
      occurredAt: "2026-10-12T22:00:00+08:00",
      kind: "public_order",
      severity: "ordinary",
      summary: "酒后滋事",
    });
    data.incidents.push({
      id: incident.id,
      townshipId,
      occurredAt: incident.occurredAt,
      kind: "public_order",
      severity: "ordinary",
    });
    const visit = await staff.keyPersons.addVisit({
      townshipId,
      requestId: "walk-visit-1",
      keyPersonId: person.id,
      at: "2026-10-16T15:00:00+08:00",
    });
    data.visits.push({ id: visit.id, townshipId, keyPersonId: person.id, at: visit.at });
    // The second of the two visits a month this person's category asks for.
    const second = await staff.keyPersons.addVisit({
      townshipId,
      requestId: "walk-visit-2",
      keyPersonId: person.id,
      at: "2026-10-23T15:00:00+08:00",
    });
    data.visits.push({ id: second.id, townshipId, keyPersonId: person.id, at: second.at });
    for (const [kind, count] of [
      ["monthly_meeting", 1],
      ["township_screening", 1],
      ["legal_education", 2],
      ["commended_city", 1],
    ] as const) {
      const e = await staff.events.create({
        townshipId,
        requestId: `walk-event-${kind}`,
        kind,
        occurredAt: "2026-10-18T09:00:00+08:00",
        count,
      });
      data.events.push({ id: e.id, townshipId, kind, occurredAt: e.occurredAt, count });
    }
    // The seeded township records a meeting too, so the ranking has something to separate.
    const staffA = callerWith(services, tokens.A.township_staff);
    const meeting = await staffA.events.create({
      townshipId: tenants.A.townshipId,
      requestId: "walk-event-a",
      kind: "monthly_meeting",
      occurredAt: "2026-10-20T09:00:00+08:00",
    });
    data.events.push({
      id: meeting.id,
      townshipId: tenants.A.townshipId,
      kind: "monthly_meeting",
      occurredAt: meeting.occurredAt,
      count: 1,
    });

    // The township previews its month and submits it.
    services.setNow("2026-11-02T02:00:00Z");
    const preview = await townshipAdmin.submissions.preview({ townshipId, month: "2026-10" });
    expect(preview.townships).toBe(3);
    const behindI02 = preview.indicators.find((i) => i.code === "I02")?.records ?? [];
    expect(behindI02.every((r) => r.kind === "dispute")).toBe(true);
    expect(behindI02.map((r) => r.id).sort()).toEqual(data.disputes.map((d) => d.id).sort());
    const submitted = await townshipAdmin.submissions.submit({
      townshipId,
      month: "2026-10",
      expectedVersion: 0,
    });
    expect(submitted.status).toBe("submitted");

    // Review: a manual score counts only once a second, different reviewer confirms it.
    const entered = await reviewer.submissions.enterManualScore({
      townshipId,
      month: "2026-10",
      expectedVersion: submitted.version,
      indicator: "I10",
      score: 7.5,
      reason: "现场检查台账齐全",
    });
    const entry = entered.manualScores[0];
    expect(entry?.effective).toBe(false);
    await expect(
      reviewer.submissions.confirmEntry({
        townshipId,
        month: "2026-10",
        expectedVersion: entered.version,
        entryId: entry?.id ?? "",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("另一名审核人员") });
    const beforeConfirm = await townshipAdmin.submissions.preview({ townshipId, month: "2026-10" });
    expect(beforeConfirm.indicators.find((i) => i.code === "I10")?.score).toBe(0);
    const confirmed = await secondReviewer.submissions.confirmEntry({
      townshipId,
      month: "2026-10",
      expectedVersion: entered.version,
      entryId: entry?.id ?? "",
    });
    expect(confirmed.manualScores[0]?.effective).toBe(true);
    await reviewer.submissions.approve({ townshipId, month: "2026-10", expectedVersion: confirmed.version });
    data.manualScores.push({ townshipId, period: "2026-10", indicator: "I10", score: 7.5 });

    // The county publishes; the public reads it without signing in.
    services.setNow("2026-11-10T02:00:00Z");
    await countyAdmin.league.publish({ period: "2026-10" });
    const published = await anonymous(services).public.leagueTable({ countyId, period: "2026-10" });
    expect(published.version).toBe(1);

    const { scheme } = await countyAdmin.schemes.get({ year: 2026 });
    const expected = await commandLine(scheme, data, "2026-10");
    expect(published.table).toEqual(expected);
    expect(published.table).toEqual(computeLeagueTable(scheme, data, "2026-10"));
    const row = published.table.rows.find((r) => r.townshipId === townshipId);
    expect(row?.indicators.find((i) => i.code === "I10")?.score).toBe(7.5);
  });
});
