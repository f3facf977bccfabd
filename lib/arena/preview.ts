import { settleEpochFloat } from "../rewards/float";

/** Inputs of the create-task preview: the mechanism, the pool and a hypothetical field of stakers. */
export type PreviewInput = {
  pool: number;
  scoringEpochs: number;
  gamma: number;
  q: number;
  alphaT: number;
  lambdaV: number;
  alphaV: number;
  nodes: number;
  validators: number;
  nodeStake: number;
  validatorStake: number;
};

export type RankPreview = { rank: number; reward: number; share: number };

/**
 * "With these stakes, rank 1 gets …": one epoch of docs/ARCHITECTURE.md §3.5 with equal stakes, distinct scores
 * (rank 1 best) and validators that all agree, using the same float settlement the reward library is tested against.
 */
export function previewEpoch(p: PreviewInput): { r0: number; nodes: RankPreview[]; perValidator: number } {
  const r0 = p.scoringEpochs > 0 ? p.pool / p.scoringEpochs : 0;
  const nodes = Array.from({ length: p.nodes }, (_, i) => ({
    id: `n${i}`,
    own: p.nodeStake,
    delegated: 0,
    rewardShare: 0,
  }));
  const scores = new Map(nodes.map((n, i) => [n.id, 1 + i * 0.1]));
  const validators = Array.from({ length: p.validators }, (_, j) => ({
    id: `v${j}`,
    own: p.validatorStake,
    delegated: 0,
    rewardShare: 0,
    scores,
  }));
  if (nodes.length === 0 || validators.length === 0 || r0 <= 0) return { r0, nodes: [], perValidator: 0 };
  const result = settleEpochFloat({
    metric: "loss",
    mechanism: { gamma: p.gamma, q: p.q, alphaT: p.alphaT, lambdaV: p.lambdaV, alphaV: p.alphaV },
    reward: r0,
    nodes,
    validators,
  });
  const byId = new Map(result.nodes.map((n) => [n.id, n.earned]));
  return {
    r0,
    nodes: nodes.map((n, i) => {
      const reward = byId.get(n.id) ?? 0;
      return { rank: i + 1, reward, share: r0 > 0 ? reward / r0 : 0 };
    }),
    perValidator: result.validators[0]?.earned ?? 0,
  };
}

/** Splitting stake over k identities multiplies its weight by about k^(1−α) (docs/ARCHITECTURE.md §8). */
export function sybilGain(alpha: number, identities: number): number {
  return Math.pow(identities, 1 - alpha);
}
