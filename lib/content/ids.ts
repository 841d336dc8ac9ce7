import { slug } from "github-slugger";

/** Anchor of a key term in the lesson's "Key terms" list. */
export function termId(term: string): string {
  return `term-${slug(term)}`;
}
