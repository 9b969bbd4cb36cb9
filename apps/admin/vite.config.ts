import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const apiPort = process.env.API_PORT ?? "3000";

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/trpc": { target: `http://localhost:${apiPort}`, changeOrigin: true },
      "/published": { target: `http://localhost:${apiPort}`, changeOrigin: true },
      "/bundles": { target: `http://localhost:${apiPort}`, changeOrigin: true },
    },
  },
  build: {
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
});
