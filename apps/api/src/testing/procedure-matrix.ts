/**
 * How each procedure is reached, and a valid-looking input for a target township. The tenant-isolation
 * test and the fuzz test both read this table; a procedure missing here fails them.
 */
export type Access =
  | "public"
  /** Any signed-in user, even one who must still change an initial password (only auth.me, auth.changePassword). */
  | "signedIn"
  /** Any signed-in user done with the initial password. */
  | "authed"
  | "platform"
  | "county"
  | "countyAdmin"
  | "countyAdminTownship"
  /** Any county user, acting on one of the county's townships (reviewing a submission). */
  | "countyTownship"
  | "townshipRead"
  | "townshipWrite"
  | "townshipAdmin"
  /** The township admin on its own township, or any county user on one of the county's townships (read-only). */
  | "townshipAdminRead";

export type MatrixEntry = {
  access: Access;
  /** A valid input aimed at `townshipId` (ignored by procedures without a township in their input). */
  input?: (townshipId: string, unique: () => string) => unknown;
};

const missing = "00000000-0000-4000-8000-000000000000";
const at = "2026-11-10T09:00:00+08:00";
const edit = (townshipId: string) => ({ townshipId, id: missing, expectedVersion: 1 });
/** An import row whose 乡镇代码 belongs to no seeded township: preview reports it, commit writes nothing. */
const importRow = {
  type: "event",
  row: 2,
  sourceId: "JS-1",
  townshipCode: "990000001",
  kind: "monthly_meeting",
  occurredAt: at,
  count: 1,
};
const importFile = { fileName: "导入.xlsx", fileDigest: "0".repeat(64), rows: [importRow] };

export const procedureMatrix: Record<string, MatrixEntry> = {
  "auth.signIn": { access: "public", input: () => ({ login: "13000000000", password: "not-the-password" }) },
  "auth.refresh": { access: "public", input: () => ({ refreshToken: "a.b.c" }) },
  "auth.signOut": { access: "public", input: () => ({ refreshToken: "a.b.c" }) },
  "auth.me": { access: "signedIn" },
  "auth.changePassword": {
    access: "signedIn",
    input: () => ({ currentPassword: "not-the-password", newPassword: "NewPassw0rd" }),
  },

  "counties.create": {
    access: "platform",
    input: (_t, unique) => ({
      name: "测试县",
      code: "999999",
      admin: { name: "县管理员", phone: unique(), password: "Passw0rd!" },
    }),
  },
  "counties.list": { access: "platform" },
  "counties.mine": { access: "county" },
  "counties.setKeyPersonCategories": {
    access: "countyAdmin",
    input: () => ({
      categories: [{ code: "key_youth", name: "重点青少年", per: "quarter", times: 1 }],
      expectedVersion: 999,
    }),
  },
  "counties.setMeetingDay": { access: "countyAdmin", input: () => ({ day: 10, expectedVersion: 999 }) },
  "counties.listUsers": { access: "countyAdmin" },
  "counties.addUser": {
    access: "countyAdmin",
    input: (_t, unique) => ({
      name: "复核员",
      phone: unique(),
      role: "county_reviewer",
      initialPassword: "Passw0rd!",
    }),
  },

  "onboarding.joinCode": { access: "countyAdmin" },
  "onboarding.rotateJoinCode": { access: "countyAdmin" },
  "onboarding.registerTownship": {
    access: "public",
    input: (_t, unique) => ({
      joinCode: "ABCDEFGH",
      township: { name: "新镇", code: "110101099", population: 1000, villages: 1, grids: 1 },
      admin: { name: "新管理员", phone: unique(), password: "Passw0rd!" },
    }),
  },
  "onboarding.listTownships": { access: "county" },
  "onboarding.township": { access: "townshipRead", input: (townshipId) => ({ townshipId }) },
  "onboarding.approveTownship": {
    access: "countyAdminTownship",
    input: (townshipId) => ({ townshipId, expectedVersion: 999 }),
  },
  "onboarding.memberFromChoices": { access: "countyAdmin" },
  "onboarding.setMemberFrom": {
    access: "countyAdminTownship",
    input: (townshipId) => ({ townshipId, expectedVersion: 999, memberFrom: "2027-01" }),
  },
  "onboarding.rejectTownship": {
    access: "countyAdminTownship",
    input: (townshipId) => ({ townshipId, expectedVersion: 999, reason: "材料不全" }),
  },
  "onboarding.resubmitTownship": {
    access: "townshipAdmin",
    input: (townshipId) => ({
      townshipId,
      expectedVersion: 999,
      name: "重新提交镇",
      code: "510722999",
      population: 1000,
      villages: 1,
      grids: 1,
    }),
  },
  "onboarding.updateTownshipProfile": {
    access: "townshipAdmin",
    input: (townshipId) => ({
      townshipId,
      expectedVersion: 999,
      name: "改名镇",
      code: "110101001",
      villages: 10,
      grids: 30,
    }),
  },
  "onboarding.population": { access: "townshipRead", input: (townshipId) => ({ townshipId }) },
  "onboarding.proposePopulation": {
    access: "townshipAdmin",
    input: (townshipId) => ({
      townshipId,
      expectedVersion: 999,
      from: "2026-12",
      population: 20000,
      reason: "人口普查更新",
    }),
  },
  "onboarding.pendingPopulationRequests": { access: "county" },
  "onboarding.decidePopulation": {
    access: "countyAdminTownship",
    input: (townshipId) => ({ townshipId, requestId: missing, approve: true, expectedVersion: 999 }),
  },

  "staff.list": { access: "townshipAdmin", input: (townshipId) => ({ townshipId }) },
  "staff.invite": {
    access: "townshipAdmin",
    input: (townshipId, unique) => ({
      townshipId,
      name: "网格员",
      phone: unique(),
      initialPassword: "Passw0rd!",
    }),
  },
  "staff.remove": { access: "townshipAdmin", input: (townshipId) => ({ townshipId, userId: missing }) },

  "organisation.get": { access: "townshipRead", input: (townshipId) => ({ townshipId }) },
  "organisation.myGrids": { access: "townshipWrite", input: (townshipId) => ({ townshipId }) },
  "organisation.createVillage": {
    access: "townshipAdmin",
    input: (townshipId, unique) => ({ townshipId, requestId: `req-${unique()}`, name: `村${unique()}` }),
  },
  "organisation.updateVillage": { access: "townshipAdmin", input: (t) => ({ ...edit(t), name: "新村" }) },
  "organisation.archiveVillage": { access: "townshipAdmin", input: edit },
  "organisation.createGrid": {
    access: "townshipAdmin",
    input: (townshipId, unique) => ({
      townshipId,
      requestId: `req-${unique()}`,
      villageId: missing,
      name: "第一网格",
    }),
  },
  "organisation.updateGrid": { access: "townshipAdmin", input: (t) => ({ ...edit(t), name: "第二网格" }) },
  "organisation.archiveGrid": { access: "townshipAdmin", input: edit },
  "organisation.setLeader": {
    access: "townshipAdmin",
    input: (townshipId) => ({ townshipId, userId: missing, leader: true }),
  },
  "organisation.breakdown": {
    access: "townshipAdminRead",
    input: (townshipId) => ({ townshipId, month: "2026-11" }),
  },

  "disputes.create": {
    access: "townshipWrite",
    input: (townshipId, unique) => ({
      townshipId,
      requestId: `req-${unique()}`,
      level: "blue",
      category: "邻里纠纷",
      partiesBrief: "张某与李某",
      reportedAt: at,
    }),
  },
  "disputes.update": { access: "townshipWrite", input: (t) => ({ ...edit(t), category: "土地纠纷" }) },
  "disputes.addAttempt": {
    access: "townshipWrite",
    input: (t) => ({ ...edit(t), at, level: "blue", mediator: "调解员甲", result: "partial" }),
  },
  "disputes.close": {
    access: "townshipWrite",
    input: (t) => ({ ...edit(t), closedAt: at, outcome: "resolved" }),
  },
  "disputes.escalate": {
    access: "townshipWrite",
    input: (t) => ({ ...edit(t), at, level: "yellow", reason: "村级调处" }),
  },
  "disputes.reopen": { access: "townshipWrite", input: edit },
  "disputes.remove": { access: "townshipWrite", input: edit },
  "disputes.get": { access: "townshipRead", input: (townshipId) => ({ townshipId, id: missing }) },
  "disputes.list": { access: "townshipRead", input: (townshipId) => ({ townshipId }) },

  "petitions.create": {
    access: "townshipWrite",
    input: (townshipId, unique) => ({
      townshipId,
      requestId: `req-${unique()}`,
      subject: "征地补偿",
      petitionerBrief: "王某",
      receivedAt: at,
    }),
  },
  "petitions.update": { access: "townshipWrite", input: (t) => ({ ...edit(t), subject: "拆迁" }) },
  "petitions.close": { access: "townshipWrite", input: (t) => ({ ...edit(t), closedAt: at, settled: true }) },
  "petitions.remove": { access: "townshipWrite", input: edit },
  "petitions.get": { access: "townshipRead", input: (townshipId) => ({ townshipId, id: missing }) },
  "petitions.list": { access: "townshipRead", input: (townshipId) => ({ townshipId }) },

  "incidents.create": {
    access: "townshipWrite",
    input: (townshipId, unique) => ({
      townshipId,
      requestId: `req-${unique()}`,
      occurredAt: at,
      kind: "public_order",
      severity: "ordinary",
      summary: "酒后滋事",
    }),
  },
  "incidents.update": { access: "townshipWrite", input: (t) => ({ ...edit(t), summary: "盗窃" }) },
  "incidents.remove": { access: "townshipWrite", input: edit },
  "incidents.get": { access: "townshipRead", input: (townshipId) => ({ townshipId, id: missing }) },
  "incidents.list": { access: "townshipRead", input: (townshipId) => ({ townshipId }) },

  "keyPersons.create": {
    access: "townshipWrite",
    input: (townshipId, unique) => ({
      townshipId,
      requestId: `req-${unique()}`,
      alias: "赵某",
      category: "mental_health",
      registeredAt: "2026-01-10T09:00:00+08:00",
    }),
  },
  "keyPersons.update": { access: "townshipWrite", input: (t) => ({ ...edit(t), alias: "钱某" }) },
  "keyPersons.deregister": { access: "townshipWrite", input: (t) => ({ ...edit(t), deregisteredAt: at }) },
  "keyPersons.remove": { access: "townshipWrite", input: edit },
  "keyPersons.get": { access: "townshipRead", input: (townshipId) => ({ townshipId, id: missing }) },
  "keyPersons.list": { access: "townshipRead", input: (townshipId) => ({ townshipId }) },
  "keyPersons.addVisit": {
    access: "townshipWrite",
    input: (townshipId, unique) => ({ townshipId, requestId: `req-${unique()}`, keyPersonId: missing, at }),
  },
  "keyPersons.removeVisit": { access: "townshipWrite", input: edit },
  "keyPersons.listVisits": { access: "townshipRead", input: (townshipId) => ({ townshipId }) },
  "keyPersons.categories": { access: "townshipRead", input: (townshipId) => ({ townshipId }) },
  "keyPersons.setTeam": {
    access: "townshipWrite",
    input: (t) => ({ ...edit(t), members: [{ name: "王所长", role: "judicial_office" }] }),
  },

  "events.create": {
    access: "townshipWrite",
    input: (townshipId, unique) => ({
      townshipId,
      requestId: `req-${unique()}`,
      kind: "monthly_meeting",
      occurredAt: at,
    }),
  },
  "events.update": { access: "townshipWrite", input: (t) => ({ ...edit(t), count: 2 }) },
  "events.remove": { access: "townshipWrite", input: edit },
  "events.get": { access: "townshipRead", input: (townshipId) => ({ townshipId, id: missing }) },
  "events.list": { access: "townshipRead", input: (townshipId) => ({ townshipId }) },
  "events.items": { access: "townshipRead", input: (townshipId) => ({ townshipId, year: 2026 }) },

  "schemes.list": { access: "county" },
  "schemes.get": { access: "county", input: () => ({ year: 2026 }) },
  "schemes.model": { access: "county" },
  "schemes.save": {
    access: "countyAdmin",
    input: () => ({ year: 2026, expectedVersion: 999, scheme: { name: "细则" } }),
  },
  "schemes.startFromModel": { access: "countyAdmin", input: () => ({ year: 2026, expectedVersion: 999 }) },
  "schemes.export": { access: "county", input: () => ({ year: 2026 }) },
  "schemes.import": {
    access: "countyAdmin",
    input: () => ({ year: 2026, expectedVersion: 999, json: "{}" }),
  },

  "submissions.cycle": { access: "authed" },
  "submissions.get": { access: "townshipRead", input: (townshipId) => ({ townshipId, month: "2026-10" }) },
  "submissions.preview": {
    access: "townshipRead",
    input: (townshipId) => ({ townshipId, month: "2026-10" }),
  },
  "submissions.trend": { access: "townshipRead", input: (townshipId) => ({ townshipId, year: 2026 }) },
  "submissions.submit": {
    access: "townshipAdmin",
    input: (townshipId) => ({ townshipId, month: "2026-10", expectedVersion: 999 }),
  },
  "submissions.list": { access: "county", input: () => ({ month: "2026-10" }) },
  "submissions.lateReport": {
    access: "countyTownship",
    input: (townshipId) => ({ townshipId, month: "2026-10" }),
  },
  "submissions.requestLateWaiver": {
    access: "countyTownship",
    input: (townshipId) => ({
      townshipId,
      month: "2026-10",
      expectedVersion: 999,
      reason: "系统故障无法报送",
    }),
  },
  "submissions.confirmLateWaiver": {
    access: "countyTownship",
    input: (townshipId) => ({ townshipId, month: "2026-10", expectedVersion: 999 }),
  },
  "submissions.returnToTownship": {
    access: "countyTownship",
    input: (townshipId) => ({ townshipId, month: "2026-10", expectedVersion: 999, reason: "材料不全" }),
  },
  "submissions.approve": {
    access: "countyTownship",
    input: (townshipId) => ({ townshipId, month: "2026-10", expectedVersion: 999 }),
  },
  "submissions.enterManualScore": {
    access: "countyTownship",
    input: (townshipId) => ({
      townshipId,
      month: "2026-10",
      expectedVersion: 999,
      indicator: "I10",
      score: 4,
      reason: "现场检查",
    }),
  },
  "submissions.enterAdjustment": {
    access: "countyTownship",
    input: (townshipId) => ({
      townshipId,
      month: "2026-10",
      expectedVersion: 999,
      indicator: "I01",
      event: "commended_city",
      count: 1,
      reason: "市级表彰",
    }),
  },
  "submissions.confirmEntry": {
    access: "countyTownship",
    input: (townshipId) => ({ townshipId, month: "2026-10", expectedVersion: 999, entryId: missing }),
  },
  "submissions.discardEntry": {
    access: "countyTownship",
    input: (townshipId) => ({
      townshipId,
      month: "2026-10",
      expectedVersion: 999,
      entryId: missing,
      reason: "录入有误",
    }),
  },
  "submissions.setDeadlineDay": { access: "countyAdmin", input: () => ({ day: 5, expectedVersion: 999 }) },

  "reviewFlags.list": { access: "countyTownship", input: (townshipId) => ({ townshipId, month: "2026-10" }) },
  "reviewFlags.queue": { access: "county", input: () => ({ month: "2026-10" }) },
  "reviewFlags.record": {
    access: "countyTownship",
    input: (townshipId) => ({
      townshipId,
      month: "2026-10",
      code: "drop:dispute",
      outcome: "verified",
      note: "已电话核实",
      expectedVersion: 0,
    }),
  },
  "yearOnYear.township": {
    access: "townshipRead",
    input: (townshipId) => ({ townshipId, month: "2026-10" }),
  },
  "yearOnYear.county": { access: "county", input: () => ({ month: "2026-10" }) },

  "league.compute": { access: "county", input: () => ({ period: "2026-10" }) },
  "league.publish": { access: "countyAdmin", input: () => ({ period: "2026-10" }) },
  "league.published": { access: "county" },
  "league.makePublic": { access: "countyAdmin", input: () => ({ period: "2026-10", version: 1 }) },
  "league.get": { access: "county", input: () => ({ period: "2026-10" }) },
  "league.rankHistory": { access: "townshipRead", input: (townshipId) => ({ townshipId }) },

  "appeals.window": { access: "townshipRead", input: (townshipId) => ({ townshipId, month: "2026-10" }) },
  "appeals.list": { access: "townshipRead", input: (townshipId) => ({ townshipId }) },
  "appeals.file": {
    access: "townshipAdmin",
    input: (townshipId) => ({
      townshipId,
      month: "2099-10",
      indicator: "I01",
      reason: "计分有误",
      evidence: [],
    }),
  },
  "appeals.queue": { access: "county", input: () => ({ pendingOnly: true }) },
  "appeals.decide": {
    access: "countyTownship",
    input: (townshipId) => ({
      townshipId,
      appealId: missing,
      expectedVersion: 999,
      outcome: "rejected",
      reason: "证据不足",
    }),
  },
  "appeals.confirmAmendment": {
    access: "countyTownship",
    input: (townshipId) => ({ townshipId, appealId: missing, expectedVersion: 999 }),
  },
  "appeals.withdrawAmendment": {
    access: "countyTownship",
    input: (townshipId) => ({ townshipId, appealId: missing, expectedVersion: 999, reason: "复核不同意" }),
  },
  "appeals.setWindow": { access: "countyAdmin", input: () => ({ days: 5, expectedVersion: 999 }) },

  "public.periods": { access: "public", input: () => ({ countyId: missing }) },
  "public.leagueTable": { access: "public", input: () => ({ countyId: missing, period: "2026-10" }) },

  "supervision.disputes": { access: "county", input: () => ({}) },
  "supervision.keyPersons": { access: "county", input: () => ({}) },
  "supervision.townships": { access: "county", input: () => ({}) },
  "supervision.townshipDisputes": { access: "townshipRead", input: (townshipId) => ({ townshipId }) },
  "supervision.townshipLights": { access: "townshipRead", input: (townshipId) => ({ townshipId }) },
  "supervision.lateSubmissions": { access: "county", input: () => ({ month: "2026-10" }) },

  "notices.responsibles": { access: "countyTownship", input: (townshipId) => ({ townshipId }) },
  "notices.issue": {
    access: "countyTownship",
    // A responsible person who is not the township's: the gate passes, the handler refuses the input.
    input: (townshipId) => ({
      townshipId,
      title: "督办",
      content: "请核查",
      subject: "matter",
      workingDays: 3,
      responsibleUserId: missing,
    }),
  },
  "notices.list": { access: "county", input: () => ({}) },
  "notices.townshipList": { access: "townshipRead", input: (townshipId) => ({ townshipId }) },
  "notices.get": { access: "townshipRead", input: (townshipId) => ({ townshipId, id: missing }) },
  "notices.reply": {
    access: "townshipWrite",
    input: (townshipId) => ({ ...edit(townshipId), text: "已办理", evidence: [] }),
  },
  "notices.accept": { access: "countyTownship", input: (townshipId) => edit(townshipId) },
  "notifications.mine": { access: "authed" },
  "notifications.markRead": { access: "authed", input: () => ({ ids: [missing] }) },
  "notifications.preferences": { access: "authed" },
  "notifications.setSms": { access: "authed", input: () => ({ sms: false }) },
  "notices.returnReply": {
    access: "countyTownship",
    input: (townshipId) => ({ ...edit(townshipId), reason: "材料不足" }),
  },

  "audit.township": { access: "townshipRead", input: (townshipId) => ({ townshipId }) },
  "audit.county": { access: "county", input: () => ({}) },

  "imports.preview": { access: "townshipAdmin", input: (townshipId) => ({ townshipId, rows: [importRow] }) },
  "imports.commit": { access: "townshipAdmin", input: (townshipId) => ({ townshipId, ...importFile }) },
  "imports.previewCounty": { access: "countyAdmin", input: () => ({ rows: [importRow] }) },
  "imports.commitCounty": { access: "countyAdmin", input: () => importFile },
  "imports.export": { access: "townshipRead", input: (townshipId) => ({ townshipId, type: "dispute" }) },
  "imports.exportCounty": { access: "countyAdmin", input: () => ({ period: "2026-10", type: "event" }) },
  // A missing county: the gates are what is tested here; offboarding itself in ops/offboarding.test.ts.
  "ops.exportCounty": { access: "countyAdmin" },
  "ops.offboardCounty": {
    access: "platform",
    input: () => ({ countyId: missing, expectedVersion: 1, reason: "合同到期，不再续用" }),
  },
  "ops.purgeCounty": { access: "platform", input: () => ({ countyId: missing, reason: "保留期满" }) },
};
