/**
 * SMS for notifications: a provider interface, and a local outbox the dev server prints. A message goes
 * only to a user who opted in, carries a fixed text per kind (no names, titles or other personal data;
 * the details are in the app), and a township's people get at most SMS_PER_TOWNSHIP_PER_DAY a China day.
 */
import { chinaDayOf } from "@pingan/calendar";
import { getItem, type NotificationKind } from "@pingan/data";
import type { Services } from "../services";

export const SMS_PER_TOWNSHIP_PER_DAY = 20;

/** The SMS text of each kind: fixed, with no personal data. */
export const SMS_TEXT: Record<NotificationKind, string> = {
  notice_issued: "【平安考评】您有一张新的督办单，请登录系统查看并按期回复。",
  notice_due_soon: "【平安考评】您有督办单即将到期，请登录系统尽快回复。",
  notice_returned: "【平安考评】您的督办单回复被退回，请登录系统查看。",
  submission_returned: "【平安考评】本乡镇月度填报被退回，请登录系统查看。",
  submission_due: "【平安考评】本乡镇月度填报截止时间临近，请及时提交。",
  dispute_yellow: "【平安考评】本乡镇有矛盾纠纷临近办理时限，请登录系统查看。",
  dispute_red: "【平安考评】本乡镇有矛盾纠纷已超期，请登录系统查看。",
  appeal_decided: "【平安考评】本乡镇的申诉已有处理结果，请登录系统查看。",
  meeting_due: "【平安考评】本月综治例会临近，本乡镇尚未登记，请按时召开并登记。",
};

/** Takes one SMS of the township's day; false once the day's quota is used up. */
async function takeQuota(services: Services, townshipId: string, now: Date): Promise<boolean> {
  const day = chinaDayOf(now);
  try {
    await services.db.entities.smsQuota
      .update({ townshipId, day })
      .add({ count: 1 })
      .set({ expiresAt: Math.floor(now.getTime() / 1000) + 3 * 24 * 3600 })
      .where((a, op) => `${op.notExists(a.count)} OR ${op.lt(a.count, SMS_PER_TOWNSHIP_PER_DAY)}`)
      .go();
    return true;
  } catch (error) {
    if (
      String((error as Error)?.message)
        .toLowerCase()
        .includes("conditional")
    )
      return false;
    throw error;
  }
}

/** Sends the SMS of a notification just created, if the recipient opted in and the township has quota. */
export async function smsFor(
  services: Services,
  draft: { userId: string; kind: NotificationKind; townshipId?: string },
  now: Date,
): Promise<boolean> {
  const { sms, db } = services;
  if (!sms) return false;
  const prefs = await getItem(db, "notifyPrefs", { userId: draft.userId });
  if (!prefs?.sms) return false;
  const user = await getItem(db, "user", { id: draft.userId });
  if (user?.status !== "active") return false;
  const townshipId = draft.townshipId ?? user.townshipId;
  if (townshipId && !(await takeQuota(services, townshipId, now))) {
    console.warn(JSON.stringify({ message: "sms rate-limited", townshipId, kind: draft.kind }));
    return false;
  }
  await sms.send({ phone: user.phone, text: SMS_TEXT[draft.kind] });
  return true;
}

export async function smsPreference(services: Services, userId: string) {
  const prefs = await getItem(services.db, "notifyPrefs", { userId });
  return { sms: prefs?.sms ?? false };
}

export async function setSmsPreference(services: Services, userId: string, sms: boolean) {
  await services.db.entities.notifyPrefs.put({ userId, sms, updatedAt: services.now().toISOString() }).go();
  return { sms };
}
