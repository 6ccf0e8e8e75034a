// Photos are compressed on the phone before they are queued: the long side is scaled down to the
// setting (2048 px by default) and the picture re-encoded as JPEG. Orientation follows EXIF.
import { settings } from './settings';

async function decode(file: Blob): Promise<ImageBitmap | HTMLImageElement> {
  if (typeof createImageBitmap === 'function') {
    try {
      return await createImageBitmap(file, { imageOrientation: 'from-image' });
    } catch {
      /* fall back to <img> (older WebViews) */
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** One photo → a JPEG Blob whose long side is at most settings.photoLongSide. */
export async function compress(file: Blob): Promise<Blob> {
  const src = await decode(file);
  const w = 'naturalWidth' in src ? src.naturalWidth : src.width;
  const h = 'naturalHeight' in src ? src.naturalHeight : src.height;
  if (!w || !h) throw new Error('无法读取照片');
  const scale = Math.min(1, settings.photoLongSide / Math.max(w, h));
  const cw = Math.max(1, Math.round(w * scale));
  const ch = Math.max(1, Math.round(h * scale));
  const canvas = document.createElement('canvas');
  canvas.width = cw;
  canvas.height = ch;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('无法处理照片');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, cw, ch);
  ctx.drawImage(src, 0, 0, cw, ch);
  if ('close' in src) src.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', settings.jpegQuality));
  if (!blob) throw new Error('照片压缩失败');
  return blob;
}

/** Compress several photos one after the other, reporting progress (0…1). */
export async function compressAll(files: Blob[], onProgress: (done: number, total: number) => void): Promise<Blob[]> {
  const out: Blob[] = [];
  onProgress(0, files.length);
  for (const f of files) {
    out.push(await compress(f));
    onProgress(out.length, files.length);
  }
  return out;
}
