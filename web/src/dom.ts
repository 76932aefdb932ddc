/** Small DOM helpers: elements with properties and children, and the main region's content. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, unknown> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

const main = () => document.getElementById('app')!;

/** Replaces the page's content and moves focus to it, so a screen reader announces the new page. */
export function show(...nodes: Node[]): void {
  main().replaceChildren(...nodes);
  main().focus();
}
