import scheme from "../seed/scheme-2026.json" with { type: "json" };

/**
 * The 2026 model scheme (a copy of shared/examples/scheme-2026.json, which is not there at runtime): the
 * demo county's scheme and a new county's starting point. Validate it with the domain's parseScheme.
 */
export const modelScheme2026 = scheme;
