/** Chat conversations and the one plain-text rendering that Arena's scorer and model builder share. */
export type ChatRole = "system" | "user" | "assistant";

export type ChatMessage = { role: ChatRole; content: string };

/** A piece of the text a model reads; `target` pieces are the ones whose loss counts. */
export type TextSegment = { text: string; target: boolean };

const ROLE_LABEL: Record<ChatRole, string> = { system: "System", user: "User", assistant: "Assistant" };

/**
 * Renders a conversation as `Role: content\n` lines. Only assistant contents are targets: the loss of a chat
 * example is the model's loss on what the assistant said, given everything before it.
 */
export function chatSegments(messages: readonly ChatMessage[]): TextSegment[] {
  return messages.flatMap((message) => [
    { text: `${ROLE_LABEL[message.role]}: `, target: false },
    { text: message.content, target: message.role === "assistant" },
    { text: "\n", target: false },
  ]);
}

export function renderChat(messages: readonly ChatMessage[]): string {
  return chatSegments(messages)
    .map((segment) => segment.text)
    .join("");
}

/** The segments of a labelled example scored as a chat: the text as the user turn, a label as the answer. */
export function labelledSegments(text: string, label: string): TextSegment[] {
  return chatSegments([
    { role: "user", content: text },
    { role: "assistant", content: label },
  ]);
}
