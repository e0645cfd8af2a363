/**
 * `--shard K/N`: this process extracts only the inputs whose hash falls in shard K of N (0-based), so N
 * processes on N machines split one input list with no coordinator. The hash is the sha256 of the file's
 * bytes (the same PDF lands in the same shard wherever and under whatever name it is listed), of the URL
 * for a remote input (not fetched yet), and of the name for an input that is not there.
 */
import { sha256File, sha256Text } from "../hash.js";
import type { Input } from "./inputs.js";

export interface Shard {
  index: number;
  count: number;
}

/** The array-job engines' index variables, read for `--shard env/N`, in this order. */
export const SHARD_INDEX_VARIABLES = ["JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID"] as const;

export class ShardSpecError extends Error {}

/** Parses "K/N" or "env/N" (K from JOB_COMPLETION_INDEX, else SLURM_ARRAY_TASK_ID). Throws ShardSpecError. */
export function parseShard(spec: string, env: NodeJS.ProcessEnv = process.env): Shard {
  const match = /^([^/]+)\/(\d+)$/.exec(spec.trim());
  if (!match) throw new ShardSpecError(`--shard must be K/N or env/N (K from 0 to N-1), not "${spec}"`);
  const count = Number(match[2]);
  if (!Number.isSafeInteger(count) || count < 1) throw new ShardSpecError(`--shard ${spec}: N must be at least 1`);
  const index = match[1] === "env" ? indexFromEnv(spec, env) : match[1];
  if (!/^\d+$/.test(index) || Number(index) >= count) {
    throw new ShardSpecError(`--shard ${spec}: K must be an integer from 0 to ${count - 1}, not "${index}"`);
  }
  return { index: Number(index), count };
}

function indexFromEnv(spec: string, env: NodeJS.ProcessEnv): string {
  for (const name of SHARD_INDEX_VARIABLES) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  throw new ShardSpecError(`--shard ${spec}: neither ${SHARD_INDEX_VARIABLES.join(" nor ")} is set`);
}

/** The shard an input belongs to: the first 48 bits of its hash, modulo N. */
export async function shardOf(input: Input, count: number): Promise<number> {
  const hex = await inputHash(input);
  return Number(BigInt(`0x${hex.slice(0, 12)}`) % BigInt(count));
}

/** The inputs of one shard, in their given order. A file that cannot be read is taken by its name. */
export async function selectShard(inputs: Input[], shard: Shard): Promise<Input[]> {
  const selected: Input[] = [];
  for (const input of inputs) if ((await shardOf(input, shard.count)) === shard.index) selected.push(input);
  return selected;
}

async function inputHash(input: Input): Promise<string> {
  if (input.kind === "url") return sha256Text(input.url);
  if (input.kind === "missing") return sha256Text(input.key);
  return (await sha256File(input.path).catch(() => null)) ?? sha256Text(input.key);
}
