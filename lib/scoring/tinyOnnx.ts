/**
 * A tiny ONNX model built in code (below). The scorer worker
 * creates a session of it as soon as it starts, so onnxruntime's wasm is fetched, compiled and its threads started
 * while the page does other work (the first real load then finds the runtime ready). Encoded by hand (protobuf
 * wire format, onnx.proto3 field numbers) so no ONNX tooling ships to the browser.
 */

const varint = (n: number): number[] => {
  const out: number[] = [];
  let v = n;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
};
const key = (field: number, wire: number): number[] => varint(field * 8 + wire);
const int = (field: number, n: number): number[] => [...key(field, 0), ...varint(n)];
const bytes = (field: number, body: ArrayLike<number>): number[] => [
  ...key(field, 2),
  ...varint(body.length),
  ...Array.from(body),
];
const text = (field: number, s: string): number[] => bytes(field, new TextEncoder().encode(s));

const FLOAT = 1;
const INT64 = 7;
const INT_ATTRIBUTE = 2;
/** Width of the warm-up model's vectors (and its vocabulary). */
export const TINY_SIZE = 8;

/** ValueInfoProto of a tensor of fixed shape. */
const tensorInfo = (name: string, type: number, dims: number[]): number[] => [
  ...text(1, name),
  // TypeProto { tensor_type { elem_type, shape { dim { dim_value } } } }
  ...bytes(
    2,
    bytes(1, [
      ...int(1, type),
      ...bytes(
        2,
        dims.flatMap((d) => bytes(1, int(1, d))),
      ),
    ]),
  ),
];

/** TensorProto initializer: dims, data_type, name, raw_data (little-endian). */
const initializer = (name: string, type: number, dims: number[], raw: ArrayBufferView): number[] => [
  ...dims.flatMap((d) => int(1, d)),
  ...int(2, type),
  ...text(8, name),
  ...bytes(9, new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength)),
];

const node = (
  op: string,
  inputs: string[],
  outputs: string[],
  intAttributes: Record<string, number> = {},
) => [
  ...inputs.flatMap((i) => text(1, i)),
  ...outputs.flatMap((o) => text(2, o)),
  ...text(4, op),
  // AttributeProto { name, i, type = INT }
  ...Object.entries(intAttributes).flatMap(([name, value]) =>
    bytes(5, [...text(1, name), ...int(3, value), ...int(20, INT_ATTRIBUTE)]),
  ),
];

/** I (TINY_SIZE × TINY_SIZE): the test checks the runtime really computed with it. */
function identity(): Float32Array {
  const w = new Float32Array(TINY_SIZE * TINY_SIZE);
  for (let i = 0; i < TINY_SIZE; i++) w[i * TINY_SIZE + i] = 1;
  return w;
}

/**
 * A miniature of the shipped models (scripts/models/onnx-export.ts): the same operators on [1, n, TINY_SIZE]
 * tensors, so that a first run of it leaves the runtime's code for them compiled (the first run of each
 * operator in a fresh runtime is slow; a model loaded later warms up fast). With ids i and an all-ones mask,
 * y = tanh(tanh(E[i]) · I) with E = I (row i is the unit vector e_i), so y[t] = tanh(tanh(1)) at i[t], else 0.
 * Inputs: input_ids, attention_mask (int64 [1, n]); output: y (float [1, n, TINY_SIZE]).
 */
export function tinyMatMulModel(tokens = 4): Uint8Array {
  const nodes = [
    node("Gather", ["embeddings", "input_ids"], ["e"], { axis: 0 }),
    node("ReduceSum", ["e", "axis_last"], ["e_sum"], { keepdims: 1 }),
    node("Sub", ["e", "e_sum"], ["e_centred"]),
    node("Add", ["e_centred", "e_sum"], ["e_back"]),
    node("Tanh", ["e_back"], ["h1"]),
    node("MatMul", ["h1", "w"], ["m"]),
    node("Add", ["m", "zero"], ["a2"]),
    node("Tanh", ["a2"], ["h2"]),
    node("Cast", ["attention_mask"], ["mask_f"], { to: FLOAT }),
    node("Unsqueeze", ["mask_f", "axis_last"], ["mask_u"]),
    node("Mul", ["h2", "mask_u"], ["y"]),
  ];
  const graph = [
    ...nodes.flatMap((n) => bytes(1, n)),
    ...text(2, "arena_warm_up"),
    ...bytes(5, initializer("embeddings", FLOAT, [TINY_SIZE, TINY_SIZE], identity())),
    ...bytes(5, initializer("w", FLOAT, [TINY_SIZE, TINY_SIZE], identity())),
    ...bytes(5, initializer("zero", FLOAT, [TINY_SIZE], new Float32Array(TINY_SIZE))),
    ...bytes(5, initializer("axis_last", INT64, [1], BigInt64Array.from([2n]))),
    ...bytes(11, tensorInfo("input_ids", INT64, [1, tokens])),
    ...bytes(11, tensorInfo("attention_mask", INT64, [1, tokens])),
    ...bytes(12, tensorInfo("y", FLOAT, [1, tokens, TINY_SIZE])),
  ];
  // ModelProto { ir_version 8, graph, opset_import { version 13 } }
  return new Uint8Array([...int(1, 8), ...bytes(7, graph), ...bytes(8, int(2, 13))]);
}
