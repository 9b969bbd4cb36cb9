import scheme from "../seed/model-scheme.json" with { type: "json" };

/**
 * The model scheme (示范考核细则): the demo county's scheme and the one a new county starts from
 * (schemes.model / schemes.startFromModel). It is its own document, not the 2026 example: it began as
 * shared/examples/scheme-2026.json (whose copy for tests is @pingan/domain/golden/scheme-2026.json) and
 * changes as the product's model scheme changes. Validate it with the domain's parseScheme.
 */
export const modelScheme2026 = scheme;
