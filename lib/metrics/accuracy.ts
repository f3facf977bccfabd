/** Accuracy on labelled sets: a causal LM "predicts" the label it finds most likely (lowest loss). */
export type LabelScores = ReadonlyMap<string, number>;

/** The label with the lowest loss; ties go to the label listed first. */
export function predictLabel(lossByLabel: LabelScores): string {
  let best: string | undefined;
  let bestLoss = Infinity;
  for (const [label, loss] of lossByLabel) {
    if (loss < bestLoss) {
      best = label;
      bestLoss = loss;
    }
  }
  if (best === undefined) throw new Error("no labels to choose from");
  return best;
}

export function accuracy(predictions: readonly string[], labels: readonly string[]): number {
  if (predictions.length !== labels.length) throw new RangeError("predictions and labels differ in length");
  if (labels.length === 0) return Number.NaN;
  return predictions.filter((prediction, i) => prediction === labels[i]).length / labels.length;
}
