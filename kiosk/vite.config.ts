import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const kioskRoot = fileURLToPath(new URL(".", import.meta.url));
const outDir = fileURLToPath(new URL("../dist/kiosk", import.meta.url));

/** Hub that `vite` (the dev server) forwards API and socket traffic to. */
const DEV_HUB_URL =
  process.env.STOREFLOOR_DEV_HUB_URL ?? "http://127.0.0.1:8080";

export default defineConfig({
  root: kioskRoot,
  base: "/",
  build: {
    outDir,
    emptyOutDir: true,
    target: "es2022",
  },
  server: {
    proxy: {
      "/api": DEV_HUB_URL,
      "/socket.io": { target: DEV_HUB_URL, ws: true },
    },
  },
});
