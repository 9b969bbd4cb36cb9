/**
 * In-app notifications (通知中心): each one lives in its recipient's partition and has an id derived from
 * what it is about, so a retried sender (a schedule run twice, a request retried) writes nothing twice:
 * every write is a create that succeeds only if no item of that id exists.
 */
import { createHash } from "node:crypto";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { checkItems, type ItemOf, type NotificationKind } from "@pingan/data";
import type { Services } from "../services";
import { smsFor } from "./sms";

export type Notification = ItemOf<"notification">;

/** What to send to whom; `key` names the occasion (one notification per key and recipient, ever). */
export type Draft = {
  userId: string;
  key: string;
  kind: NotificationKind;
  text: string;
  link: string;
  townshipId?: string;
};

/** Notifications are kept this long (the table's TTL removes them). */
const KEEP_SECONDS = 180 * 24 * 3600;
/** The list shows at most this many, newest first. */
export const LIST_LIMIT = 50;

export function notificationId(key: string): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 32);
}

function itemOf(draft: Draft, now: Date): Notification {
  return {
    userId: draft.userId,
    id: notificationId(draft.key),
    kind: draft.kind,
    text: draft.text,
    link: draft.link,
    ...(draft.townshipId ? { townshipId: draft.townshipId } : {}),
    createdAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + KEEP_SECONDS,
  };
}

/** Sends each draft once: one already sent (same key and recipient) is left as it is. Returns how many are new. */
export async function send(services: Services, drafts: readonly Draft[], now: Date): Promise<number> {
  const { db } = services;
  let sent = 0;
  for (const draft of drafts) {
    const params = db.entities.notification.create(itemOf(draft, now)).params();
    try {
      await db.client.send(new PutCommand(params as ConstructorParameters<typeof PutCommand>[0]));
      sent++;
      await smsFor(services, draft, now);
    } catch (error) {
      if ((error as { name?: string })?.name !== "ConditionalCheckFailedException") throw error;
    }
  }
  return sent;
}

/** The active admins of a township: who hears about its month and its disputes. */
export async function townshipAdmins(services: Services, townshipId: string): Promise<string[]> {
  const { db } = services;
  const { data } = await db.entities.membership.query
    .byScope({ scope: `T#${townshipId}` })
    .go({ pages: "all" });
  return checkItems(db, "membership", data)
    .filter((m) => m.role === "township_admin" && m.status === "active")
    .map((m) => m.userId);
}

async function all(services: Services, userId: string): Promise<Notification[]> {
  const { db } = services;
  const { data } = await db.entities.notification.query.byUser({ userId }).go({ pages: "all" });
  const nowSeconds = services.now().getTime() / 1000;
  return checkItems(db, "notification", data)
    .filter((n) => n.userId === userId && n.expiresAt > nowSeconds)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1));
}

const view = (n: Notification) => ({
  id: n.id,
  kind: n.kind,
  text: n.text,
  link: n.link,
  createdAt: n.createdAt,
  read: n.readAt !== undefined,
});

/** The signed-in user's notifications, newest first, with the unread count. */
export async function myNotifications(services: Services, userId: string) {
  const list = await all(services, userId);
  return { unread: list.filter((n) => !n.readAt).length, items: list.slice(0, LIST_LIMIT).map(view) };
}

/** Marks the user's notifications read (the given ones, or all); someone else's ids match nothing. */
export async function markRead(services: Services, userId: string, ids: readonly string[] | undefined) {
  const { db } = services;
  const at = services.now().toISOString();
  const unread = (await all(services, userId)).filter((n) => !n.readAt && (!ids || ids.includes(n.id)));
  for (const n of unread) {
    await db.entities.notification
      .patch({ userId, id: n.id })
      .set({ readAt: at })
      .go()
      .catch((error: unknown) => {
        // Expired and removed meanwhile: nothing left to mark.
        if (!String((error as Error)?.message).includes("conditional")) throw error;
      });
  }
  return myNotifications(services, userId);
}

/** Tells the township's admins their month was returned (once per return: the key has the new version). */
export async function notifySubmissionReturned(
  services: Services,
  townshipId: string,
  month: string,
  version: number,
) {
  const admins = await townshipAdmins(services, townshipId);
  const drafts = admins.map(
    (userId): Draft => ({
      userId,
      key: `submission-returned:${townshipId}:${month}:${version}`,
      kind: "submission_returned",
      text: `${month} 月度填报被县级退回，请查看退回原因并修改后重新提交`,
      link: "/my/score",
      townshipId,
    }),
  );
  return send(services, drafts, services.now());
}
