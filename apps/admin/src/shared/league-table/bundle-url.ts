/** Where a published version's verification bundle (scoring.md §9) is served, without signing in. */
export const bundleUrl = (countyId: string, period: string, version: number) =>
  `/published/${encodeURIComponent(countyId)}/${encodeURIComponent(period)}/${version}/bundle.json`;
