// Marks the text elements whose colour contrast another element on the page decides.
//
// A page repeats a few text styles thousands of times (a highlighted listing's tokens,
// the navigation's links), and axe's color-contrast rule costs milliseconds per
// element. An element is marked `data-contrast-twin`, which axe's color-contrast rule
// (and no other rule) then skips, when an earlier element has the same key, which
// holds everything that rule's verdict reads:
//   - the text's kind: one character (axe never fails those) or longer; text that is
//     not printable ASCII is never marked;
//   - for the element and each ancestor up to <html>: its tag, its attributes (but id,
//     name and href), its computed colours, font size and weight, opacity, shadows,
//     filters, blending, clipping, backgrounds, and those of its ::before and ::after;
// and both are drawn over nothing but their own ancestors: a leaf element lying wholly
// inside each ancestor's box below <html> (so neither scrolled away nor clipped), that no other
// element overlaps by more than a pixel each way (axe reads the elements under the
// centre of each line of text), with no ancestor whose id an aria-labelledby names.
// Whatever fails a condition is audited like every other element.
() => {
  const OWN = ["color", "-webkit-text-fill-color", "-webkit-text-stroke-width",
    "-webkit-text-stroke-color", "text-shadow", "font-size", "font-weight", "opacity",
    "filter", "backdrop-filter", "mix-blend-mode", "isolation", "visibility", "display",
    "position", "z-index", "clip", "clip-path", "mask-image", "text-indent",
    "overflow-x", "overflow-y", "background-color", "background-image",
    "background-clip", "background-blend-mode"];
  const PSEUDO = ["content", "display", "position", "width", "height", "opacity",
    "background-color", "background-image"];
  const IGNORED_ATTRIBUTES = new Set(["id", "name", "href", "data-contrast-twin"]);
  const PRINTABLE = /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/;

  const computed = (element, names, pseudo) => {
    const style = getComputedStyle(element, pseudo);
    return names.map((name) => style.getPropertyValue(name)).join(";");
  };
  const chains = new Map();
  const chain = (element) => {
    if (!element) return "";
    if (!chains.has(element)) {
      const attributes = [...element.attributes]
        .filter((attribute) => !IGNORED_ATTRIBUTES.has(attribute.name))
        .map((attribute) => `${attribute.name}=${attribute.value}`);
      chains.set(element, [element.tagName, attributes.join(" "), computed(element, OWN),
        computed(element, PSEUDO, "::before"), computed(element, PSEUDO, "::after"),
        chain(element.parentElement)].join("\n"));
    }
    return chains.get(element);
  };

  const boxes = new Map();
  const box = (element) => {
    if (!boxes.has(element)) boxes.set(element, element.getBoundingClientRect());
    return boxes.get(element);
  };
  const drawn = (rect) => rect.width > 0 && rect.height > 0;
  const inside = (inner, outer) => inner.left >= outer.left && inner.right <= outer.right
    && inner.top >= outer.top && inner.bottom <= outer.bottom;
  const overlapsMoreThanAPixel = (a, b) =>
    Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1
    && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;

  const labelled = new Set([...document.querySelectorAll("[aria-labelledby]")]
    .flatMap((element) => element.getAttribute("aria-labelledby").split(/\s+/)));
  // Its ancestors below <html>, whose box is the viewport: axe counts <html> into the
  // background of every element, wherever it lies.
  const lineage = (element) => {
    const ancestors = [];
    for (let node = element.parentElement; node !== document.documentElement;
      node = node.parentElement) {
      ancestors.push(node);
    }
    return ancestors;
  };

  // Every drawn element, filed under each band of BAND pixels of the page it spans.
  const BAND = 128;
  const bands = new Map();
  const bandsOf = (rect) => {
    const first = Math.floor(rect.top / BAND);
    const last = Math.floor(rect.bottom / BAND);
    return Array.from({ length: last - first + 1 }, (_, index) => first + index);
  };
  const all = [...document.body.querySelectorAll("*")].filter((e) => drawn(box(e)));
  for (const element of all) {
    for (const band of bandsOf(box(element))) {
      if (!bands.has(band)) bands.set(band, []);
      bands.get(band).push(element);
    }
  }
  const alone = (element, ancestors) => {
    const rect = box(element);
    return bandsOf(rect).every((band) => bands.get(band).every((other) =>
      other === element || ancestors.includes(other)
      || !overlapsMoreThanAPixel(box(other), rect)));
  };

  const seen = new Set();
  const twins = [];
  for (const element of all) {
    if (element.childElementCount) continue;
    const text = element.textContent.trim();
    if (!PRINTABLE.test(text)) continue;
    const ancestors = lineage(element);
    if (ancestors.some((ancestor) => !inside(box(element), box(ancestor))
        || (ancestor.id && labelled.has(ancestor.id)))) continue;
    if ((element.id && labelled.has(element.id)) || !alone(element, ancestors)) continue;
    const key = `${text.length === 1 ? "one character" : "text"}\n${chain(element)}`;
    if (seen.has(key)) twins.push(element);
    else seen.add(key);
  }
  // Marked only now: a changed attribute would make every later style lookup
  // recompute the page's styles.
  for (const element of twins) element.setAttribute("data-contrast-twin", "");
  return twins.length;
}
