// internal.d.ts - types of the widget's internals, used by the JSDoc in
// web/*.js and checked by `tsc -p web/tsconfig.json`. Kept out of the .js
// files so that host pages do not download them; not part of the public API.
import type { Analysis, Estimate, Point } from './smp.js';
import type { PhotoInfo } from './consultation.js';

export type Step = 'photo' | 'adjust' | 'preview' | 'estimate';

/** What the client has done so far. */
export interface WidgetState {
  step: Step;
  photo: PhotoInfo | null;
  analysis: Analysis | null;
  /** Candidacy questions answered yes. */
  answers: Set<string>;
  /** Skin factors ticked. */
  factors: Set<string>;
  /** The estimate shown; null when stale. */
  estimate: Estimate | null;
  /** 'photo', 'photo-ludwig', 'norwood-N' or 'ludwig-N'. */
  extent?: string;
  /** The hairline the core proposed. */
  proposed?: Point[] | null;
  /** The client moved a handle. */
  moved?: boolean;
}

/** One design option as core/consultation.cpp's option_schema_json() describes it. */
export type OptionSpec =
  | { type: 'string'; values: readonly string[]; default: string }
  | { type: 'number'; min: number; max: number; alias?: string; default: number }
  | { type: 'boolean'; default: boolean }
  | { type: 'points'; minItems: number; maxItems: number; alias?: string; default: readonly [] };

/** The consultation content as the widget shows it (estimate_view.js readCatalogue). */
export interface CatalogueItem { head?: string; text: string }
export interface CatalogueSection {
  attr: string;
  title: string;
  intro?: string;
  items: CatalogueItem[];
  sub?: { title: string; intro?: string; items: CatalogueItem[] };
}
export interface Catalogue {
  questions: { id: string; text: string }[];
  factors: { id: string; text: string }[];
  candidacyTitle?: string;
  candidacyIntro?: string;
  sections: CatalogueSection[];
  disclaimer?: string;
}
