// smp.d.ts - typings for the SMP consultation embed API (build/web/smp.js and
// the window.SMPWidget global defined by build/web/smp-widget.js). Field
// names are camelCase throughout; string values (enums such as 'more_likely')
// are the core's, and so are the keys of Analysis.timingsMs (stage names).

export type Goal = 'full' | 'density' | 'scar';
export type Style = 'juvenile' | 'mature' | 'broken' | 'soft';
export type Shape = 'straight' | 'rounded' | 'widows_peak';
export type Shade = 'auto' | 'black' | 'dark' | 'medium' | 'light';
export type Point = [x: number, y: number];

/** Labels from learned person segmentation and face detection (see README). */
export interface Segmentation {
  width: number;
  height: number;
  labels: Uint8Array;
}

/** The design's treatment region at the working size (the preview's size). */
export interface Region {
  width: number;
  height: number;
  /** One byte per pixel, row by row: 255 dots at full density, 0 none, between: thinned (a feathered edge, thinning hair). */
  coverage: Uint8Array;
}

/** Colours and sizes, applied as CSS custom properties --smp-<kebab-name> on the host. */
export interface Theme {
  primary?: string; onPrimary?: string; accent?: string; text?: string; muted?: string;
  background?: string; surface?: string; border?: string; error?: string; focus?: string;
  radius?: string; font?: string;
}

/** A price: a fixed number, or a band ({typical} defaults to the midpoint). */
export type Price = number | { low: number; high: number; typical?: number };

/** A price band of a per_stage (norwood/ludwig ranges) or per_area (maxCm2) config. */
export interface PriceBand {
  norwood?: [from: number, to: number];
  ludwig?: [from: number, to: number];
  maxCm2?: number;
  low: number;
  high: number;
  typical?: number;
}

/**
 * A clinic pricing config (see docs/estimate.md), validated by the core:
 * unknown fields are rejected and every error names the field (in the core's
 * snake_case spelling, which the JS also accepts: the core's files and the
 * CLI write session_price for sessionPrice).
 */
export interface PricingConfig {
  /** ISO 4217 code. */
  currency: string;
  model: 'per_session' | 'per_stage' | 'per_area' | 'package';
  /** per_stage and per_area. */
  bands?: PriceBand[];
  /** per_session. */
  sessionPrice?: Price;
  /** package. */
  packagePrice?: Price;
  /** The price of one touch-up session. */
  touchUp: Price;
  sessionsIncluded?: number;
  extraSession?: Price;
  minimumCharge?: number;
  /** A flat price for a goal (keyed by goal name). */
  goals?: Partial<Record<Goal | 'alopecia', Price>>;
  name?: string;
  label?: string;
  source?: string;
}

/** The one vocabulary shared by mount(), createConsultation() and <smp-consultation> attributes. */
export interface EmbedOptions {
  clinic?: string;
  /** A preset name ('uk', 'us'), a config object, or a URL to a JSON config. */
  pricing?: 'uk' | 'us' | string | PricingConfig;
  /** ISO 4217 code; the figures are always in the pricing config's currency (every config states one). */
  currency?: string;
  /** 'en', 'es', 'es-MX', ...; default: the page's <html lang>, then the browser's. */
  locale?: string;
  theme?: Theme;
  goals?: Goal[];
  styles?: Style[];
  /** Leads are POSTed here as JSON; without it nothing is sent (the 'lead' event still fires). */
  leadEndpoint?: string | null;
}

/**
 * Design and render options, the same names and values as the smp CLI flags.
 * The ranges are the core's (optionSchemaJson() on the wasm module; web/options.js DESIGN_SCHEMA).
 */
export interface DesignOptions {
  /** Default 'full'. */
  goal?: Goal;
  /** Default 'mature'. */
  style?: Style;
  /** Default 'rounded'. */
  shape?: Shape;
  /** Default 'auto' (matched to the hair). */
  shade?: Shade;
  /** Dots per cm², 20..400; default 190. */
  density?: number;
  /** The dot pattern's seed, 0..4294967295; default 1. */
  seed?: number;
  /** Default true. */
  symmetric?: boolean;
  /** goal 'full': show the dots over the client's hair as it is instead of clipped to stubble (the look after treatment); default false. */
  keepHair?: boolean;
  /** Mid-frontal hairline height above the glabella in cm, 0..15 (0: the style's default). */
  heightCm?: number;
  /** Read the photo on the Ludwig scale (women); default false. Nothing guesses it from the photo. */
  female?: boolean;
  /** Client's age in years, 0..120 (0: unknown); older clients get a higher default line. */
  age?: number;
  /** The client's own calibration, photo pixels per cm, 0..10000 (0 = from the analysis); needs a photo. */
  pxPerCm?: number;
  /** goal 'scar': the scar's outline in photo pixels, 3..256 points (or empty); needs a photo. */
  scarOutline?: Point[];
}

export type Options = EmbedOptions & DesignOptions;

export type RGB = [r: number, g: number, b: number];

/** The hairline design (core/design/design.h), positions in original photo pixels. */
export interface Design {
  controlPoints: Point[];
  /** The centripetal Catmull-Rom curve through the control points, as the dots follow it. */
  curve: Point[];
  /** What placed the line: 'face', 'hair_border', 'default', 'user_points', 'scar'. */
  basis: string;
  /** Every assumption made (an assumed scale, a default line). */
  notes: string[];
  scaleMethod: string;
  scaleAssumed: boolean;
  /** Original photo pixels per cm. */
  pxPerCm: number;
  /** Treated area, cm² (0 when the scale is only assumed). */
  areaCm2: number;
}

/** The head analysis (core/analysis/analysis.cpp analysis_json); positions in original photo pixels. */
export interface Analysis {
  view: 'portrait' | 'front' | 'top' | 'unknown';
  viewConfidence: number;
  /** The face finder's confidence, also when the face was not used (0 when none). */
  faceEvidence: number;
  /** A clear face was found upside down: offer turn(2). */
  upsideDown: boolean;
  /**
   * Quarter turns clockwise that would bring the photo upright: 2 with
   * upsideDown, 1 or 3 when a bent head's face looking down was found on a
   * side of the photo (turning brings it to the bottom); 0 otherwise.
   */
  turnToUpright: 0 | 1 | 2 | 3;
  image: { width: number; height: number };
  face: { x: number; y: number; w: number; h: number } | null;
  landmarks: {
    glabella: Point;
    eyes: [Point, Point];
    eyeOuter: [Point, Point];
    /** Ear tragions, image-left first; the far ear of a turned head is the detector's guess. */
    ears: [Point, Point];
    browY: number;
    chin: Point;
  } | null;
  scalePxPerCm: number | null;
  /** How the scale was measured: 'interpupillary', 'head_width' or 'none'. */
  scaleMethod: 'interpupillary' | 'head_width' | 'none' | (string & {});
  hairline: { current: Point[] };
  scalp: ScalpMeasures;
  norwood: { stage: number; confidence: number; score: number };
  ludwig: { grade: number; confidence: number } | null;
  confidence: number;
  segmentationQuality: number;
  hairRgb: RGB;
  skinRgb: RGB;
  /** Milliseconds per analysis stage, keyed by the core's stage names as they are ('person', 'face_runs', 'total'; they vary with the pipeline). */
  timingsMs: Record<string, number>;
}

export interface ScalpMeasures {
  baldFraction: number;
  areaCm2: number | null;
  /** Share of the photo that is head; 0 when no person was found. */
  headFraction: number;
  meanDensity: number;
  coreBald: number;
  rimHair: number;
  bareBlob: number;
  bestHalfHair: number;
  worstHalfHair: number;
  clearBare: number;
  /** Median brightness of hair-textured scalp pixels over the skin's: 0.5 and up, the scalp shows through. */
  seeThrough: number;
  /** How thick the hair lies (90th percentile distance to non-hair over the scalp's own reach): a cap 0.4-0.8, a rim or scattered hairs under 0.1. */
  hairDepth: number;
  /** seeThrough, but 1 where no hair is left thicker than a rim: what the Norwood score weighs. */
  showsThrough: number;
}

export interface Range { min: number; max: number }
export interface Range3 { min: number; typical: number; max: number }
export interface Money { currency: string; low: number; typical: number; high: number }
export type CandidacyOutcome = 'candidate' | 'patch_test' | 'talk_to_provider' | 'not_a_candidate';

/** The figures a breakdown step sets or changes, named after them. */
export type EffectName = 'areaCm2' | 'sessionsMin' | 'sessionsTypical' | 'sessionsMax' | 'hoursPerSessionMax'
  | 'touchUpYearsTypical' | 'touchUpYearsMax' | 'costLow' | 'costTypical' | 'costHigh' | 'touchUpsLow' | 'touchUpsHigh';

/** The estimate (core/estimate/estimate_json.cpp): every figure a range, with what it rests on. */
export interface Estimate {
  isEstimate: true;
  /** "Estimate only, not a quote" in the estimate's language. */
  label: string;
  locale: string;
  /** The request as the core read it. */
  input: {
    goal: Goal | 'alopecia';
    factors: string[];
    answers: string[];
    areaCm2?: number;
    norwood?: number;
    ludwig?: number;
    areaFromPhoto: boolean;
    /** The analysis' confidence in the stage it read from the photo; null when the stage was given. */
    stageConfidence: number | null;
    /** Photos the stage was read from (0: not from a photo). */
    stageViews: number;
    pricing: string;
    locale: string;
  };
  /** What the figures rest on: without a stage or area in the options, a photo gives its analysed stage. */
  extent: {
    areaCm2: number;
    areaSource: 'photo' | 'area' | 'norwood' | 'ludwig';
    norwood: number | null;
    ludwig: number | null;
    /** 'photo': read from the analysed photo, with input.stageConfidence. */
    stageSource: 'given' | 'area' | 'photo';
    /** Read from the photo with confidence under 0.5: ask the client to choose. */
    stageUnsure: boolean;
  };
  sessions: Range3 & { fourthSession: 'more_likely' | 'about_1_in_5' };
  hoursPerSession: Range;
  spacingDays: Range;
  totalHours: Range3;
  cost: Money & { model: 'per_session' | 'per_stage' | 'per_area' | 'package'; pricing: string };
  touchUp: { intervalYears: Range3; cost: Money };
  tenYearCost: Money & { touchUps: { low: number; typical: number; high: number } };
  candidacy: {
    outcome: CandidacyOutcome;
    title: string;
    text: string;
    reasons: { id: string; outcome: CandidacyOutcome; question: string; text: string }[];
  };
  /** Each step from the request to the figures, with the numbers it set. */
  breakdown: { id: string; text: string; effect: Partial<Record<EffectName, number>> }[];
  assumptions: string[];
}

/** A catalogue entry: a stable id, its message key and the text in the catalogue's language. */
export interface ContentItem { id: string; key: string; text: string }

/** The consultation content (core/estimate/content.cpp content_json) in one language; ids and message keys are values, as the core writes them. */
export interface Content {
  locale: string;
  locales: string[];
  disclaimer: string;
  goals: ContentItem[];
  factors: ContentItem[];
  candidacy: {
    title: string;
    intro: string;
    questions: (ContentItem & { ifYes: CandidacyOutcome; reasonKey: string; reason: string })[];
    outcomes: { id: CandidacyOutcome; title: string; text: string; titleKey: string; textKey: string }[];
  };
  expectations: { title: string; items: ContentItem[] };
  aftercare: {
    title: string;
    intro: string;
    timeline: { id: string; when: string; text: string; whenKey: string; textKey: string }[];
    callDoctor: { title: string; intro: string; signs: ContentItem[] };
  };
  providerQuestions: { title: string; items: ContentItem[] };
  choosingTechnician: { title: string; items: ContentItem[] };
  pricingPresets: string[];
}

export interface EstimateOptions {
  goal?: Goal | 'alopecia';
  factors?: ('scar' | 'alopecia' | 'dry_skin' | 'thick_skin' | 'oily_skin' | 'light_pigment' | string)[];
  /** Candidacy questions answered "yes", e.g. 'keloid'. */
  answers?: string[];
  norwood?: number;
  ludwig?: number;
  areaCm2?: number;
  pricing?: string | PricingConfig;
  locale?: string;
}

export interface Lead {
  clinic: string | null;
  locale: string;
  createdAt: string;
  name: string;
  contact: string;
  message: string;
  consent: { contact: true; photo: boolean; text: string };
  design: { goal: Goal; style: Style; shape: Shape; shade: Shade; density: number };
  estimate: { sessions: Estimate['sessions']; cost: Estimate['cost'] } | null;
  /** Only when the client ticked the separate photo box. */
  hairline?: Point[];
  photo?: { before: string; preview: string };
}

export interface SmpError extends Error {
  /** Stable token: invalid_option, invalid_target, invalid_hairline, not_an_image, closed, ... */
  code: string;
  errors: { code: string; message: string }[];
}
export const SmpError: { new (code: string, message: string, errors?: { code: string; message: string }[]): SmpError };

export interface EventMap {
  analysis: Analysis | null;
  change: { photo?: true; hairline?: true; options?: Options; views?: true };
  estimate: Estimate;
  error: SmpError;
  lead: Lead;
}
export type EventName = keyof EventMap;
export type Unsubscribe = () => void;

/** An encoded file (JPEG, PNG, ...; WebP/AVIF/HEIC where the browser decodes them) or pixels. */
export type PhotoInput = Blob | ArrayBuffer | ArrayBufferView | ImageData | HTMLImageElement | HTMLCanvasElement
  | OffscreenCanvas | ImageBitmap;

export interface Consultation {
  loadPhoto(input: PhotoInput, options?: { onProgress?: (stage: 'analysing') => void | Promise<void> }): Promise<{ width: number; height: number }>;
  /** Another photo of the same head (e.g. a top view): the Norwood stage is read from every photo together. Resolves to viewCount. */
  addView(input: PhotoInput): Promise<number>;
  /** Photos the stage is read from: 1 + added views (0 without a photo). */
  readonly viewCount: number;
  /** Drops the added views. */
  clearViews(): void;
  readonly photo: { width: number; height: number; workingWidth: number; workingHeight: number; format: string; orientation: number; decoder: 'core' | 'browser' } | null;
  /** Turns the photo clockwise by quarter turns (negative: counter-clockwise) and re-analyses. */
  turn(quarterTurns?: number): { width: number; height: number };
  /** null before a photo is loaded. */
  readonly analysis: Analysis | null;
  readonly options: Required<DesignOptions> & EmbedOptions;
  setOptions(partial: Options): Required<DesignOptions> & EmbedOptions;
  /** Control points in original photo pixels, left to right. */
  hairline: Point[];
  /** The design the preview is drawn from (null before a photo): the curve the dots follow, sampled, in original pixels. */
  readonly design: Design | null;
  /** The design's treatment region, where the preview puts dots (null before a photo). A copy out of the heap. */
  readonly region: Region | null;
  setHairline(points: Point[]): Point[];
  render(canvas: HTMLCanvasElement | OffscreenCanvas): { width: number; height: number };
  previewImageData(): ImageData;
  /**
   * Per-pixel labels at the working size (the preview's size): 0 background,
   * 1 skin (face, bare scalp, ears, neck), 2 hair (facial hair included),
   * 3 the rest of the person (clothes, glasses, hats). A copy out of the heap.
   */
  segmentation(): Segmentation;
  photoImageData(): ImageData;
  estimate(options?: EstimateOptions): Promise<Estimate>;
  exportImage(options?: { compare?: boolean; labels?: [string, string] }): Promise<Blob>;
  /** The content catalogue in a language ('en', 'es'; others fall back to English), or null if unavailable. */
  content(locale?: string): Content | null;
  readonly memoryBytes: number;
  /**
   * Runs the core once on a synthetic head in a throwaway consultation, so the
   * first real photo is as fast as later ones. Blocks the page for about 0.2 s:
   * call it while the page waits (a file picker opens). Resolves to true once warm.
   */
  warmUp(): Promise<boolean>;
  on<E extends EventName>(event: E, handler: (payload: EventMap[E]) => void): Unsubscribe;
  close(): void;
  readonly closed: boolean;
}
export const Consultation: { prototype: Consultation };

export function createConsultation(options?: Options): Promise<Consultation>;

export interface WidgetInstance {
  on<E extends EventName>(event: E, handler: (payload: EventMap[E]) => void): Unsubscribe;
  setOptions(partial: Options): WidgetInstance;
  destroy(): void;
  readonly consultation: Promise<Consultation>;
}
export function mount(target: Element | string, options?: Options): WidgetInstance;

/** <smp-consultation clinic pricing currency locale theme goals styles lead-endpoint>; events also as DOM 'smp-<event>'. */
export interface SmpConsultationElement extends HTMLElement {
  on<E extends EventName>(event: E, handler: (payload: EventMap[E]) => void): Unsubscribe;
  setOptions(partial: Options): WidgetInstance;
  readonly consultation: Promise<Consultation>;
}
export function defineElement(name?: string): void;

/**
 * What window.SMPWidget.mount() answers at once: calls are queued until the
 * bundle has loaded. `ready` and `consultation` resolve to null when
 * destroy() came first.
 */
export interface QueuedWidgetInstance {
  on<E extends EventName>(event: E, handler: (payload: EventMap[E]) => void): Unsubscribe;
  setOptions(partial: Options): QueuedWidgetInstance;
  destroy(): void;
  readonly ready: Promise<WidgetInstance | null>;
  readonly consultation: Promise<Consultation | null>;
}

/** window.SMPWidget from the classic script: mount() answers at once and queues until the bundle loads. */
export interface SMPWidgetGlobal {
  mount(target: Element | string, options?: Options): QueuedWidgetInstance;
  createConsultation(options?: Options): Promise<Consultation>;
  load(): Promise<unknown>;
}

declare global {
  interface Window { SMPWidget: SMPWidgetGlobal }
  interface HTMLElementTagNameMap { 'smp-consultation': SmpConsultationElement }
  interface HTMLElementEventMap {
    'smp-analysis': CustomEvent<Analysis | null>;
    'smp-change': CustomEvent<EventMap['change']>;
    'smp-estimate': CustomEvent<Estimate>;
    'smp-error': CustomEvent<SmpError>;
    'smp-lead': CustomEvent<Lead>;
  }
}
