import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import {
  encodeFunctionData,
  toFunctionSelector,
  zeroAddress,
  zeroHash,
  type Abi,
  type AbiFunction,
  type AbiParameter,
} from "viem";
import { deployArena } from "./helpers.ts";

const conn = await network.create();
const { viem } = conn;

/** A well-formed value of an ABI type, so that the call decodes and reaches the module's guard. */
function zeroOf(p: AbiParameter): unknown {
  if (p.type.endsWith("]")) return [];
  if (p.type === "tuple") {
    const components = (p as { components: readonly AbiParameter[] }).components;
    return Object.fromEntries(components.map((c) => [c.name, zeroOf(c)]));
  }
  if (p.type.startsWith("uint") || p.type.startsWith("int")) return 0n;
  if (p.type === "address") return zeroAddress;
  if (p.type === "bool") return false;
  if (p.type === "bytes32") return zeroHash;
  if (p.type === "string") return "";
  if (p.type.startsWith("bytes")) return "0x";
  throw new Error(`no zero value for ${p.type}`);
}

const GUARD = toFunctionSelector("OnlyDelegateCall()");

/**
 * AccessControl's role admin, inherited through ArenaBase: called directly it writes only the module's own role
 * table, which no code reads (every module function runs in ArenaTasks' storage, where the roles are checked).
 */
const OWN_STORAGE_ONLY = new Set(["grantRole", "revokeRole", "renounceRole"]);

/**
 * The modules share ArenaTasks' storage through delegatecall; called directly they would run on their own empty
 * storage. ArenaModule's `onlyDelegateCall` must refuse every state-changing entry point of every module, so a
 * function added to a module without the modifier fails here.
 */
describe("modules refuse every direct call", () => {
  for (const [name, getter] of [
    ["ArenaSettlement", "settlementModule"],
    ["ArenaLifecycle", "lifecycleModule"],
    ["ArenaDelegation", "delegationModule"],
  ] as const) {
    it(`${name}: each non-view function reverts with OnlyDelegateCall`, async () => {
      const d = await deployArena(conn);
      const [caller] = d.wallets;
      const address = await d.arena.read[getter]();
      const mod = await viem.getContractAt(name, address);
      const functions = (mod.abi as Abi).filter(
        (x): x is AbiFunction =>
          x.type === "function" &&
          x.stateMutability !== "view" &&
          x.stateMutability !== "pure" &&
          !OWN_STORAGE_ONLY.has(x.name),
      );
      assert.ok(functions.length > 0, `${name} has state-changing functions`);
      for (const fn of functions) {
        const data = encodeFunctionData({
          abi: [fn],
          functionName: fn.name,
          args: fn.inputs.map(zeroOf),
        });
        let revert: unknown;
        try {
          await conn.provider.request({
            method: "eth_call",
            params: [{ from: caller!.account.address, to: address, data }, "latest"],
          });
        } catch (e) {
          revert = (e as { data?: unknown }).data;
        }
        const hex = typeof revert === "string" ? revert : (revert as { data?: string } | undefined)?.data;
        assert.equal(
          hex?.slice(0, 10),
          GUARD,
          `${name}.${fn.name} called directly must revert OnlyDelegateCall`,
        );
      }
    });
  }
});
