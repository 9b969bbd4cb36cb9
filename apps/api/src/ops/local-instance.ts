import { readdirSync, readFileSync } from "node:fs";

/**
 * The process id of the DynamoDB Local (Java) serving `port`: found through /proc (Linux), because the
 * starter in @pingan/data/local keeps its child to itself. Fault tests use it to pause (SIGSTOP) and resume
 * (SIGCONT) the database the way a hung host would.
 */
export function dynamoLocalPid(port: number): number {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
    } catch {
      continue; // the process ended meanwhile
    }
    const portAt = args.indexOf("-port");
    if (args.some((a) => a.endsWith("DynamoDBLocal.jar")) && args[portAt + 1] === String(port)) {
      return Number(entry);
    }
  }
  throw new Error(`no DynamoDB Local process serves port ${port}`);
}
