import { ARENA_EXPLAINERS } from "@/lib/errors/arenaErrors";
import { registerCustomErrorExplainers } from "@/lib/errors/customErrors";

/**
 * ArenaTasks' error explanations, registered by every component that sends its transactions. They load with
 * those (lazy) components, not with every page's first-load JS.
 */
registerCustomErrorExplainers(ARENA_EXPLAINERS);
