// Marks the text elements whose colour contrast another element decides: an earlier one
// on the page, or one an earlier page's audit checked in the same scheme.
//
// A page repeats a few text styles thousands of times (a highlighted listing's tokens,
// the navigation's links), and every page repeats the header's, the navigation's and
// the footer's; axe's color-contrast rule costs milliseconds per element. An element
// is marked `data-contrast-twin`, which axe's color-contrast rule (and no other rule)
// then skips, when an earlier element has the same key, which holds everything that
// rule's verdict reads:
//   - the text's kind: one character (axe never fails those) or longer; text that is
//     not printable ASCII is never marked;
//   - for the element and each ancestor up to <html>: its tag, its attributes (but id,
//     name and href), its computed colours, fonts (family, style, size, weight),
//     opacity, shadows, filters, blending, clipping, backgrounds, and those of its
//     ::before and ::after; for a <label>, whether the control its `for` names and
//     the first control inside it are disabled (axe skips the text of those);
//   - whether a ::before or ::after of the element or an ancestor is drawn over more
//     than a quarter of the element's box (axe then leaves its contrast undecided);
//   - whether the page has an open modal dialog (axe skips what lies outside it);
// and both are drawn over nothing but their own ancestors: a leaf element lying wholly
// inside each ancestor's box below <html> (so neither scrolled away nor clipped), that no other
// element overlaps by more than a pixel each way (axe reads the elements under the
// centre of each line of text), with no ancestor whose id an aria-labelledby names.
// Whatever fails a condition is audited like every other element.
//
// Nothing in a key depends on which page it was read on: the attributes that differ
// from page to page by their nature (id, name, href) are left out, and the rest
// names what is drawn, not where; where the verdict reads another element (a label's
// control, a modal dialog, the elements lying over it), the key holds what it reads
// or the element is not marked. Computed URLs are absolute, and every page of a run
// comes from one server. So a key checked on one page (passed in as `audited`, the
// SHA-256 of each key, per scheme) decides its twins on every later page of the run,
// and a failure is reported on the page where its key was first checked. Returns how
// many elements were marked and the digests of the keys this page checks first.
//
// What axe reads and no key holds: whether the text is drawn as an icon-font ligature
// (axe draws it in its font to find out), which the same font may do for one word and
// not another. The site loads no fonts (`font: false`): it is drawn in the system's
// fonts, which have no icon ligatures.
async (audited) => {
  const OWN = ["color", "-webkit-text-fill-color", "-webkit-text-stroke-width",
    "-webkit-text-stroke-color", "text-shadow", "font-family", "font-style",
    "font-size", "font-weight", "opacity",
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
    return names.map((name) => style.getPropertyValue(name));
  };
  const CONTROL = 'input:not([type="hidden"],[type="image"],[type="button"],' +
    '[type="submit"],[type="reset"]), select, textarea';
  const disabled = (control) => control
    ? String(control.matches(':disabled') || !!control.closest('[aria-disabled="true"]'))
    : "none";
  const labelled = (element) => element.tagName !== "LABEL" ? ""
    : [element.htmlFor ? disabled(document.getElementById(element.htmlFor)) : "none",
      disabled(element.querySelector(CONTROL))].join(" ");
  // Each distinct chain (an element's description, its parent's, and so on up to
  // <html>) gets a number: equal numbers are equal chains. A chain is spelled out
  // (for its digest) only for the first element of each key on the page.
  const descriptions = [];
  const numbers = new Map();
  const chains = new Map();
  const chain = (element) => {
    if (!element) return -1;
    if (!chains.has(element)) {
      const parent = chain(element.parentElement);
      const attributes = [...element.attributes]
        .filter((attribute) => !IGNORED_ATTRIBUTES.has(attribute.name))
        .map((attribute) => [attribute.name, attribute.value]);
      const own = JSON.stringify([element.tagName, attributes, computed(element, OWN),
        computed(element, PSEUDO, "::before"), computed(element, PSEUDO, "::after"),
        labelled(element)]);
      const entry = `${parent} ${own}`;
      if (!numbers.has(entry)) {
        numbers.set(entry, descriptions.length);
        descriptions.push([own, parent]);
      }
      chains.set(element, numbers.get(entry));
    }
    return chains.get(element);
  };
  const spelled = (number) => {
    const parts = [];
    for (let link = number; link !== -1; link = descriptions[link][1]) {
      parts.push(descriptions[link][0]);
    }
    return `[${parts.join(",")}]`;
  };

  // The area axe counts for an element's ::before and ::after (as its own rule does):
  // none unless drawn, positioned absolutely and not transparent; unbounded unless
  // measured in pixels.
  const pseudoAreas = new Map();
  const pseudoArea = (element) => {
    if (!pseudoAreas.has(element)) {
      pseudoAreas.set(element, ["::before", "::after"].reduce((sum, pseudo) => {
        const style = getComputedStyle(element, pseudo);
        const transparent = /^rgba\(.*,\s*0\)$|^transparent$/
          .test(style.backgroundColor) && style.backgroundImage === "none";
        if (style.content === "none" || style.display === "none"
          || style.visibility === "hidden" || style.position !== "absolute"
          || transparent) return sum;
        const width = style.width.match(/^([0-9.]+)px$/);
        const height = style.height.match(/^([0-9.]+)px$/);
        if (!width || !height) {
          return sum + (parseFloat(style.width) === 0 || parseFloat(style.height) === 0
            ? 0 : Infinity);
        }
        return sum + parseFloat(width[1]) * parseFloat(height[1]);
      }, 0));
    }
    return pseudoAreas.get(element);
  };
  const coveredByPseudo = (element) => {
    const quarter = box(element).width * box(element).height * 0.25;
    for (let node = element; node; node = node.parentElement) {
      if (quarter < pseudoArea(node)) return true;
    }
    return false;
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

  const named = new Set([...document.querySelectorAll("[aria-labelledby]")]
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

  const modal = document.querySelector(":modal") ? "modal open" : "no modal";
  const digest = async (key) => {
    const bytes = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key));
    return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
  };
  const checked = new Set(audited);
  const seen = new Set();
  const first = [];
  const twins = [];
  for (const element of all) {
    if (element.childElementCount) continue;
    const text = element.textContent.trim();
    if (!PRINTABLE.test(text)) continue;
    const ancestors = lineage(element);
    if (ancestors.some((ancestor) => !inside(box(element), box(ancestor))
        || (ancestor.id && named.has(ancestor.id)))) continue;
    if ((element.id && named.has(element.id)) || !alone(element, ancestors)) continue;
    const facts = [text.length === 1 ? "one character" : "text", modal,
      coveredByPseudo(element) ? "pseudo covers" : "pseudo clear"];
    const key = `${facts.join(" ")} ${chain(element)}`;
    if (seen.has(key)) {
      twins.push(element);
    } else {
      seen.add(key);
      first.push([element, facts, chain(element)]);
    }
  }
  const keys = [];
  for (const [element, facts, number] of first) {
    const hash = await digest(JSON.stringify(facts) + spelled(number));
    if (checked.has(hash)) twins.push(element);
    else keys.push(hash);
  }
  // Marked only now: a changed attribute would make every later style lookup
  // recompute the page's styles.
  for (const element of twins) element.setAttribute("data-contrast-twin", "");
  return { twins: twins.length, keys };
}
