import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const panelRoot = fileURLToPath(new URL(".", import.meta.url));
const outDir = fileURLToPath(new URL("../dist/panel", import.meta.url));

/** Hub that `vite` (the dev server) forwards API and socket traffic to. */
const DEV_HUB_URL =
  process.env.STOREFLOOR_DEV_HUB_URL ?? "http://127.0.0.1:8080";

/**
 * The control panel's build: a bundle of its own, served by the hub at
 * `/admin/`, with no service worker, so it never shares the kiosk's cache.
 */
export default defineConfig({
  root: panelRoot,
  base: "/admin/",
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
