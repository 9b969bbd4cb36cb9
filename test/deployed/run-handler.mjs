// Runs a bundled Lambda handler in a plain Node process (no test framework, no TypeScript loader), as the
// Lambda runtime would: imports the file once, then answers each invocation sent over IPC.
const mod = await import(process.argv[2]);
if (typeof mod.handler !== "function") throw new Error("the bundle exports no handler");

const lambdaContext = {
  functionName: "local",
  functionVersion: "$LATEST",
  awsRequestId: "local-request",
  getRemainingTimeInMillis: () => 10_000,
};

process.on("message", async ({ id, event }) => {
  try {
    const result = await mod.handler(event, lambdaContext);
    process.send({ id, ok: true, result });
  } catch (error) {
    process.send({ id, ok: false, error: String(error?.stack ?? error) });
  }
});
process.send({ ready: true });
