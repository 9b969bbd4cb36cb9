import type { ExpectedRouter } from "./expected-router";

/** The API's router type. TODO(api): `export type { AppRouter } from "@pingan/api"` once it exists. */
export type AppRouter = ExpectedRouter;
