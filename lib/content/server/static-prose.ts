import "server-only";
import type { Element, ElementContent, Root, RootContent } from "hast";
import { toHtml } from "hast-util-to-html";

// The lesson's plain prose (paragraphs, lists, quotes, small headings) rendered once to HTML,
// outside React's tree. In the App Router every server-rendered element is also serialized into
// the page's inline RSC payload and hydrated in the browser; for prose that is a second copy of
// the text and thousands of elements React walks for nothing. A run of plain top-level nodes
// becomes one `<StaticProse index="n" />`; its HTML is kept here and rendered by
// components/lesson/static-prose.tsx (the payload carries only the lesson and the index).
//
// Only markup the lesson's own markdown makes qualifies (the tags and attributes below, links to
// safe addresses, no MDX components), and hast-util-to-html escapes the text: the HTML is
// sanitised by construction, and nothing interactive or styled by a component is ever inside a
// run. Links stay links (an external one gets rel="noopener noreferrer" as LessonLink gives it,
// an internal one is a full page load), `h3` keeps its scroll margin.

const BLOCKS = new Set(["p", "ul", "ol", "blockquote", "h3", "h4", "hr"]);
const INLINE = new Set(["a", "strong", "em", "code", "br", "li", "p", "ul", "ol", "sup", "sub", "del", "span", "kbd", "abbr", "b", "i"]);
const TABLE = new Set(["thead", "tbody", "tr", "th", "td"]);
const ATTRIBUTES = new Set(["href", "id", "title", "start", "align"]);
/** a link's target: this site, an anchor, or a web or mail address (never `javascript:` or `data:`) */
const SAFE_HREF = /^(\/(?!\/)|#|https?:\/\/|mailto:)/i;

/** Its own attributes are plain: known names only, and a link goes somewhere safe. */
const plainAttributes = (node: Element) =>
  Object.keys(node.properties).every((p) => ATTRIBUTES.has(p)) &&
  (node.properties.href === undefined || SAFE_HREF.test(String(node.properties.href)));

function isPlainInside(node: ElementContent, inTable = false): boolean {
  if (node.type === "text") return true;
  if (node.type !== "element" || !(INLINE.has(node.tagName) || (inTable && TABLE.has(node.tagName)))) return false;
  return plainAttributes(node) && node.children.every((child) => isPlainInside(child, inTable));
}

/** A markdown table of plain cells (a table inside a component, a chart's, is the component's). */
const isPlainTable = (node: RootContent): node is Element =>
  node.type === "element" && node.tagName === "table" && plainAttributes(node) && node.children.every((c) => isPlainInside(c, true));

function isPlain(node: RootContent): boolean {
  if (node.type === "text") return node.value.trim() === "";
  if (node.type !== "element" || !BLOCKS.has(node.tagName)) return false;
  return plainAttributes(node) && node.children.every((child) => isPlainInside(child));
}

function finish(node: ElementContent): void {
  if (node.type !== "element") return;
  if (node.tagName === "a") {
    const href = String(node.properties.href ?? "");
    if (!href.startsWith("/") && !href.startsWith("#")) node.properties.rel = ["noopener", "noreferrer"];
  }
  if (node.tagName === "h3" || node.tagName === "h4") node.properties.className = ["scroll-mt-6"];
  // as the lesson's table component styles it (components/lesson/mdx-components.tsx)
  if (node.tagName === "table") node.properties.className = ["lesson-table", "w-full", "text-left", "text-sm"];
  // a column's alignment as React renders it: a style, not the old attribute
  if (node.properties.align !== undefined) {
    node.properties.style = `text-align:${String(node.properties.align)}`;
    delete node.properties.align;
  }
  node.children.forEach(finish);
}

/**
 * The rehype plugin: collects each run's HTML into `runs` and leaves `<StaticProse index>` in its
 * place (`<StaticTable index>` for a table, which keeps its scrolling box).
 */
export function rehypeStaticProse(runs: string[]) {
  return () => (tree: Root) => {
    const out: RootContent[] = [];
    let run: RootContent[] = [];
    const emit = (name: "StaticProse" | "StaticTable", elements: Element[]) => {
      elements.forEach(finish);
      runs.push(toHtml(elements));
      out.push({
        type: "mdxJsxFlowElement",
        name,
        attributes: [{ type: "mdxJsxAttribute", name: "index", value: String(runs.length - 1) }],
        children: [],
      } as unknown as RootContent);
    };
    const flush = () => {
      const elements = run.filter((n): n is Element => n.type === "element");
      if (elements.length) emit("StaticProse", elements);
      else out.push(...run);
      run = [];
    };
    for (const node of tree.children) {
      if (isPlain(node)) run.push(node);
      else if (isPlainTable(node)) {
        flush();
        emit("StaticTable", [node]);
      } else {
        flush();
        out.push(node);
      }
    }
    flush();
    tree.children = out;
  };
}
