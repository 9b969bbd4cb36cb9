import { serve } from "@hono/node-server";
import { createApp } from "../src/app";
import { loadConfig } from "../src/config";
import { createServices } from "../src/services";

/** The API as `npm run dev` serves it, on the DynamoDB Local and table the benchmark hands over in the environment. */
const config = await loadConfig();
const services = createServices(config);
serve({ fetch: createApp({ services }).fetch, port: config.port }, (info) => {
  console.log(`listening ${info.port}`);
});

// A profiled run (`BENCH_CPU_PROF`) writes its profile on a normal exit only: turn the bench's SIGTERM into one.
if (process.env.BENCH_CPU_PROF) process.on("SIGTERM", () => process.exit(0));
