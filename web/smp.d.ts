// smp.d.ts - typings for the SMP consultation embed API (build/web/smp.js and
// the window.SMPWidget global defined by build/web/smp-widget.js).

export type Goal = 'full' | 'density' | 'scar';
export type Style = 'juvenile' | 'mature' | 'broken' | 'soft';
export type Shape = 'straight' | 'rounded' | 'widows_peak';
export type Shade = 'auto' | 'black' | 'dark' | 'medium' | 'light';
export type Point = [x: number, y: number];

/** Colours and sizes, applied as CSS custom properties --smp-<kebab-name> on the host. */
/** Labels from learned person segmentation and face detection (see README). */
export interface Segmentation {
  width: number;
  height: number;
  labels: Uint8Array;
}

export interface Theme {
  primary?: string; onPrimary?: string; accent?: string; text?: string; muted?: string;
  background?: string; surface?: string; border?: string; error?: string; focus?: string;
  radius?: string; font?: string;
}

/** A clinic pricing config (see docs/estimate.md); validated by the core, errors name the field. */
export interface PricingConfig {
  currency: string;
  model: 'per_session' | 'per_stage' | 'per_area' | 'package' | string;
  [field: string]: unknown;
}

/** The one vocabulary shared by mount(), createConsultation() and <smp-consultation> attributes. */
export interface EmbedOptions {
  clinic?: string;
  /** A preset name ('uk', 'us'), a config object, or a URL to a JSON config. */
  pricing?: 'uk' | 'us' | string | PricingConfig;
  /** ISO 4217 code shown when the pricing config does not state one. */
  currency?: string;
  /** 'en', 'es', 'es-MX', ...; default: the page's <html lang>, then the browser's. */
  locale?: string;
  theme?: Theme;
  goals?: Goal[];
  styles?: Style[];
  /** Leads are POSTed here as JSON; without it nothing is sent (the 'lead' event still fires). */
  leadEndpoint?: string | null;
}

/** Design and render options, the same names and values as the smp CLI flags. */
export interface DesignOptions {
  goal?: Goal;
  style?: Style;
  shape?: Shape;
  shade?: Shade;
  /** Dots per cm², 20..400. */
  density?: number;
  seed?: number;
  symmetric?: boolean;
  heightCm?: number;
  female?: boolean;
  /** Client's age in years; older clients get a higher default line. */
  age?: number;
  /** The client's own calibration, photo pixels per cm (0 = from the analysis). */
  pxPerCm?: number;
  /** goal 'scar': the scar's outline in photo pixels. */
  scarOutline?: Point[];
}

export type Options = EmbedOptions & DesignOptions;

export interface Analysis {
  view: 'portrait' | 'front' | 'top' | 'unknown';
  image: { width: number; height: number };
  face: { x: number; y: number; w: number; h: number } | null;
  landmarks: { glabella: Point; eyes: [Point, Point]; chin: Point } | null;
  scale_px_per_cm: number | null;
  hairline: { current: Point[] };
  scalp: {
    bald_fraction: number;
    area_cm2: number | null;
    /** Median brightness of hair-textured scalp pixels over the skin's: 0.5 and up, the scalp shows through. */
    see_through?: number;
    /** How thick the hair lies (90th percentile distance to non-hair over the scalp's own reach): a cap 0.4-0.8, a rim or scattered hairs under 0.1. */
    hair_depth?: number;
    /** see_through, but 1 where no hair is left thicker than a rim: what the Norwood score weighs. */
    shows_through?: number;
    [measure: string]: number | null | undefined;
  };
  norwood: { stage: number; confidence: number; score?: number };
  ludwig?: { grade: number; confidence: number } | null;
  confidence: number;
  /** The face finder's confidence, also when the face was not used (0 when none). */
  face_evidence: number;
  view_confidence: number;
  /** A clear face was found upside down: offer turn(2). */
  upside_down: boolean;
  /**
   * Quarter turns clockwise that would bring the photo upright: 2 with
   * upside_down, 1 or 3 when a bent head's face looking down was found on a
   * side of the photo (turning brings it to the bottom); 0 otherwise.
   */
  turn_to_upright: 0 | 1 | 2 | 3;
  timings_ms: Record<string, number>;
  [field: string]: unknown;
}

export interface Range { min: number; max: number; typical?: number }
export interface Money { currency: string; low: number; typical: number; high: number }

export interface Estimate {
  label?: string;
  sessions: { min: number; typical: number; max: number; [field: string]: unknown };
  hours_per_session: { min: number; max: number };
  spacing_days?: Range;
  total_hours?: Range;
  cost: Money & { model?: string; pricing?: string };
  touch_up: { interval_years: Range; cost: Money };
  ten_year_cost: Money & { touch_ups?: { low: number; typical: number; high: number } };
  candidacy: {
    outcome: 'candidate' | 'patch_test' | 'talk_to_provider' | 'not_a_candidate' | string;
    title: string;
    text: string;
    reasons: { id: string; outcome: string; question: string; text: string }[];
  };
  breakdown: { id: string; text: string; effect: Record<string, number> }[];
  /** What the figures rest on: without a stage or area in the options, a photo gives its analysed stage. */
  extent?: {
    area_cm2: number;
    area_source: 'photo' | 'area' | 'norwood' | 'ludwig' | string;
    norwood: number | null;
    ludwig: number | null;
    /** 'photo': read from the analysed photo, with input.stage_confidence. */
    stage_source: 'given' | 'area' | 'photo' | string;
    /** Read from the photo with confidence under 0.5: ask the client to choose. */
    stage_unsure: boolean;
  };
  input?: { stage_confidence: number | null; [field: string]: unknown };
  assumptions?: string[];
  [field: string]: unknown;
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
  change: { photo?: true; hairline?: true; options?: Options };
  estimate: Estimate;
  error: SmpError;
  lead: Lead;
}
export type EventName = keyof EventMap;
export type Unsubscribe = () => void;

export type PhotoInput = Blob | ArrayBuffer | ArrayBufferView | ImageData;

export interface Consultation {
  loadPhoto(input: PhotoInput, options?: { onProgress?: (stage: 'analysing') => void | Promise<void> }): Promise<{ width: number; height: number }>;
  readonly photo: { width: number; height: number; workingWidth: number; workingHeight: number; format: string; orientation: number; decoder: 'core' | 'browser' } | null;
  /** Turns the photo clockwise by quarter turns (negative: counter-clockwise) and re-analyses. */
  turn(quarterTurns?: number): { width: number; height: number };
  /** null before a photo is loaded. */
  readonly analysis: Analysis | null;
  readonly options: Required<DesignOptions> & EmbedOptions;
  setOptions(partial: Options): Required<DesignOptions> & EmbedOptions;
  /** Control points in original photo pixels, left to right. */
  hairline: Point[];
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
  content(locale?: string): Record<string, unknown> | null;
  readonly memoryBytes: number;
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

/** window.SMPWidget from the classic script: mount() answers at once and queues until the bundle loads. */
export interface SMPWidgetGlobal {
  mount(target: Element | string, options?: Options): WidgetInstance & { readonly ready: Promise<WidgetInstance | null> };
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
