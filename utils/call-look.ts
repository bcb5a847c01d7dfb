/**
 * Whether the call page looks light or dark where the call is: the first opaque background from the
 * element at the window's centre (the call's video stage) up to the root; an all-transparent page
 * shows the browser's white canvas. Kept free of imports: the call tab's script bundles it.
 */
export function callPageLook(doc: Document = document): 'light' | 'dark' {
  const view = doc.defaultView!;
  for (let el: Element | null = doc.elementFromPoint(view.innerWidth / 2, view.innerHeight / 2) ?? doc.body; el; el = el.parentElement) {
    const [r = 0, g = 0, b = 0, alpha = 1] = view.getComputedStyle(el).backgroundColor.match(/[\d.]+/g)?.map(Number) ?? [];
    // Perceived lightness (Rec. 709 weights) of the first background that is not see-through.
    if (alpha > 0.5) return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? 'dark' : 'light';
  }
  return 'light';
}
