// Runs DynamoDB Local (Java) as a child that cannot outlive the Node process that started it.
//
//   node guard.mjs <java> <args…>
//
// The parent holds our stdin open through a pipe. When the parent dies in any way (exit, crash, kill -9),
// the kernel closes that pipe; we see end-of-file and stop Java. We also poll our parent pid, in case stdin
// was inherited by someone else. SIGTERM / SIGINT stop Java too. When Java exits on its own, so do we,
// with its exit code. Plain JavaScript, so it runs without a TypeScript loader.
import { spawn } from "node:child_process";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write("guard.mjs: no command\n");
  process.exit(2);
}
const parent = process.ppid;
const java = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"] });
let stopping = false;

function stop() {
  if (stopping) return;
  stopping = true;
  if (java.exitCode !== null || java.signalCode !== null) process.exit(0);
  java.kill("SIGTERM");
  setTimeout(() => java.kill("SIGKILL"), 3000).unref();
}

java.on("exit", (code, signal) => process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0))));
java.on("error", (error) => {
  process.stderr.write(`guard.mjs: ${error.message}\n`);
  process.exit(127);
});
process.stdin.on("end", stop);
process.stdin.on("close", stop);
process.stdin.on("error", stop);
process.stdin.resume();
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.on("SIGHUP", stop);
setInterval(() => {
  if (process.ppid !== parent) stop();
}, 500).unref();
