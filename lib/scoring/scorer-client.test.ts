import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InputError } from "../metrics/errors";
import { LoadMeter, needsFreshWorker, toErrorView } from "./scorer-client";

describe("scorer error views", () => {
  it("keeps a coded error's code and message, with the line from the error or its details", () => {
    assert.deepEqual(toErrorView(new InputError("malformed_csv", "Line 3 is bad.", 3)), {
      code: "malformed_csv",
      message: "Line 3 is bad.",
      line: 3,
    });
    assert.deepEqual(
      toErrorView({ code: "missing_files", message: "missing", details: { line: 7, files: ["a.onnx"] } }),
      { code: "missing_files", message: "missing", line: 7, files: ["a.onnx"] },
    );
  });

  it("treats anything else as an internal error with its text", () => {
    assert.deepEqual(toErrorView(new Error("boom")), { code: "internal", message: "boom" });
    assert.deepEqual(toErrorView("plain"), { code: "internal", message: "plain" });
  });

  it("asks for a fresh worker only after a crash or running out of memory", () => {
    assert.equal(needsFreshWorker({ code: "internal", message: "" }), true);
    assert.equal(needsFreshWorker({ code: "out_of_memory", message: "" }), true);
    assert.equal(needsFreshWorker({ code: "input", message: "" }), false);
    assert.equal(needsFreshWorker(toErrorView(new InputError("empty", "The file is empty."))), false);
  });
});

describe("load meter", () => {
  it("is unknown until a file's size is known", () => {
    const meter = new LoadMeter();
    assert.equal(meter.update({ status: "initiate", file: "model.onnx" }), null);
  });

  it("adds up the files' bytes into one fraction", () => {
    const meter = new LoadMeter();
    assert.equal(meter.update({ status: "progress", file: "a", loaded: 25, total: 100 }), 0.25);
    assert.equal(meter.update({ status: "progress", file: "b", loaded: 0, total: 300 }), 25 / 400);
    assert.equal(meter.update({ status: "progress", file: "a", loaded: 100, total: 100 }), 100 / 400);
  });

  it("counts a file as whole once it is done, and never passes 1", () => {
    const meter = new LoadMeter();
    meter.update({ status: "progress", file: "a", loaded: 10, total: 100 });
    assert.equal(meter.update({ status: "done", file: "a" }), 1);
    assert.equal(meter.update({ status: "progress", file: "b", loaded: 500, total: 100 }), 1);
    assert.equal(meter.update({ status: "done", file: "unknown" }), 1);
  });
});
