/**
 * Ties a transaction to the button that started it, so that every button of the app shows a pending write as
 * disabled (and ignores clicks) without each panel tracking it: the transactor claims the button clicked just
 * before `run`, holds it disabled with `aria-busy` until the write settles, then gives it back the disabled
 * state its component asked for meanwhile.
 */

/** How long after a click a `run` still belongs to it (flows may read or upload before they send). */
const CLICK_WINDOW_MS = 1_500;

let lastClick: { button: HTMLButtonElement; at: number } | undefined;
/** A button whose write just settled: a follow-up write of the same flow (approve, then stake) takes it over. */
let handoff: HTMLButtonElement | undefined;
const holds = new Map<HTMLButtonElement, { count: number; restore: () => void }>();

function onClick(event: MouseEvent) {
  const target = event.target instanceof Element ? event.target.closest("button") : null;
  if (!target) return;
  if (holds.has(target)) {
    event.preventDefault();
    event.stopImmediatePropagation();
    return;
  }
  lastClick = { button: target, at: performance.now() };
}

/** Listens to clicks (capture phase, before React's handlers); returns the cleanup. */
export function trackClicks(): () => void {
  document.addEventListener("click", onClick, true);
  return () => document.removeEventListener("click", onClick, true);
}

/** The button that started the write now beginning, if any. */
export function claimButton(): HTMLButtonElement | undefined {
  const candidate =
    handoff ??
    (lastClick && performance.now() - lastClick.at < CLICK_WINDOW_MS ? lastClick.button : undefined);
  lastClick = undefined;
  handoff = undefined;
  return candidate?.isConnected ? candidate : undefined;
}

/** Disables `button` until the returned release is called; holds nest, the last release frees it. */
export function holdButton(button: HTMLButtonElement): () => void {
  const held = holds.get(button) ?? { count: 0, restore: disable(button) };
  held.count += 1;
  holds.set(button, held);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    held.count -= 1;
    if (held.count > 0) return;
    // Freed once the callers' continuations ran: a next write of the same flow takes the button over meanwhile.
    handoff = button;
    setTimeout(() => {
      if (handoff === button) handoff = undefined;
      if (held.count > 0 || holds.get(button) !== held) return;
      holds.delete(button);
      held.restore();
    }, 0);
  };
}

/** Disables a button; returns what gives it back the disabled state its component asked for meanwhile. */
function disable(button: HTMLButtonElement): () => void {
  // React sets or removes the attribute when the component's `disabled` prop changes: that is what it wants.
  let wanted = button.disabled;
  const observer = new MutationObserver(() => {
    wanted = button.hasAttribute("disabled");
    button.disabled = true;
    observer.takeRecords();
  });
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  button.dataset.txPending = "true";
  observer.observe(button, { attributes: true, attributeFilter: ["disabled"] });
  return () => {
    if (observer.takeRecords().length > 0) wanted = button.hasAttribute("disabled");
    observer.disconnect();
    button.disabled = wanted;
    button.removeAttribute("aria-busy");
    delete button.dataset.txPending;
  };
}
