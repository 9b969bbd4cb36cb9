import * as z from "zod";
import {
  displayName,
  email,
  expectedVersion,
  id,
  input,
  int,
  month,
  optionalText,
  password,
  phone,
  text,
} from "./fields";
import { fieldError } from "./messages";

const person = {
  name: displayName("姓名", 50),
  phone: phone(),
  email: email().optional(),
};

export const accountInput = z.object(
  { ...person, password: password() },
  { error: fieldError("管理员账号") },
);

export const townshipProfile = {
  name: displayName("乡镇名称", 50),
  code: z
    .string({ error: fieldError("乡镇区划代码") })
    .regex(/^\d{9}$/, { error: "「乡镇区划代码」应为 9 位数字" }),
  population: int("常住人口", 1, 10_000_000),
  villages: int("村（社区）数", 0, 10_000),
  grids: int("网格数", 0, 100_000),
};

export const joinCode = () =>
  z
    .string({ error: fieldError("加入码") })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{8}$/, { error: "「加入码」应为 8 位字母或数字" });

export const registerTownshipInput = input({
  joinCode: joinCode(),
  township: z.object(townshipProfile, { error: fieldError("乡镇信息") }),
  admin: accountInput,
});

export const decideTownshipInput = input({ townshipId: id("乡镇"), expectedVersion: expectedVersion() });
/** Approving a registration: the first month it is scored in (scoring.md §11; default the joining month). */
export const approveTownshipInput = input({
  townshipId: id("乡镇"),
  expectedVersion: expectedVersion(),
  memberFrom: month("参评起始月").optional(),
});
export const setMemberFromInput = input({
  townshipId: id("乡镇"),
  expectedVersion: expectedVersion(),
  memberFrom: month("参评起始月"),
});
export const rejectTownshipInput = input({
  townshipId: id("乡镇"),
  expectedVersion: expectedVersion(),
  reason: text("驳回理由", 500),
});
export const resubmitTownshipInput = input({ ...townshipProfile, expectedVersion: expectedVersion() });

/**
 * The township's own profile edit. The population feeds scoring (万人发案率), so it is not here: it changes
 * only through a reviewed request (proposePopulationInput), approved by the county.
 */
const { population: _population, ...editableProfile } = townshipProfile;
export const updateTownshipProfileInput = input({ ...editableProfile, expectedVersion: expectedVersion() });

export const proposePopulationInput = input({
  from: month("生效月份"),
  population: int("户籍人口", 1, 10_000_000),
  reason: text("变更理由", 500),
  expectedVersion: expectedVersion(),
});

export const decidePopulationInput = input({
  townshipId: id("乡镇"),
  requestId: id("变更申请"),
  approve: z.boolean({ error: fieldError("审批结果") }),
  reason: optionalText("审批意见", 500),
  expectedVersion: expectedVersion(),
});

export const inviteStaffInput = input({ ...person, initialPassword: password("初始密码") });
export const removeStaffInput = input({ userId: id("人员") });

export const createCountyInput = input({
  name: displayName("县（区）名称", 50),
  code: z
    .string({ error: fieldError("县级区划代码") })
    .regex(/^\d{6}$/, { error: "「县级区划代码」应为 6 位数字" }),
  admin: accountInput,
});

export const addCountyUserInput = input({
  ...person,
  role: z.enum(["county_admin", "county_reviewer"], { error: fieldError("角色") }),
  initialPassword: password("初始密码"),
});
