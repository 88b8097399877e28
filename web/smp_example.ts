// smp_example.ts - a typed use of the embed API, checked by `tsc -p web/tsconfig.json`
// (strict, no emit) so the typings stay honest. Not shipped to host pages.
import { createConsultation, mount, type Estimate, type Lead, type Point, type SmpError } from './smp.js';

export async function selfPreview(file: File, canvas: HTMLCanvasElement): Promise<Estimate> {
  const consultation = await createConsultation({ pricing: 'uk', locale: 'en-GB', density: 190 });
  consultation.on('error', (err: SmpError) => console.warn(err.code, err.message));
  await consultation.loadPhoto(file);
  // A face upside down (2) or a bent head on its side (1 or 3): turn it upright.
  const turns = consultation.analysis?.turnToUpright ?? 0;
  if (turns) consultation.turn(turns);
  const analysis = consultation.analysis;
  // The suggested line rests on the face: without one (or with a doubtful
  // one) it is a guess, as the widget tells the client.
  if (analysis && (!analysis.face || analysis.faceEvidence < 0.6)) console.info('Please check the hairline.');
  if (analysis && analysis.scalp.seeThrough >= 0.5) console.info('The scalp shows through the hair.');
  const points: Point[] = consultation.hairline.map(([x, y]) => [x, y - 10]);
  consultation.hairline = points;
  consultation.setOptions({ style: 'soft', shade: 'dark' });
  consultation.render(canvas);
  const seg = consultation.segmentation();
  const hairPixels = seg.labels.reduce((n, label) => n + (label === 2 ? 1 : 0), 0);
  console.log(`hair on ${hairPixels} of ${seg.width * seg.height} pixels`);
  // The treated area: the design's region, at the same working size as the labels.
  const region = consultation.region;
  const treated = region ? region.coverage.reduce((n, v) => n + (v > 0 ? 1 : 0), 0) : 0;
  console.log(`dots over ${treated} pixels`);
  const png: Blob = await consultation.exportImage({ compare: true });
  console.info(png.size);
  const estimate = await consultation.estimate({ answers: ['pigment_allergy'], factors: ['dry_skin'] });
  const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: estimate.cost.currency });
  console.info(`${estimate.sessions.typical} sessions of ${estimate.hoursPerSession.min}-${estimate.hoursPerSession.max} h, ` +
    `${money.format(estimate.cost.low)}-${money.format(estimate.cost.high)}, touch-ups every ${estimate.touchUp.intervalYears.typical} years`);
  // The photo's stage is an estimate too: ask the client when it is unsure.
  if (estimate.extent.stageSource === 'photo' && estimate.extent.stageUnsure)
    console.info(`Stage read with ${Math.round(100 * (estimate.input.stageConfidence ?? 0))}% confidence: ask the client to choose`);
  consultation.close();
  return estimate;
}

export function clinicEmbed(): void {
  const widget = mount('#smp', {
    clinic: 'Example Clinic', pricing: { currency: 'EUR', model: 'per_session', sessionPrice: { low: 300, high: 500 },
      touchUp: 250 },
    currency: 'EUR', theme: { primary: '#0b5cad' }, goals: ['full', 'density'], leadEndpoint: '/api/leads',
  });
  widget.on('estimate', (e) => console.info(e.cost.typical));
  widget.on('lead', (lead: Lead) => console.info(lead.consent.photo ? 'with photo' : 'no photo'));
  widget.setOptions({ locale: 'es' });

  const global = window.SMPWidget.mount(document.body, { locale: 'en' });
  void global.ready.then(() => global.destroy());

  const el = document.querySelector('smp-consultation');
  el?.addEventListener('smp-lead', (ev) => console.info(ev.detail.name));
}
