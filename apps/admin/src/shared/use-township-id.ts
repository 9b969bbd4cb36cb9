import { useSession } from "../api/session-provider";

/** The township the signed-in township user belongs to; township pages only open for them. */
export function useTownshipId(): string {
  const id = useSession().session?.user.townshipId;
  if (!id) throw new Error("township page opened without a township user");
  return id;
}
