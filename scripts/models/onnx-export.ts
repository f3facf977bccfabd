/**
 * Writes an MlpLm as an ONNX graph that transformers.js runs like any decoder-only model:
 * inputs `input_ids`, `attention_mask` ([batch, sequence], int64), outputs `logits` ([batch, sequence,
 * vocab]) and `last_hidden_state` ([batch, sequence, hidden], zero where the mask is 0).
 */
import onnxProto, { type onnx as Onnx } from "onnx-proto";
import { tableCount, tableIndex, type MlpLmWeights } from "./mlp-lm";

// onnx-proto is CommonJS without named-export hints, so take the namespace from its default export.
const { onnx } = onnxProto;
const OPSET = 17;
const INT64_MAX = 9223372036854775807n;

type Outputs = "lm" | "embedding";

function floatTensor(name: string, dims: number[], values: Float32Array): Onnx.TensorProto {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setFloat32(i * 4, value, true));
  return onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: bytes });
}

function int64Tensor(
  name: string,
  values: readonly bigint[],
  dims: number[] = [values.length],
): Onnx.TensorProto {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setBigInt64(i * 8, value, true));
  return onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.INT64, rawData: bytes });
}

function valueInfo(name: string, elemType: number, dims: (number | string)[]): Onnx.ValueInfoProto {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) },
      },
    },
  });
}

function node(
  opType: string,
  inputs: string[],
  outputs: string[],
  attributes: Onnx.IAttributeProto[] = [],
): Onnx.NodeProto {
  return onnx.NodeProto.create({
    opType,
    input: inputs,
    output: outputs,
    name: outputs[0],
    attribute: attributes,
  });
}

/** Serialises the model; `embedding` leaves out the language-model head (feature extraction only). */
export function exportMlpLmOnnx(weights: MlpLmWeights, outputs: Outputs, docString: string): Uint8Array {
  const { vocabSize: V, window: K, embed: D, hidden: H, bosId } = weights.shape;
  const initializers: Onnx.TensorProto[] = [
    floatTensor("embeddings", [tableCount(weights.shape) * V, D], weights.embeddings),
    floatTensor("b1", [D], weights.b1),
    floatTensor("w2", [D, H], weights.w2),
    floatTensor("b2", [H], weights.b2),
    int64Tensor("pads", [0n, BigInt(K - 1), 0n, 0n]),
    int64Tensor("bos", [BigInt(bosId)], []),
    int64Tensor(
      "window_offsets",
      Array.from({ length: K }, (_, j) => BigInt(tableIndex(weights.shape, j) * V)),
    ),
    int64Tensor("axis1", [1n]),
    int64Tensor("axis2", [2n]),
  ];
  const nodes: Onnx.NodeProto[] = [node("Pad", ["input_ids", "pads", "bos"], ["padded_ids"])];
  const shifted: string[] = [];
  for (let j = 0; j < K; j++) {
    initializers.push(
      int64Tensor(`start_${j}`, [BigInt(K - 1 - j)]),
      int64Tensor(`end_${j}`, [j === 0 ? INT64_MAX : BigInt(-j)]),
    );
    nodes.push(node("Slice", ["padded_ids", `start_${j}`, `end_${j}`, "axis1"], [`ids_back_${j}`]));
    nodes.push(node("Unsqueeze", [`ids_back_${j}`, "axis2"], [`ids_back_${j}_u`]));
    shifted.push(`ids_back_${j}_u`);
  }
  nodes.push(
    node(
      "Concat",
      shifted,
      ["window_ids"],
      [{ name: "axis", type: onnx.AttributeProto.AttributeType.INT, i: 2 }],
    ),
    node("Add", ["window_ids", "window_offsets"], ["window_rows"]),
    node(
      "Gather",
      ["embeddings", "window_rows"],
      ["window_embeddings"],
      [{ name: "axis", type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
    ),
    node(
      "ReduceSum",
      ["window_embeddings", "axis2"],
      ["a1_sum"],
      [{ name: "keepdims", type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
    ),
    node("Add", ["a1_sum", "b1"], ["a1"]),
    node("Tanh", ["a1"], ["h1"]),
    node("MatMul", ["h1", "w2"], ["a2_mm"]),
    node("Add", ["a2_mm", "b2"], ["a2"]),
    node("Tanh", ["a2"], ["h2"]),
    node(
      "Cast",
      ["attention_mask"],
      ["mask_f"],
      [{ name: "to", type: onnx.AttributeProto.AttributeType.INT, i: onnx.TensorProto.DataType.FLOAT }],
    ),
    node("Unsqueeze", ["mask_f", "axis2"], ["mask_u"]),
    node("Mul", ["h2", "mask_u"], ["last_hidden_state"]),
  );
  const graphOutputs = [
    valueInfo("last_hidden_state", onnx.TensorProto.DataType.FLOAT, ["batch_size", "sequence_length", H]),
  ];
  if (outputs === "lm") {
    initializers.push(floatTensor("wo", [H, V], weights.wo), floatTensor("bo", [V], weights.bo));
    nodes.push(node("MatMul", ["h2", "wo"], ["logits_mm"]), node("Add", ["logits_mm", "bo"], ["logits"]));
    graphOutputs.unshift(
      valueInfo("logits", onnx.TensorProto.DataType.FLOAT, ["batch_size", "sequence_length", V]),
    );
  }
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: "arena-models",
    producerVersion: "1",
    docString,
    opsetImport: [{ domain: "", version: OPSET }],
    graph: {
      name: "arena_mlp_lm",
      node: nodes,
      initializer: initializers,
      input: [
        valueInfo("input_ids", onnx.TensorProto.DataType.INT64, ["batch_size", "sequence_length"]),
        valueInfo("attention_mask", onnx.TensorProto.DataType.INT64, ["batch_size", "sequence_length"]),
      ],
      output: graphOutputs,
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
