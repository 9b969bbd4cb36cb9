// Placeholder entry for the monthly-close job; the API team replaces the body.
export async function handler(event: unknown) {
  console.log(JSON.stringify({ message: "monthly-close invoked", event }));
  return { ok: true };
}
