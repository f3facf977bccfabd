/**
 * A seeded generator of chat-like English: short conversations between a user and an assistant about
 * arithmetic, geography, weather, cooking, units, spelling and reviews. The answers follow from the
 * questions, so a model that has seen more of it predicts the answers better — which is what makes the
 * shipped models differ in quality.
 */
import { createRng, type Rng } from "../../lib/metrics/rng";
import type { ChatMessage } from "../../lib/metrics/chat";

export type Conversation = ChatMessage[];

const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

const CAPITALS: readonly (readonly [string, string])[] = [
  ["France", "Paris"],
  ["Spain", "Madrid"],
  ["Italy", "Rome"],
  ["Germany", "Berlin"],
  ["Japan", "Tokyo"],
  ["Kenya", "Nairobi"],
  ["Peru", "Lima"],
  ["Canada", "Ottawa"],
  ["Egypt", "Cairo"],
  ["Norway", "Oslo"],
  ["Chile", "Santiago"],
  ["India", "New Delhi"],
  ["Brazil", "Brasilia"],
  ["Greece", "Athens"],
  ["Poland", "Warsaw"],
  ["Ireland", "Dublin"],
  ["Portugal", "Lisbon"],
  ["Austria", "Vienna"],
  ["Sweden", "Stockholm"],
  ["Mexico", "Mexico City"],
];

const WEATHER = ["sunny", "rainy", "cloudy", "windy", "snowy", "foggy"];
const TEMPERATURE = ["warm", "cold", "mild", "hot", "cool"];
const DAYS = ["today", "tomorrow", "on Monday", "on Friday", "this weekend", "tonight"];

const DISHES: readonly (readonly [string, readonly string[]])[] = [
  ["tea", ["boil some water", "put a tea bag in a cup", "pour the water over it", "wait three minutes"]],
  ["rice", ["rinse the rice", "add two cups of water", "bring it to a boil", "simmer for fifteen minutes"]],
  [
    "pancakes",
    ["mix flour, milk and eggs", "heat a pan with butter", "pour in some batter", "flip when bubbles form"],
  ],
  [
    "a salad",
    ["wash the lettuce", "chop the tomatoes", "add olive oil and salt", "toss everything together"],
  ],
  [
    "soup",
    ["chop the vegetables", "fry the onions", "add water and the vegetables", "cook for half an hour"],
  ],
  [
    "toast",
    ["slice the bread", "put it in the toaster", "wait until it is golden", "spread some butter on it"],
  ],
];

const UNITS: readonly (readonly [string, string, number])[] = [
  ["minutes", "hour", 60],
  ["seconds", "minute", 60],
  ["hours", "day", 24],
  ["days", "week", 7],
  ["months", "year", 12],
  ["centimeters", "meter", 100],
  ["grams", "kilogram", 1000],
];

const WORDS = [
  "cat",
  "dog",
  "tree",
  "house",
  "river",
  "apple",
  "chair",
  "cloud",
  "stone",
  "light",
  "music",
  "bread",
];

const POSITIVE = ["delicious", "friendly", "wonderful", "fast", "clean", "great", "lovely", "excellent"];
const NEGATIVE = ["cold", "rude", "terrible", "slow", "dirty", "awful", "bland", "noisy"];
const REVIEW_SUBJECTS = [
  "The soup",
  "The staff",
  "The room",
  "The service",
  "The pasta",
  "The music",
  "The coffee",
];

const OPENERS = [
  "",
  "",
  "",
  "Hi! ",
  "Hey, ",
  "Hello. ",
  "Quick question: ",
  "Sorry to bother you, but ",
  "Hi there. ",
  "Good morning. I'm a student and curious. ",
  "Hello. I'm a cook and in a hurry. Thank you in advance. ",
];
const CLOSERS = ["", "", "", " Thanks!", " Thank you.", " Please help.", " I need to know soon."];
const ACKS = ["", "", "Sure. ", "Of course! ", "Good question. ", "Happy to help. "];

function ask(rng: Rng, question: string): string {
  const opener = rng.pick(OPENERS);
  const lowercase = opener.endsWith(", ") || opener.endsWith(": ") || opener.endsWith("but ");
  const text = lowercase ? opener + question.charAt(0).toLowerCase() + question.slice(1) : opener + question;
  return text + rng.pick(CLOSERS);
}

function exchange(rng: Rng, question: string, answer: string): Conversation {
  return [
    { role: "user", content: ask(rng, question) },
    { role: "assistant", content: rng.pick(ACKS) + answer },
  ];
}

function arithmetic(rng: Rng): Conversation {
  const a = rng.int(20);
  const b = rng.int(20);
  if (rng.chance(0.5)) return exchange(rng, `What is ${a} plus ${b}?`, `${a} plus ${b} is ${a + b}.`);
  const [x, y] = a >= b ? [a, b] : [b, a];
  return exchange(rng, `What is ${x} minus ${y}?`, `${x} minus ${y} is ${x - y}.`);
}

function capital(rng: Rng): Conversation {
  const [country, city] = rng.pick(CAPITALS);
  if (rng.chance(0.7)) {
    return exchange(rng, `What is the capital of ${country}?`, `The capital of ${country} is ${city}.`);
  }
  return exchange(rng, `Which country has ${city} as its capital?`, `${city} is the capital of ${country}.`);
}

function weather(rng: Rng): Conversation {
  const [, city] = rng.pick(CAPITALS);
  const day = rng.pick(DAYS);
  const sky = rng.pick(WEATHER);
  const temperature = rng.pick(TEMPERATURE);
  return [
    { role: "user", content: ask(rng, `What will the weather be like in ${city} ${day}?`) },
    { role: "assistant", content: `It will be ${sky} and ${temperature} in ${city} ${day}.` },
    ...(rng.chance(0.4)
      ? ([
          { role: "user", content: "Should I take an umbrella?" },
          {
            role: "assistant",
            content:
              sky === "rainy" ? "Yes, take an umbrella." : `No, you will not need one if it is ${sky}.`,
          },
        ] as const)
      : []),
  ];
}

function recipe(rng: Rng): Conversation {
  const [dish, steps] = rng.pick(DISHES);
  const [first, ...rest] = steps;
  const answer = `To make ${dish}, first ${first}. ${rest.map((step) => `Then ${step}.`).join(" ")}`;
  return exchange(rng, `How do I make ${dish}?`, answer);
}

function units(rng: Rng): Conversation {
  const [small, big, factor] = rng.pick(UNITS);
  const n = 1 + rng.int(9);
  const bigs = n === 1 ? big : `${big}s`;
  return exchange(
    rng,
    `How many ${small} are in ${n} ${bigs}?`,
    `There are ${n * factor} ${small} in ${n} ${bigs}.`,
  );
}

function spelling(rng: Rng): Conversation {
  const word = rng.pick(WORDS);
  if (rng.chance(0.5)) {
    const reversed = [...word].reverse().join("");
    return exchange(rng, `How do you spell ${word} backwards?`, `${word} backwards is ${reversed}.`);
  }
  return exchange(
    rng,
    `How many letters are in the word ${word}?`,
    `The word ${word} has ${NUMBER_WORDS[word.length]} letters.`,
  );
}

function review(rng: Rng): Conversation {
  const positive = rng.chance(0.5);
  const subject = rng.pick(REVIEW_SUBJECTS);
  const adjective = rng.pick(positive ? POSITIVE : NEGATIVE);
  return [
    { role: "user", content: `Is this review positive or negative? "${subject} was ${adjective}."` },
    { role: "assistant", content: positive ? "positive" : "negative" },
  ];
}

function counting(rng: Rng): Conversation {
  const start = 1 + rng.int(10);
  const length = 3 + rng.int(4);
  const numbers = Array.from({ length }, (_, i) => String(start + i));
  return exchange(rng, `Count from ${start} to ${start + length - 1}.`, `${numbers.join(", ")}.`);
}

const GENERATORS = [arithmetic, capital, weather, recipe, units, spelling, review, counting];

/** The first `count` conversations of one seeded stream (a longer prefix of the same stream is a superset). */
export function generateConversations(seed: number, count: number): Conversation[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => rng.pick(GENERATORS)(rng));
}

/** A labelled classification set in the same style: review prompts with their sentiment. */
export function generateReviews(seed: number, count: number): { text: string; label: string }[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => {
    const [user, assistant] = review(rng);
    return { text: user?.content ?? "", label: assistant?.content ?? "" };
  });
}
