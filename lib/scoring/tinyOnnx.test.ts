import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as ort from "onnxruntime-node";
import { TINY_SIZE, tinyMatMulModel } from "./tinyOnnx";

describe("the warm-up model", () => {
  it("is a valid ONNX model that onnxruntime runs and computes right", async () => {
    const model = tinyMatMulModel(4);
    assert.ok(model.byteLength < 2048, `${model.byteLength} bytes`);
    const session = await ort.InferenceSession.create(model);
    try {
      assert.deepEqual(session.inputNames, ["input_ids", "attention_mask"]);
      assert.deepEqual(session.outputNames, ["y"]);
      const ids = [3, 0, 7, 3];
      const { y } = await session.run({
        input_ids: new ort.Tensor("int64", BigInt64Array.from(ids, BigInt), [1, 4]),
        attention_mask: new ort.Tensor("int64", BigInt64Array.from([1n, 1n, 1n, 0n]), [1, 4]),
      });
      assert.deepEqual(y!.dims, [1, 4, TINY_SIZE]);
      const out = Array.from(y!.data as Float32Array);
      const expected = ids.flatMap((id, t) =>
        Array.from({ length: TINY_SIZE }, (_, j) => (t < 3 && j === id ? Math.tanh(Math.tanh(1)) : 0)),
      );
      out.forEach((v, k) =>
        assert.ok(Math.abs(v - expected[k]!) < 1e-6, `y[${k}] = ${v}, not ${expected[k]}`),
      );
    } finally {
      await session.release();
    }
  });
});
