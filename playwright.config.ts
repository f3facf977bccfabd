import { defineConfig } from "@playwright/test";
import { E2E_APP_URL, E2E_APP_PORT, E2E_INDEXER_URL, E2E_RPC_URL } from "./e2e/ports";

/**
 * End-to-end tests: a real Hardhat node and its indexer (global setup) and the built app (`next build` + `next start`), both on
 * 127.0.0.1 ports of their own so a running `npm run dev` is not disturbed, driven in Debian's Chromium.
 * Tests share one chain, so they run one at a time and each reverts the chain to a snapshot when it ends.
 */
export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: E2E_APP_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--enable-unsafe-webgpu",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: `npm run build && npx next start --hostname 127.0.0.1 --port ${E2E_APP_PORT}`,
    url: E2E_APP_URL,
    timeout: 15 * 60_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      NEXT_PUBLIC_LOCAL_RPC_URL: E2E_RPC_URL,
      NEXT_PUBLIC_INDEXER_URL: E2E_INDEXER_URL,
      NEXT_PUBLIC_CHAIN_IDS: "31337",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
