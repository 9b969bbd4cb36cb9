import { nodeIo } from "./io";
import { runCli } from "./run";

const result = await runCli(process.argv.slice(2), nodeIo);
if (result.stdout) process.stdout.write(result.stdout);
if (result.stderr) process.stderr.write(result.stderr);
process.exitCode = result.code;
