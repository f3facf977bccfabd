"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { bytesToHex, parseEventLogs, type Hex } from "viem";
import { useReadContract } from "wagmi";
import { arenaTasksAbi } from "@/contracts-abi";
import {
  FIELD_SPECS,
  defaultLambda,
  defaultTaskForm,
  finalEvalCommitment,
  validateTaskForm,
  type FieldErrors,
  type FieldName,
  type MetricName,
  type TaskFormValues,
} from "@/lib/arena/params";
import { useEnsureAllowance } from "@/lib/hooks/useEnsureAllowance";
import { useTransactor } from "@/lib/hooks/useTransactor";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { useContractAddress } from "@/lib/hooks/useContractAddress";
import { useTokenBalance } from "@/lib/hooks/useTokenBalance";
import { saveFinalEvalSecret } from "@/lib/arena/commitStore";
import { METRIC_LABELS, METRICS } from "@/lib/arena/metric";
import { formatInteger, formatTokenAmount } from "@/lib/format";
import { sha256Hex } from "@/lib/scoring/manifest";
import { HashValue } from "../HashValue";
import { RewardPreview } from "./RewardPreview";
import { hashEvalSet, useEvalSetHash, type EvalSetHashState } from "@/lib/hooks/useEvalSetHash";
import { ErrorLine } from "@/components/ui/ErrorLine";

/** The fields whose URI points at an evaluation set: the task stores the sha256 of its bytes. */
const HASHED = { evalSetURI: "the evaluation set", finalEvalSetURI: "the held-back evaluation set" } as const;
type HashedField = keyof typeof HASHED;
const isHashed = (name: FieldName): name is HashedField => name in HASHED;

const GROUPS: { title: string; fields: FieldName[] }[] = [
  {
    title: "What to train",
    fields: [
      "title",
      "description",
      "baseModel",
      "dataURI",
      "evalSetURI",
      "finalEvalSetURI",
      "contextLength",
      "maxParams",
    ],
  },
  {
    title: "Rewards and stakes",
    fields: ["rewardPool", "creatorStake", "minNodeStake", "minValidatorStake", "challengeBond"],
  },
  {
    title: "Schedule",
    fields: [
      "epochLength",
      "commitWindow",
      "revealWindow",
      "submissionEpochs",
      "finalEpochs",
      "challengeEpochs",
      "unbondingEpochs",
    ],
  },
  { title: "Validation", fields: ["validatorsPerSubmission", "maxAssignmentsPerEpoch", "maxNodes"] },
  { title: "Reward mechanism", fields: ["gamma", "q", "alphaT", "lambdaV", "alphaV", "beta"] },
];

export function CreateTaskForm() {
  const router = useRouter();
  const { chainId, isConnected } = useArenaChain();
  const arena = useContractAddress("ArenaTasks");
  const ensureAllowance = useEnsureAllowance();
  const { run } = useTransactor();
  const [values, setValues] = useState<TaskFormValues>(defaultTaskForm);
  // Errors show for fields left once (or all after a submit), always as the current values give them, so fixing
  // the epoch length clears the windows' errors that came from it.
  const [touched, setTouched] = useState<ReadonlySet<FieldName>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const balance = useTokenBalance();
  const [salt] = useState<Hex>(() => bytesToHex(crypto.getRandomValues(new Uint8Array(32))));
  // The held-back set may stay offline until the reveal: its sha256 can come from a local copy instead.
  const [heldBackFile, setHeldBackFile] = useState<LocalSet>();
  const fetchedHeldBack = useEvalSetHash(heldBackFile ? "" : values.finalEvalSetURI);
  const hashStates: Record<HashedField, EvalSetHashState> = {
    evalSetURI: useEvalSetHash(values.evalSetURI),
    finalEvalSetURI: heldBackFile ? { status: "ok", ...heldBackFile } : fetchedHeldBack,
  };
  const publicHash = hashStates.evalSetURI.status === "ok" ? hashStates.evalSetURI.sha256 : undefined;
  const heldBackHash =
    hashStates.finalEvalSetURI.status === "ok" ? hashStates.finalEvalSetURI.sha256 : undefined;
  const live = useMemo(
    () => validateTaskForm(values, salt, { evalSetHash: publicHash, heldBackHash }),
    [values, salt, publicHash, heldBackHash],
  );
  // A set's hash is shown (or why it is missing) under its field, not as a field error.
  const errors: FieldErrors = live.ok
    ? {}
    : Object.fromEntries(
        Object.entries(live.errors).filter(
          ([name, message]) =>
            (submitted || touched.has(name as FieldName)) &&
            !(isHashed(name as FieldName) && /sha256 is unknown/.test(message)),
        ),
      );
  const minCreatorStake = useReadContract({
    abi: arenaTasksAbi,
    address: arena,
    functionName: "minCreatorStake",
    chainId,
    query: { enabled: Boolean(arena) },
  }).data;

  const set = (name: keyof TaskFormValues, value: string) => {
    setValues((v) => {
      const next = { ...v, [name]: value };
      if (name === "metric" && v.lambdaV === defaultLambda(v.metric))
        next.lambdaV = defaultLambda(value as MetricName);
      return next;
    });
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSubmitError(null);
    // Hashed now, from the bytes served now: what the task will bind validators to.
    const hashed = await Promise.all(
      (Object.keys(HASHED) as HashedField[]).map((name) =>
        (name === "finalEvalSetURI" && heldBackFile
          ? Promise.resolve(heldBackFile)
          : values[name].trim() === ""
            ? Promise.resolve(undefined)
            : hashEvalSet(values[name])
        ).then(
          (h) => h?.sha256,
          (error: Error) => {
            throw new Error(
              `Not published: ${HASHED[name]} (${values[name]}) cannot be fetched, so the task cannot store its sha256. ${error.message}`,
            );
          },
        ),
      ),
    ).catch((error: Error) => error);
    if (hashed instanceof Error) {
      setSubmitted(true);
      setSubmitError(hashed.message);
      return;
    }
    const [evalSetHash, heldBackSha256] = hashed;
    const result = validateTaskForm(values, salt, { evalSetHash, heldBackHash: heldBackSha256 });
    if (!result.ok || !heldBackSha256) {
      setSubmitted(true);
      setSubmitError("Some values are out of range: see the highlighted fields.");
      return;
    }
    if (!isConnected) return setSubmitError("Connect a wallet to publish the task.");
    const { params, creatorStake } = result.task;
    const needed = params.rewardPool + creatorStake;
    if (balance.data !== undefined && balance.data < needed) {
      setSubmitError(
        `The pool and creator stake need ${formatTokenAmount(needed)} ARENA; your balance is ${formatTokenAmount(balance.data)} ARENA.`,
      );
      return;
    }
    setBusy(true);
    try {
      saveFinalEvalSecret(localStorage, {
        chainId,
        commit: finalEvalCommitment(values.finalEvalSetURI, heldBackSha256, salt),
        uri: values.finalEvalSetURI,
        sha256: heldBackSha256,
        salt,
      });
      const approved = await ensureAllowance(arena, params.rewardPool + creatorStake);
      if (!approved.ok) return;
      const created = await run({
        label: "Publish task",
        abi: arenaTasksAbi,
        address: arena,
        functionName: "createTask",
        args: [params, creatorStake],
      });
      if (!created.ok) return;
      const [log] = parseEventLogs({
        abi: arenaTasksAbi,
        logs: created.receipt.logs,
        eventName: "TaskCreated",
      });
      if (log) router.push(`/tasks/${log.args.taskId}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <div className="space-y-6">
        <fieldset className="rounded-lg border border-zinc-200 bg-white p-5">
          <legend className="px-1 font-semibold">Metric</legend>
          <select
            aria-label="Metric"
            value={values.metric}
            onChange={(e) => set("metric", e.target.value)}
            className="rounded border border-zinc-300 px-2 py-1"
          >
            {METRICS.map((m) => (
              <option key={m} value={m}>
                {METRIC_LABELS[m]}
              </option>
            ))}
          </select>
        </fieldset>
        {GROUPS.map((group) => (
          <fieldset
            key={group.title}
            className="grid gap-4 rounded-lg border border-zinc-200 bg-white p-5 sm:grid-cols-2"
          >
            <legend className="px-1 font-semibold">{group.title}</legend>
            {group.fields.map((name) => {
              const spec = FIELD_SPECS[name];
              const error = errors[name];
              const id = `field-${name}`;
              const Input = name === "description" ? "textarea" : "input";
              return (
                <div
                  key={name}
                  className={`flex flex-col gap-1 text-sm ${name === "description" ? "sm:col-span-2" : ""}`}
                >
                  <label htmlFor={id}>{spec.label}</label>
                  <Input
                    id={id}
                    name={name}
                    value={values[name]}
                    onChange={(e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
                      set(name, e.target.value)
                    }
                    onBlur={() => setTouched((t) => (t.has(name) ? t : new Set(t).add(name)))}
                    aria-invalid={Boolean(error)}
                    aria-describedby={error ? `${id}-error` : undefined}
                    className="rounded border border-zinc-300 px-2 py-1 aria-[invalid=true]:border-rose-500"
                  />
                  {spec.help && <span className="text-xs text-zinc-500">{spec.help}</span>}
                  {isHashed(name) && <HashStatus state={hashStates[name]} name={name} />}
                  {name === "finalEvalSetURI" && (
                    <LocalSetPicker chosen={heldBackFile} onChange={setHeldBackFile} />
                  )}
                  {error && (
                    <span id={`${id}-error`} className="text-rose-700">
                      {error}
                    </span>
                  )}
                </div>
              );
            })}
          </fieldset>
        ))}
      </div>
      <aside className="space-y-4 lg:sticky lg:top-4 lg:self-start">
        <RewardPreview values={values} errors={live.ok ? {} : live.errors} />
        <button
          type="submit"
          disabled={busy}
          className="w-full rounded-md bg-teal-700 px-3 py-2 font-medium text-white disabled:opacity-50"
        >
          {busy ? "Publishing…" : "Approve and publish"}
        </button>
        <ErrorLine>{submitError}</ErrorLine>
        {minCreatorStake !== undefined && (
          <p className="text-xs text-zinc-500" data-testid="creator-route">
            {minCreatorStake === 0n
              ? "Creating by stake is disabled on this deployment: you qualify by having been paid as a node or validator, or with the expert role."
              : `You qualify by locking at least ${formatTokenAmount(minCreatorStake)} ARENA (returned after the task), by having been paid as a node or validator, or with the expert role.`}
          </p>
        )}
        <p className="text-xs text-zinc-500">
          The task stores the sha256 of the public evaluation set, and validators refuse to score on a set
          that no longer matches it. The held-back set&apos;s URI, sha256 and salt stay in this browser until
          you reveal them in the final validation phase; validators score the final epochs on it only from
          your reveal on.
        </p>
      </aside>
    </form>
  );
}

type LocalSet = { name: string; sha256: Hex; size: number };

/** Hashes a local copy of the held-back set in the browser (nothing is uploaded), for a set not online yet. */
function LocalSetPicker({ chosen, onChange }: { chosen?: LocalSet; onChange: (s?: LocalSet) => void }) {
  const [error, setError] = useState<string>();
  const pick = async (file: File | undefined) => {
    setError(undefined);
    if (!file) return onChange(undefined);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      onChange({ name: file.name, sha256: await sha256Hex(bytes), size: bytes.length });
    } catch (e) {
      setError(`Could not read ${file.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <span className="flex flex-col gap-1 text-xs text-zinc-600">
      <label className="flex flex-col gap-1">
        Or hash a local copy (it is not uploaded; publish it at the URI before you reveal it)
        <input
          type="file"
          onChange={(e) => void pick(e.target.files?.[0])}
          className="text-xs"
          aria-label="Local copy of the held-back evaluation set"
        />
      </label>
      {chosen && (
        <span>
          Using the sha256 of {chosen.name}.{" "}
          <button type="button" className="text-teal-700 underline" onClick={() => onChange(undefined)}>
            Use the URI instead
          </button>
        </span>
      )}
      {error && <span className="text-rose-700">{error}</span>}
    </span>
  );
}

/** The sha256 of the set a URI points at, as the task will store it, or why it cannot be computed. */
function HashStatus({ state, name }: { state: EvalSetHashState; name: HashedField }) {
  const testId = `eval-hash-${name}`;
  if (state.status === "idle") return null;
  if (state.status === "loading")
    return (
      <span className="text-xs text-zinc-500" data-testid={testId}>
        Fetching the set to compute its sha256…
      </span>
    );
  if (state.status === "error")
    return (
      <span className="text-xs text-rose-700" data-testid={testId} role="alert">
        Cannot fetch {HASHED[name]}, so the task cannot store its sha256: {state.message}
      </span>
    );
  return (
    <span className="text-xs text-zinc-600" data-testid={testId}>
      sha256 <HashValue hash={state.sha256} testId={`${testId}-value`} /> ({formatInteger(state.size)} bytes)
    </span>
  );
}
