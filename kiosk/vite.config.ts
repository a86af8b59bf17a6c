import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";

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
  plugins: [
    VitePWA({
      strategies: "injectManifest",
      srcDir: ".",
      filename: "sw.ts",
      // The kiosk registers the worker itself with workbox-window, and the
      // web app manifest is a file of its own in `public/`.
      injectRegister: false,
      manifest: false,
      injectManifest: {
        globPatterns: ["**/*.{html,js,css,svg,png,webmanifest}"],
        rollupFormat: "iife",
      },
    }),
  ],
  server: {
    proxy: {
      "/api": DEV_HUB_URL,
      "/socket.io": { target: DEV_HUB_URL, ws: true },
    },
  },
});
