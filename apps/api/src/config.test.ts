import { describe, expect, it } from "vitest";
import { DEV_TOKEN_SECRET, loadConfig } from "./config";

describe("configuration", () => {
  it("refuses to run the API on Lambda without a token secret", async () => {
    await expect(loadConfig({ AWS_LAMBDA_FUNCTION_NAME: "api", TABLE_NAME: "t" })).rejects.toThrow(
      /TOKEN_SECRET/,
    );
  });

  it("lets the monthly-close job start on Lambda without the token secret, which it never uses", async () => {
    const config = await loadConfig(
      { AWS_LAMBDA_FUNCTION_NAME: "close", TABLE_NAME: "t" },
      { tokenSecret: false },
    );
    expect(config).toMatchObject({ tableName: "t", tokenSecret: "" });
  });

  it("uses the development secret only off Lambda", async () => {
    expect((await loadConfig({})).tokenSecret).toBe(DEV_TOKEN_SECRET);
    expect((await loadConfig({ TOKEN_SECRET: "s3cret" })).tokenSecret).toBe("s3cret");
  });
});
