import type { Section } from "./context";
import { imagesSection } from "./images";
import { labSection } from "./lab";
import { lighthouseSection } from "./lighthouse";
import { pagesSection } from "./pages";
import { pageWeightSection } from "./page-weight";
import { quizSection } from "./quiz";
import { reviewSection } from "./review";
import { signinSection } from "./signin";

/** In the order they run: pages first, on a fresh database and an idle server; Lighthouse last. */
export const SECTIONS: readonly Section[] = [
  pagesSection,
  pageWeightSection,
  quizSection,
  labSection,
  imagesSection,
  reviewSection,
  signinSection,
  lighthouseSection,
];

export const SECTION_NAMES = SECTIONS.map((s) => s.name);
