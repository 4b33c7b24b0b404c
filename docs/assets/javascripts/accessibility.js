// Name the search dialog for screen readers; Material leaves it unnamed.
document.querySelectorAll(".md-search[role=dialog]").forEach((dialog) => {
  dialog.setAttribute("aria-label", "Search the site");
});

// A navigation section whose title is also a page (navigation.indexes) is labelled by
// an icon-only toggle, which leaves its landmark without a name; use the title's text.
document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach((nav) => {
  const label = document.getElementById(nav.getAttribute("aria-labelledby"));
  const title = nav.querySelector(":scope > .md-nav__title");
  if (label && !label.textContent.trim() && title && title.textContent.trim()) {
    nav.setAttribute("aria-label", title.textContent.trim());
  }
});

// Material wraps each code block's copy button in a <nav>; a page with many code
// blocks would list dozens of unnamed navigation landmarks. A copy button is not
// navigation, so those wrappers are taken out of the landmark list.
const CODE_TOOLS = "nav.md-code__nav:not([role])";
const unlandmark = (nav) => nav.setAttribute("role", "none");
document.querySelectorAll(CODE_TOOLS).forEach(unlandmark);
new MutationObserver((changes) => {
  for (const change of changes) {
    for (const node of change.addedNodes) {
      if (!(node instanceof Element)) continue;
      if (node.matches(CODE_TOOLS)) unlandmark(node);
      else if (node.firstElementChild) node.querySelectorAll(CODE_TOOLS).forEach(unlandmark);
    }
  }
}).observe(document.body, { childList: true, subtree: true });
