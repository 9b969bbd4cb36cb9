import { describe, expect, it } from "vitest";
import { spaFallbackCode } from "./spa-fallback";

type Request = { uri: string };
const handler = new Function(`${spaFallbackCode}; return handler;`)() as (event: {
  request: Request;
}) => Request;

describe("the SPA fallback CloudFront Function", () => {
  it.each(["/", "/league", "/townships/330102001/submissions/2026-10", "/league/"])(
    "serves index.html for the client-side route %s",
    (uri) => {
      expect(handler({ request: { uri } }).uri).toBe("/index.html");
    },
  );

  it.each(["/assets/index-3f9a.js", "/favicon.ico", "/index.html", "/assets/fonts/noto.v2.woff2"])(
    "leaves the file %s alone",
    (uri) => {
      expect(handler({ request: { uri } }).uri).toBe(uri);
    },
  );
});
