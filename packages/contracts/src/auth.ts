import * as z from "zod";
import { email, input, password, phone, text } from "./fields";
import { fieldError } from "./messages";

/** A phone number or an e-mail address. */
export const login = () =>
  z.union([phone("账号"), email("账号")], { error: () => "「账号」应为手机号或电子邮箱" });

export const signInInput = input({
  login: login(),
  password: z
    .string({ error: fieldError("密码") })
    .min(1)
    .max(128),
});
/** Without a token, the browser's HttpOnly refresh cookie is used (apps/api/src/auth/refresh-cookie.ts). */
export const refreshInput = input({ refreshToken: text("刷新令牌", 512).optional() });
export const signOutInput = input({ refreshToken: text("刷新令牌", 512).optional() });
export const changePasswordInput = input({
  currentPassword: z
    .string({ error: fieldError("当前密码") })
    .min(1)
    .max(128),
  newPassword: password("新密码"),
});

export type SignInInput = z.infer<typeof signInInput>;
