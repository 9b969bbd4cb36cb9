import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundleKey, directoryBundleStore, isBundleKey } from "./bundle-store";

describe("the local bundle store", () => {
  const dir = mkdtempSync(join(tmpdir(), "pingan-bundle-store-"));
  const store = directoryBundleStore(dir);
  const key = bundleKey("county-1", "2026-Q3", 2, '{"a":1}');

  it("names a bundle by its version and the SHA-256 of its JSON", () => {
    expect(key).toBe(
      "bundles/county-1/2026-Q3/v2-015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862.json",
    );
    expect(isBundleKey(key)).toBe(true);
    for (const bad of ["bundles/../x", "bundles/c/2026-13/v1-aa.json", "other/c/2026/v1-00.json"])
      expect(isBundleKey(bad), bad).toBe(false);
  });

  it("keeps a key's first bytes: a second put of the same key changes nothing", async () => {
    await store.put(key, new Uint8Array([1, 2, 3]));
    await store.put(key, new Uint8Array([9, 9]));
    expect(await store.get(key)).toEqual(new Uint8Array([1, 2, 3]));
    // Written through a temporary file and a rename: nothing else is left beside it.
    expect(readdirSync(join(dir, "bundles", "county-1", "2026-Q3"))).toEqual([key.split("/").pop()]);
  });

  it("answers nothing for a key it does not hold, and refuses to write outside its keys", async () => {
    expect(await store.get(bundleKey("county-1", "2026", 1, "{}"))).toBeUndefined();
    expect(await store.get("bundles/../../etc/passwd")).toBeUndefined();
    await expect(store.put("bundles/../../x.json", new Uint8Array([1]))).rejects.toThrow(/not a bundle key/);
  });
});
