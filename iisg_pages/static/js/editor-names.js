/*
 * The page editor for assistive technology, where Wagtail's markup falls short: Draftail's
 * rich-text boxes get their accessible name from the label the editor sees; StreamField's
 * nested blocks are regions with distinct names rather than same-named or unnamed ones;
 * the minimap's scrolling list can be reached by keyboard. Runs on every editor page, for
 * blocks added later too.
 */
(function () {
  "use strict";

  function labelOf(element) {
    const field = element.closest("[data-field-wrapper], .w-field__wrapper, .w-field");
    const label = field && field.querySelector("label, .w-field__label");
    if (label && label.textContent.trim()) {
      return label.textContent.trim();
    }
    const panel = element.closest("section.w-panel");
    const heading = panel && panel.querySelector(".w-panel__heading");
    return heading ? heading.textContent.trim() : "";
  }

  function nameEditors(root) {
    root.querySelectorAll('.public-DraftEditor-content[role="textbox"]').forEach((box) => {
      if (!box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby")) {
        const name = labelOf(box);
        box.setAttribute("aria-label", name || "Rich text");
      }
    });
    // Each block's region is named by its heading and its place among same-named blocks
    // (Wagtail names them all by heading alone, some by headings that do not exist).
    const seen = new Map();
    root.querySelectorAll("section.w-panel--nested").forEach((section) => {
      const title = section.querySelector(".w-panel__heading");
      const text = (title && title.textContent.trim()) || "Block";
      const count = (seen.get(text) || 0) + 1;
      seen.set(text, count);
      section.removeAttribute("aria-labelledby");
      section.setAttribute("aria-label", count > 1 ? `${text} ${count}` : text);
    });
    root.querySelectorAll(".w-minimap__list:not([tabindex])").forEach((list) => {
      list.setAttribute("tabindex", "0");
      list.setAttribute("aria-label", "Minimap");
    });
  }

  function start() {
    nameEditors(document);
    new MutationObserver(() => nameEditors(document)).observe(document.body, {
      childList: true,
      subtree: true,
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
