/**
 * A byte-level tokenizer in the Hugging Face `tokenizers` format: GPT-2's ByteLevel pre-tokenizer and
 * decoder with a BPE model that has the 256 byte symbols and no merges, so token id = byte value and any
 * UTF-8 text is encodable. Id 256 is `<|endoftext|>`, used as BOS/EOS.
 */
export const BYTE_VOCAB_SIZE = 257;
export const BOS_ID = 256;
export const BOS_TOKEN = "<|endoftext|>";

/** GPT-2's reversible map from bytes to printable unicode characters. */
export function bytesToUnicode(): string[] {
  const printable: number[] = [];
  for (let b = 33; b <= 126; b++) printable.push(b);
  for (let b = 161; b <= 172; b++) printable.push(b);
  for (let b = 174; b <= 255; b++) printable.push(b);
  const chars: string[] = new Array<string>(256);
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    chars[b] = printable.includes(b) ? String.fromCharCode(b) : String.fromCharCode(256 + extra++);
  }
  return chars;
}

export function encodeBytes(text: string): Int32Array {
  return Int32Array.from(new TextEncoder().encode(text));
}

export function tokenizerJson(): object {
  const vocab: Record<string, number> = {};
  bytesToUnicode().forEach((char, id) => (vocab[char] = id));
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: [
      {
        id: BOS_ID,
        content: BOS_TOKEN,
        single_word: false,
        lstrip: false,
        rstrip: false,
        normalized: false,
        special: true,
      },
    ],
    normalizer: null,
    pre_tokenizer: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: null,
    decoder: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true },
    model: {
      type: "BPE",
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: "",
      end_of_word_suffix: "",
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab,
      merges: [],
    },
  };
}

export function tokenizerConfigJson(maxLength: number): object {
  return {
    tokenizer_class: "GPT2Tokenizer",
    bos_token: BOS_TOKEN,
    eos_token: BOS_TOKEN,
    unk_token: BOS_TOKEN,
    add_bos_token: false,
    add_prefix_space: false,
    clean_up_tokenization_spaces: false,
    model_max_length: maxLength,
  };
}
