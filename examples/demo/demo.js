// The minimal demo: a file input, the core decodes, the page draws the pixels.
import { createConsultation } from '/build/web/smp.js';

const input = document.getElementById('photo');
const status = document.getElementById('status');
const canvas = document.getElementById('canvas');
const consultation = await createConsultation();

input.addEventListener('change', async () => {
  const file = input.files && input.files[0];
  if (!file) return;
  status.classList.remove('error');
  status.textContent = 'Reading the photo...';
  try {
    const { width, height } = await consultation.loadPhoto(file);
    const image = consultation.photoImageData();
    canvas.width = image.width;
    canvas.height = image.height;
    canvas.getContext('2d').putImageData(image, 0, 0);
    status.textContent = `${width} x ${height}`;
  } catch (err) {
    status.classList.add('error');
    status.textContent = err.message;
  }
});
