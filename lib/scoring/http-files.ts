/** Checks model files over HTTP (HEAD), for the worker's pre-load check of shipped model folders. */
import type { ModelFileAccess } from "./load";

export function httpFileAccess(baseUrl: string): ModelFileAccess {
  const base = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
  return {
    exists: async (relativePath) => {
      try {
        const response = await fetch(`${base}${relativePath}`, { method: "HEAD", cache: "no-store" });
        return response.ok;
      } catch {
        return false;
      }
    },
  };
}
