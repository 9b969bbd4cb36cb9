/** The API's router type: the admin app's calls are checked against the procedures as they are. */
export type { AppRouter } from "@pingan/api";
