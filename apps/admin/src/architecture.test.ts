import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = import.meta.dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );
}

/** The folder a file belongs to: `features/<area>` for features, else the top folder under src. */
function home(file: string): string {
  const parts = relative(SRC, file).split("/");
  if (parts.length === 1) return ".";
  return parts[0] === "features" ? `features/${parts[1]}` : (parts[0] as string);
}

/** Each source file's relative imports (static and lazy), resolved to the folder they land in. */
function edges(): { from: string; to: string; file: string; spec: string }[] {
  return sourceFiles(SRC).flatMap((file) =>
    [
      ...readFileSync(file, "utf8").matchAll(
        /(?:import|export)[^"']*?from\s+["']([^"']+)["']|import\s*\(?\s*["']([^"']+)["']/g,
      ),
    ]
      .map((m) => (m[1] ?? m[2]) as string)
      .filter((spec) => spec.startsWith("."))
      .map((spec) => ({ from: home(file), to: home(resolve(dirname(file), spec)), file, spec })),
  );
}

/** What a feature may lean on besides itself. */
const FEATURE_MAY_IMPORT = new Set(["shared", "api", "i18n", "errors"]);

describe("the admin app's folders", () => {
  it("keeps every feature to itself: features import only shared, api, i18n, errors and their own files", () => {
    const offenders = edges()
      .filter((e) => e.from.startsWith("features/") && e.from !== e.to && !FEATURE_MAY_IMPORT.has(e.to))
      .map((e) => `${relative(SRC, e.file)} → ${e.spec}`);
    expect(offenders).toEqual([]);
  });

  it("keeps the shared toolkit below the features: shared imports no feature and no app shell", () => {
    const offenders = edges()
      .filter(
        (e) => e.from === "shared" && (e.to.startsWith("features/") || e.to === "app" || e.to === "auth"),
      )
      .map((e) => `${relative(SRC, e.file)} → ${e.spec}`);
    expect(offenders).toEqual([]);
  });

  it("has no folder loops: no folder reaches itself again through another", () => {
    const graph = new Map<string, Set<string>>();
    for (const e of edges())
      if (e.from !== e.to) graph.set(e.from, (graph.get(e.from) ?? new Set()).add(e.to));
    const loops: string[] = [];
    for (const start of graph.keys()) {
      const seen = new Set<string>();
      const stack = [...(graph.get(start) ?? [])].map((n) => [start, n]);
      while (stack.length > 0) {
        const path = stack.pop() as string[];
        const last = path[path.length - 1] as string;
        if (last === start) {
          loops.push(path.join(" → "));
          break;
        }
        if (seen.has(last)) continue;
        seen.add(last);
        for (const next of graph.get(last) ?? []) stack.push([...path, next]);
      }
    }
    expect(loops).toEqual([]);
  });

  it("sees a cross-feature import when there is one (the check is not vacuous)", () => {
    expect(edges().length).toBeGreaterThan(100);
    expect(home(join(SRC, "features/league/league-page.tsx"))).toBe("features/league");
    expect(home(resolve(join(SRC, "features/league"), "../records/x"))).toBe("features/records");
  });
});
