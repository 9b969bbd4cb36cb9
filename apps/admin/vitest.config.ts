import react from "@vitejs/plugin-react";
import { defineProject } from "vitest/config";

export default defineProject({
  plugins: [react()],
  // Rendering antd pages in happy-dom takes 2–4 s a test while the API and browser projects share the two
  // cores; the 5 s default failed them under that load.
  test: {
    name: "admin",
    environment: "happy-dom",
    include: ["src/**/*.test.{ts,tsx}"],
    testTimeout: 20_000,
  },
});
