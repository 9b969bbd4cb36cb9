import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEV_SECRET_FILE, loadConfig } from "./config";

const dirs: string[] = [];
async function dataDir() {
  const dir = await mkdtemp(join(tmpdir(), "pingan-config-"));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe("configuration", () => {
  it("refuses to run the API on Lambda without a token secret", async () => {
    await expect(loadConfig({ AWS_LAMBDA_FUNCTION_NAME: "api", TABLE_NAME: "t" })).rejects.toThrow(
      /TOKEN_SECRET/,
    );
  });

  it("refuses to start off Lambda without a token secret unless it is `npm run dev`", async () => {
    await expect(loadConfig({})).rejects.toThrow(/TOKEN_SECRET or TOKEN_SECRET_ARN must be set/);
    await expect(loadConfig({ TABLE_NAME: "t", DATA_DIR: await dataDir() })).rejects.toThrow(/TOKEN_SECRET/);
    expect((await loadConfig({ TOKEN_SECRET: "s3cret" })).tokenSecret).toBe("s3cret");
  });

  it("keeps bundles in the stack's bucket when named, else in a directory under the data directory", async () => {
    const onAws = await loadConfig({ TOKEN_SECRET: "s", BUNDLE_BUCKET: "pingan-bundles-1" });
    expect(onAws.bundleBucket).toBe("pingan-bundles-1");
    const local = await loadConfig({ TOKEN_SECRET: "s", DATA_DIR: "/srv/pingan" });
    expect(local).toMatchObject({ bundleBucket: undefined, bundleDir: join("/srv/pingan", "bundles") });
    expect((await loadConfig({ TOKEN_SECRET: "s", BUNDLE_DIR: "/tmp/b" })).bundleDir).toBe("/tmp/b");
  });

  it("takes the public site's origin for large bundles' redirects, and refuses anything but an origin", async () => {
    const onAws = await loadConfig({ TOKEN_SECRET: "s", PUBLIC_SITE_ORIGIN: "https://d1abc.cloudfront.net" });
    expect(onAws.publicSiteOrigin).toBe("https://d1abc.cloudfront.net");
    expect((await loadConfig({ TOKEN_SECRET: "s" })).publicSiteOrigin).toBeUndefined();
    for (const bad of ["d1abc.cloudfront.net", "https://d1abc.cloudfront.net/bundles", "ftp://x.example"])
      await expect(loadConfig({ TOKEN_SECRET: "s", PUBLIC_SITE_ORIGIN: bad }), bad).rejects.toThrow(
        /PUBLIC_SITE_ORIGIN/,
      );
  });

  it("lets the monthly-close job start on Lambda without the token secret, which it never uses", async () => {
    const config = await loadConfig(
      { AWS_LAMBDA_FUNCTION_NAME: "close", TABLE_NAME: "t" },
      { tokenSecret: false },
    );
    expect(config).toMatchObject({ tableName: "t", tokenSecret: "" });
  });

  it("gives `npm run dev` a random secret per data directory, kept there so sessions survive a restart", async () => {
    const [one, two] = [await dataDir(), await dataDir()];
    const first = (await loadConfig({ DATA_DIR: one }, { developmentSecret: true })).tokenSecret;
    const again = (await loadConfig({ DATA_DIR: one }, { developmentSecret: true })).tokenSecret;
    const other = (await loadConfig({ DATA_DIR: two }, { developmentSecret: true })).tokenSecret;
    expect(first).toMatch(/^[\w-]{43}$/);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    expect((await readFile(join(one, DEV_SECRET_FILE), "utf8")).trim()).toBe(first);
    expect((await stat(join(one, DEV_SECRET_FILE))).mode & 0o077).toBe(0);
    // The published development secret of earlier versions is gone from the code.
    expect(first).not.toBe("pingan-local-development-secret-do-not-use-in-production");
  });

  it("makes one secret when two dev starts race, replaces an unusable file, and prefers TOKEN_SECRET", async () => {
    const dir = await dataDir();
    const raced = await Promise.all(
      [1, 2, 3].map(
        async () => (await loadConfig({ DATA_DIR: dir }, { developmentSecret: true })).tokenSecret,
      ),
    );
    expect(new Set(raced).size).toBe(1);
    await writeFile(join(dir, DEV_SECRET_FILE), "short\n");
    const replaced = (await loadConfig({ DATA_DIR: dir }, { developmentSecret: true })).tokenSecret;
    expect(replaced).toMatch(/^[\w-]{43}$/);
    expect(
      (await loadConfig({ DATA_DIR: dir, TOKEN_SECRET: "from-env" }, { developmentSecret: true }))
        .tokenSecret,
    ).toBe("from-env");
  });

  it("never makes a development secret on Lambda, even if asked", async () => {
    await expect(
      loadConfig({ AWS_LAMBDA_FUNCTION_NAME: "api", DATA_DIR: await dataDir() }, { developmentSecret: true }),
    ).rejects.toThrow(/TOKEN_SECRET/);
  });
});
