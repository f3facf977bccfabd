import { constants } from "../../contracts-abi/protocol";
import { baseModelError } from "../scoring/modelUri";
import { METRIC_INDEX, METRICS, type MetricName } from "./metric";
import type { MechanismParams, TaskParams } from "./types";
import { encodeAbiParameters, keccak256, type Hex } from "viem";
import { formatScaled } from "../format";
import { expandExponent, isBytes32, parseDecimal, parseInteger, WAD, WAD_DECIMALS } from "../units";

/**
 * The create-task form: field definitions, defaults and validation that mirror the contract's range checks
 * (contracts/arena/lib/ArenaParams.sol), so a revert is the exception. Values are strings as typed.
 */

export { METRIC_INDEX, METRICS, type MetricName };
export type { MechanismParams, TaskParams };

const P = constants.ArenaParams;

/** ArenaParams.sol's bounds (generated into contracts-abi/protocol.ts at every compile). */
export const LIMITS = {
  maxAmount: P.MAX_AMOUNT,
  maxNodes: Number(P.MAX_NODES),
  /** ArenaParams.MAX_ASSIGNMENTS: one validator's scores are settled in one step, which must fit in a transaction. */
  maxAssignments: Number(P.MAX_ASSIGNMENTS),
  maxValidatorsPerSubmission: Number(P.MAX_VALIDATORS_PER_SUBMISSION),
  maxLambda: P.MAX_LAMBDA,
  minEpochLength: Number(P.MIN_EPOCH_LENGTH),
  maxEpochLength: Number(P.MAX_EPOCH_LENGTH),
  maxSubmissionEpochs: Number(P.MAX_SUBMISSION_EPOCHS),
  maxPhaseEpochs: Number(P.MAX_PHASE_EPOCHS),
  maxText: Number(P.MAX_TEXT),
  maxShortText: Number(P.MAX_SHORT_TEXT),
  maxContextLength: Number(P.MAX_CONTEXT_LENGTH),
} as const;

type Kind = "text" | "int" | "token" | "wad" | "lambda";

type FieldSpec = {
  label: string;
  kind: Kind;
  min?: number;
  max?: number | ((v: TaskFormValues) => number);
  /** Fields a dynamic `max` is computed from: while one of them is invalid, only its own error is reported. */
  dependsOn?: FieldName[];
  /** For `text`: the byte-length range. */
  help?: string;
};

export type TaskFormValues = {
  title: string;
  description: string;
  metric: MetricName;
  baseModel: string;
  dataURI: string;
  evalSetURI: string;
  finalEvalSetURI: string;
  contextLength: string;
  maxParams: string;
  rewardPool: string;
  creatorStake: string;
  epochLength: string;
  commitWindow: string;
  revealWindow: string;
  submissionEpochs: string;
  finalEpochs: string;
  challengeEpochs: string;
  unbondingEpochs: string;
  minNodeStake: string;
  minValidatorStake: string;
  challengeBond: string;
  validatorsPerSubmission: string;
  maxAssignmentsPerEpoch: string;
  maxNodes: string;
  gamma: string;
  q: string;
  alphaT: string;
  lambdaV: string;
  alphaV: string;
  beta: string;
};

export type FieldName = Exclude<keyof TaskFormValues, "metric">;

export const FIELD_SPECS: Record<FieldName, FieldSpec> = {
  title: { label: "Title", kind: "text", min: 1, max: LIMITS.maxShortText },
  description: { label: "Description", kind: "text", min: 0, max: LIMITS.maxText },
  baseModel: {
    label: "Base model",
    kind: "text",
    min: 1,
    max: LIMITS.maxShortText,
    help: "A shipped model (arena-lm-small), a model folder URL, or a pinned hub id owner/name@<40-hex commit>#<dtype>",
  },
  dataURI: { label: "Training data URI", kind: "text", min: 1, max: LIMITS.maxText },
  evalSetURI: { label: "Evaluation set URI", kind: "text", min: 1, max: LIMITS.maxText },
  finalEvalSetURI: {
    label: "Held-back evaluation set URI",
    kind: "text",
    min: 1,
    max: LIMITS.maxText,
    help: "Only its hash goes on chain now; you reveal it in the final validation phase",
  },
  contextLength: { label: "Context length (tokens)", kind: "int", min: 1, max: LIMITS.maxContextLength },
  maxParams: { label: "Max parameters", kind: "int", min: 1, max: Number.MAX_SAFE_INTEGER },
  rewardPool: { label: "Reward pool (ARENA)", kind: "token", min: 0 },
  creatorStake: { label: "Creator stake (ARENA)", kind: "token", min: 0, help: "0 if you qualify otherwise" },
  epochLength: {
    label: "Epoch length (seconds)",
    kind: "int",
    min: LIMITS.minEpochLength,
    max: LIMITS.maxEpochLength,
  },
  commitWindow: {
    label: "Commit window (seconds)",
    kind: "int",
    min: 1,
    max: (v) => Number(v.epochLength) - 2,
    dependsOn: ["epochLength"],
  },
  revealWindow: {
    label: "Reveal window (seconds)",
    kind: "int",
    min: 1,
    max: (v) => Number(v.epochLength) - Number(v.commitWindow) - 1,
    dependsOn: ["epochLength", "commitWindow"],
  },
  submissionEpochs: { label: "Submission epochs", kind: "int", min: 2, max: LIMITS.maxSubmissionEpochs },
  finalEpochs: { label: "Final validation epochs", kind: "int", min: 1, max: LIMITS.maxPhaseEpochs },
  challengeEpochs: { label: "Challenge epochs", kind: "int", min: 1, max: LIMITS.maxPhaseEpochs },
  unbondingEpochs: { label: "Unbonding epochs", kind: "int", min: 1, max: LIMITS.maxPhaseEpochs },
  minNodeStake: { label: "Minimum node stake (ARENA)", kind: "token", min: 0 },
  minValidatorStake: { label: "Minimum validator stake (ARENA)", kind: "token", min: 0 },
  challengeBond: { label: "Challenge bond (ARENA)", kind: "token", min: 0 },
  validatorsPerSubmission: {
    label: "Validators per submission (k)",
    kind: "int",
    min: 1,
    max: LIMITS.maxValidatorsPerSubmission,
  },
  maxAssignmentsPerEpoch: {
    label: "Max assignments per validator",
    kind: "int",
    min: 1,
    max: LIMITS.maxAssignments,
  },
  maxNodes: { label: "Max training nodes", kind: "int", min: 1, max: LIMITS.maxNodes },
  gamma: {
    label: "γ (nodes' base share of each epoch's reward)",
    kind: "wad",
    min: 0,
    max: 1,
    help: "Nodes get R₀·(γ + (1 − 2γ)·T/(T+S)), T and S the node and validator stakes: equal stakes pay 50/50 whatever γ",
  },
  q: { label: "q (rank decay)", kind: "wad", min: 0, max: 1 },
  alphaT: { label: "α_t (node stake exponent)", kind: "wad", min: 0, max: 1 },
  lambdaV: { label: "λ_v (validator distance sensitivity)", kind: "lambda", min: 0 },
  alphaV: { label: "α_v (validator stake exponent)", kind: "wad", min: 0, max: 1 },
  beta: { label: "β (sortition stake exponent)", kind: "wad", min: 0, max: 1 },
};

/** λ_v scaled to the metric: loss differences are small (bits per byte), accuracy and similarity are in [0, 1]. */
export function defaultLambda(metric: MetricName): string {
  return metric === "loss" ? "20" : "10";
}

export function defaultTaskForm(): TaskFormValues {
  return {
    title: "",
    description: "",
    metric: "loss",
    baseModel: "arena-lm-small",
    dataURI: "/models/samples/chat.jsonl",
    evalSetURI: "/models/samples/chat.jsonl",
    finalEvalSetURI: "/models/samples/plain.txt",
    contextLength: "1024",
    maxParams: "10000000",
    rewardPool: "10000",
    creatorStake: "1000",
    epochLength: "86400",
    commitWindow: "21600",
    revealWindow: "21600",
    submissionEpochs: "7",
    finalEpochs: "1",
    challengeEpochs: "2",
    unbondingEpochs: "1",
    minNodeStake: "100",
    minValidatorStake: "100",
    challengeBond: "500",
    validatorsPerSubmission: "3",
    maxAssignmentsPerEpoch: "32",
    maxNodes: "128",
    gamma: "0.7",
    q: "0.8",
    alphaT: "0.5",
    lambdaV: defaultLambda("loss"),
    alphaV: "0.5",
    beta: "0.5",
  };
}

export type ValidatedTask = { params: TaskParams; creatorStake: bigint };
export type FieldErrors = Partial<Record<FieldName, string>>;

/**
 * keccak256(abi.encode(uri, sha256, salt)): what the contract stores for the held-back evaluation set, `sha256`
 * being the sha256 of the set's bytes (revealed with it, and checked by every scorer of the final epochs).
 */
export function finalEvalCommitment(uri: string, sha256: Hex, salt: Hex): Hex {
  return keccak256(
    encodeAbiParameters([{ type: "string" }, { type: "bytes32" }, { type: "bytes32" }], [uri, sha256, salt]),
  );
}

/** The sha256 of the public and the held-back evaluation sets' bytes, computed from the files before creating. */
export type EvalSetHashes = { evalSetHash: Hex; heldBackHash: Hex };

const ZERO_HASH = `0x${"0".repeat(64)}`;
const isHash = (h: Hex | undefined): h is Hex => h !== undefined && isBytes32(h) && h !== ZERO_HASH;

const utf8Length = (s: string) => new TextEncoder().encode(s).length;

const MAX_TOKENS = formatScaled(LIMITS.maxAmount, WAD_DECIMALS, 2);
const MAX_LAMBDA = formatScaled(LIMITS.maxLambda, WAD_DECIMALS, WAD_DECIMALS);

/** A bound given as a JavaScript number (1, 0.5) in WAD. */
function wadBound(bound: number): bigint {
  const parsed = parseDecimal(String(bound), WAD_DECIMALS);
  return parsed.ok ? parsed.value : WAD;
}

function parseField(
  name: FieldName,
  values: TaskFormValues,
  invalid: FieldErrors,
): { value?: bigint | string; error?: string } {
  const spec = FIELD_SPECS[name];
  const typed = values[name].trim();
  const dependencyInvalid = spec.dependsOn?.some((d) => invalid[d] !== undefined) ?? false;
  const dynamicMax = typeof spec.max === "function" ? spec.max(values) : spec.max;
  // A bound that depends on another invalid field is checked once that field is fixed.
  const max =
    dependencyInvalid || (dynamicMax !== undefined && Number.isNaN(dynamicMax)) ? undefined : dynamicMax;
  if (spec.kind === "text") {
    const len = utf8Length(values[name]);
    if (len < (spec.min ?? 0)) return { error: `${spec.label} is required.` };
    if (max !== undefined && len > max)
      return { error: `${spec.label} is at most ${max} bytes (now ${len}).` };
    const modelError = name === "baseModel" ? baseModelError(values[name]) : null;
    if (modelError) return { error: modelError };
    return { value: values[name] };
  }
  const range =
    spec.kind === "int"
      ? `between ${spec.min ?? 0} and ${max ?? Number.MAX_SAFE_INTEGER}`
      : spec.kind === "token"
        ? `at most ${MAX_TOKENS} ARENA`
        : spec.kind === "lambda"
          ? `at most ${MAX_LAMBDA}`
          : `between 0 and ${max ?? 1}`;
  const tooLarge = { error: `${spec.label} is too large: it must be ${range}.` };
  // An exponent too large to write out ("1e200") is beyond every field's range.
  if (expandExponent(typed) === undefined) return tooLarge;
  if (spec.kind === "int") {
    const parsed = parseInteger(typed, {
      label: spec.label,
      min: BigInt(spec.min ?? 0),
      max: max === undefined ? undefined : BigInt(Math.max(max, 0)),
    });
    return parsed.ok ? { value: parsed.value } : parsed;
  }
  const parsed = parseDecimal(typed, WAD_DECIMALS, spec.label);
  if (!parsed.ok) return parsed;
  if (spec.kind === "token") {
    if (parsed.value > LIMITS.maxAmount) return tooLarge;
    return { value: parsed.value };
  }
  const wad = parsed.value;
  if (spec.kind === "lambda") {
    if (wad > LIMITS.maxLambda) return tooLarge;
    return { value: wad };
  }
  if (wad > wadBound(max ?? 1)) return { error: `${spec.label} must be ${range}.` };
  return { value: wad };
}

/** Checks every field as the contract will; returns the params to send, or an error per field. */
export function validateTaskForm(
  values: TaskFormValues,
  finalEvalSalt: Hex,
  hashes: Partial<EvalSetHashes>,
): { ok: true; task: ValidatedTask } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const parsed: Partial<Record<FieldName, bigint | string>> = {};
  for (const name of Object.keys(FIELD_SPECS) as FieldName[]) {
    const { value, error } = parseField(name, values, errors);
    if (error) errors[name] = error;
    else parsed[name] = value;
  }
  const positive = ["rewardPool", "minNodeStake", "minValidatorStake", "challengeBond"] as const;
  for (const name of positive) {
    if (parsed[name] === 0n) errors[name] = `${FIELD_SPECS[name].label} must be more than 0.`;
  }
  if (parsed.q === 0n || parsed.q === WAD) errors.q = "q must be strictly between 0 and 1.";
  if (parsed.beta === 0n) errors.beta = "β must be more than 0 and at most 1.";
  // The contract refuses a zero hash; the sets are hashed from their bytes, so no hash means no bytes yet.
  if (!errors.evalSetURI && !isHash(hashes.evalSetHash))
    errors.evalSetURI = "The evaluation set has not been fetched, so its sha256 is unknown.";
  if (!errors.finalEvalSetURI && !isHash(hashes.heldBackHash))
    errors.finalEvalSetURI = "The held-back evaluation set has not been fetched, so its sha256 is unknown.";
  if (!METRICS.includes(values.metric)) return { ok: false, errors: { ...errors } };
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const big = (n: FieldName) => parsed[n] as bigint;
  const num = (n: FieldName) => Number(parsed[n] as bigint);
  return {
    ok: true,
    task: {
      creatorStake: big("creatorStake"),
      params: {
        title: values.title,
        description: values.description,
        metric: METRIC_INDEX[values.metric],
        baseModel: values.baseModel,
        dataURI: values.dataURI,
        evalSetURI: values.evalSetURI,
        evalSetHash: hashes.evalSetHash as Hex,
        finalEvalCommit: finalEvalCommitment(
          values.finalEvalSetURI,
          hashes.heldBackHash as Hex,
          finalEvalSalt,
        ),
        contextLength: num("contextLength"),
        maxParams: big("maxParams"),
        rewardPool: big("rewardPool"),
        epochLength: num("epochLength"),
        commitWindow: num("commitWindow"),
        revealWindow: num("revealWindow"),
        submissionEpochs: num("submissionEpochs"),
        finalEpochs: num("finalEpochs"),
        challengeEpochs: num("challengeEpochs"),
        unbondingEpochs: num("unbondingEpochs"),
        minNodeStake: big("minNodeStake"),
        minValidatorStake: big("minValidatorStake"),
        challengeBond: big("challengeBond"),
        validatorsPerSubmission: num("validatorsPerSubmission"),
        maxAssignmentsPerEpoch: num("maxAssignmentsPerEpoch"),
        maxNodes: num("maxNodes"),
        mechanism: {
          gamma: big("gamma"),
          q: big("q"),
          alphaT: big("alphaT"),
          lambdaV: big("lambdaV"),
          alphaV: big("alphaV"),
          beta: big("beta"),
        },
      },
    },
  };
}
