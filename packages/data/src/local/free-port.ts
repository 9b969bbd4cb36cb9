import { createServer } from "node:net";

/** Asks the OS for a port nobody is listening on, so we never talk to someone else's DynamoDB Local. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address === null || typeof address === "string") {
        server.close();
        reject(new Error("could not read the port of a listening socket"));
        return;
      }
      const { port } = address;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Refuses a port someone already listens on (an orphaned DynamoDB Local, another dev server), with a
 * Chinese message naming what wanted it and the variable that moves it. Binds the way the servers do
 * (all interfaces) and then 127.0.0.1, so a listener on either is found.
 */
export async function assertPortFree(port: number, what: string, variable: string): Promise<void> {
  for (const host of [undefined, "127.0.0.1"]) {
    const free = await new Promise<boolean>((resolve, reject) => {
      const server = createServer();
      server.unref();
      server.once("error", (error: NodeJS.ErrnoException) => {
        if (error.code === "EADDRINUSE" || error.code === "EACCES") resolve(false);
        else if (error.code === "EADDRNOTAVAIL" || error.code === "EAFNOSUPPORT") resolve(true);
        else reject(error);
      });
      server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
    });
    if (!free) throw portTaken(port, what, variable);
  }
}

/** The Chinese message for a port already in use. */
export function portTaken(port: number, what: string, variable: string): Error {
  return new Error(
    `端口 ${port} 已被占用，${what} 无法使用它（可能是上次未正常退出的进程，或其他程序）。` +
      `请结束占用该端口的进程，或用 ${variable}=… 指定其他端口。`,
  );
}
