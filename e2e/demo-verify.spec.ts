import { expect, openTask, test } from "./fixtures";

/**
 * The demo seed's scores are real (scripts/seed/realScores.ts): on the seeded "Move code comments" task (#1), a
 * shipped model's revealed score verifies by re-scoring random examples in the browser, and a placeholder
 * submission's score says it was entered by hand.
 */
test("on the seeded demo, Verify this score re-scores a shipped model's examples; a placeholder's score was entered by hand", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openTask(page, 1n);
  const rows = page.getByTestId("revealed-score");
  const shipped = rows.filter({ has: page.getByRole("cell", { name: "#0", exact: true }) }).first();
  await expect(shipped).toBeVisible({ timeout: 30_000 });
  await shipped.getByRole("button", { name: "Verify this score" }).click();
  await expect(shipped.getByTestId("verify-outcome")).toContainText("Verified: 3 examples agree", {
    timeout: 120_000,
  });
  const placeholder = rows.filter({ has: page.getByRole("cell", { name: "#3", exact: true }) }).first();
  await placeholder.getByRole("button", { name: "Verify this score" }).click();
  await expect(placeholder.getByTestId("verify-outcome")).toContainText("this score was entered by hand");
});
