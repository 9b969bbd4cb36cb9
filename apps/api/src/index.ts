export { createApp } from "./app";
export { createContextInner } from "./context";
export type { AppErrorCode } from "./errors";
export { type AppRouter, appRouter } from "./root";
