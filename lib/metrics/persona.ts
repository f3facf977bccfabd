/**
 * Wraps a query in a seeded persona, so validation prompts read like real users' requests (SN1's
 * "challenge"): the same (query, seed) always gives the same challenge, in Node and in the browser.
 */
import { createRng } from "./rng";

export type Persona = { who: string; mood: string; style: "plain" | "casual" | "polite" | "hurried" };

const WHO = [
  "a teacher planning a lesson",
  "a student studying for an exam",
  "a nurse on a night shift",
  "a retired engineer",
  "a parent helping with homework",
  "a traveller at an airport",
  "a cook in a small restaurant",
  "a journalist checking a fact",
];
const MOOD = ["curious", "in a hurry", "a bit confused", "excited", "tired", "careful"];
const STYLES: readonly Persona["style"][] = ["plain", "casual", "polite", "hurried"];
const GREETINGS: Record<Persona["style"], readonly string[]> = {
  plain: ["Hello.", "Hi."],
  casual: ["hey", "hi there", "yo"],
  polite: ["Good morning.", "Hello, I hope you are well."],
  hurried: ["Quick one:", "Fast question."],
};
/** Said before the request, so the request itself ends the message, as people usually write. */
const LEAD_INS: Record<Persona["style"], readonly string[]> = {
  plain: ["My question:", ""],
  casual: ["so", "quick q:", ""],
  polite: ["I would be grateful for an answer.", "Thank you in advance."],
  hurried: ["Need it now.", "Short answer please."],
};

export function personaFor(seed: number): Persona {
  const rng = createRng(seed);
  return { who: rng.pick(WHO), mood: rng.pick(MOOD), style: rng.pick(STYLES) };
}

/** The challenge a validator sends for `query`; `seed` is per validation round and query. */
export function personaChallenge(query: string, seed: number): { persona: Persona; challenge: string } {
  const persona = personaFor(seed);
  const rng = createRng(seed ^ 0x9e3779b9);
  const trimmed = query.trim();
  const body = persona.style === "casual" ? trimmed.toLowerCase().replace(/[?.!]+$/, "") : trimmed;
  const intro = persona.style === "hurried" ? "" : `I'm ${persona.who} and ${persona.mood}.`;
  const parts = [rng.pick(GREETINGS[persona.style]), intro, rng.pick(LEAD_INS[persona.style]), body];
  return { persona, challenge: parts.filter((part) => part.length > 0).join(" ") };
}
