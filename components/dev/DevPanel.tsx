"use client";

import dynamic from "next/dynamic";
import { appConfig, LOCAL_RPC_URL } from "@/lib/config";

/** Loaded after the page: the test-client actions it uses are not needed for first load. */
const DevPanelBody = dynamic(() => import("./DevPanelBody").then((m) => m.DevPanelBody), { ssr: false });

/** Local-chain tools: move time, mine, and drive the dev wallet. Not rendered on any other chain. */
export function DevPanel() {
  if (!appConfig.localTools || !LOCAL_RPC_URL) return null;
  return <DevPanelBody rpcUrl={LOCAL_RPC_URL} />;
}
