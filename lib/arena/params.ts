import { constants } from "../../contracts-abi/protocol";
import { baseModelError } from "../scoring/modelUri";
import { METRIC_INDEX, METRICS, type MetricName } from "./metric";
import type { MechanismParams, TaskParams } from "./types";
import {
  encodeAbiParameters,
  formatEther,
  formatUnits,
  keccak256,
  parseEther,
  parseUnits,
  type Hex,
} from "viem";

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
const isHash = (h: Hex | undefined): h is Hex =>
  h !== undefined && /^0x[0-9a-fA-F]{64}$/.test(h) && h !== ZERO_HASH;

const utf8Length = (s: string) => new TextEncoder().encode(s).length;

/** Digits grouped by thousands, from a decimal string ("309485009.82" → "309,485,009.82"). */
export function groupDigits(decimal: string): string {
  const [whole = "0", frac] = decimal.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac ? `${grouped}.${frac}` : grouped;
}

/** The largest exponent written out in full; beyond it a number is too large for any field anyway. */
const MAX_EXPONENT = 100;

/**
 * "1e30", "2.5E3", "5e-1" written out in plain digits ("1000…0", "2500", "0.5"), so that a number typed in
 * exponent notation is checked against its range like any other; other strings unchanged. Undefined when the
 * exponent is beyond MAX_EXPONENT (the number is too large for every field).
 */
export function expandExponent(raw: string): string | undefined {
  const m = /^(\d+)(?:\.(\d+))?[eE]([+-]?\d+)$/.exec(raw);
  if (!m) return raw;
  const [, whole = "", frac = "", expText = "0"] = m;
  const exp = Number(expText);
  if (exp > MAX_EXPONENT) return undefined;
  const digits = whole + frac;
  const point = whole.length + exp;
  const out =
    point <= 0
      ? `0.${"0".repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + "0".repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  const [w = "0", f = ""] = out.split(".");
  const wholeTrimmed = w.replace(/^0+(?=\d)/, "");
  const fracTrimmed = f.replace(/0+$/, "");
  return fracTrimmed ? `${wholeTrimmed}.${fracTrimmed}` : wholeTrimmed;
}

const MAX_TOKENS = groupDigits(formatEther(LIMITS.maxAmount).replace(/(\.\d{2})\d*$/, "$1"));
const MAX_LAMBDA = groupDigits(formatUnits(LIMITS.maxLambda, 18));

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
  if (typed === "") return { error: `${spec.label} is required.` };
  if (/^-\s*\d/.test(typed)) return { error: `${spec.label} cannot be negative.` };
  const raw = expandExponent(typed);
  const range =
    spec.kind === "int"
      ? `between ${spec.min ?? 0} and ${max ?? Number.MAX_SAFE_INTEGER}`
      : spec.kind === "token"
        ? `at most ${MAX_TOKENS} ARENA`
        : spec.kind === "lambda"
          ? `at most ${MAX_LAMBDA}`
          : `between 0 and ${max ?? 1}`;
  if (raw === undefined) return { error: `${spec.label} is too large: it must be ${range}.` };
  if (spec.kind === "int") {
    if (!/^\d+$/.test(raw)) return { error: `${spec.label} must be a whole number.` };
    const n = BigInt(raw);
    if (n < BigInt(spec.min ?? 0) || (max !== undefined && n > BigInt(Math.max(max, 0)))) {
      return { error: `${spec.label} must be between ${spec.min ?? 0} and ${Math.max(max ?? 0, 0)}.` };
    }
    return { value: n };
  }
  if (!/^\d+(\.\d+)?$/.test(raw))
    return { error: `${spec.label} must be a number ≥ 0, written like 100 or 2.5.` };
  const [, frac = ""] = raw.split(".");
  if (frac.length > 18) return { error: `${spec.label} has more than 18 decimals.` };
  if (spec.kind === "token") {
    const wei = parseEther(raw);
    if (wei > LIMITS.maxAmount) return { error: `${spec.label} is too large: it must be ${range}.` };
    return { value: wei };
  }
  const wad = parseUnits(raw, 18);
  if (spec.kind === "lambda") {
    if (wad > LIMITS.maxLambda) return { error: `${spec.label} is too large: it must be ${range}.` };
    return { value: wad };
  }
  if (wad > parseUnits(String(max ?? 1), 18)) return { error: `${spec.label} must be ${range}.` };
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
  if (parsed.q === 0n || parsed.q === 10n ** 18n) errors.q = "q must be strictly between 0 and 1.";
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
