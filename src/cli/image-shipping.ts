/**
 * Sends images built on this machine to a device that cannot pull them (no registry between the
 * two, as in the quickstart): each image goes as a `docker save` stream through the supervisor API.
 * An image the device already has under the same id is not sent again, so a rerun costs one
 * request per image.
 */
import { Transform, type Readable } from 'node:stream';
import { EdgeError } from '../core/errors.js';
import type { ImageInfoResponse, ImageLoadResponse } from '../protocol/supervisor-api.js';

export interface ImageToShip {
  image: string;
  imageId: string;
}

export interface ShipDeps {
  saveImage(name: string): Promise<Readable>;
  device: {
    image(reference: string): Promise<ImageInfoResponse | undefined>;
    loadImages(tar: Readable): Promise<ImageLoadResponse>;
  };
  onProgress(message: string): void;
}

export interface ShippedImage {
  image: string;
  /** False when the device already had this build. */
  sent: boolean;
  bytes: number;
}

export async function shipImages(images: readonly ImageToShip[], deps: ShipDeps): Promise<ShippedImage[]> {
  const shipped: ShippedImage[] = [];
  for (const { image, imageId } of images) {
    const present = await deps.device.image(image);
    if (present?.id === imageId) {
      shipped.push({ image, sent: false, bytes: 0 });
      continue;
    }
    deps.onProgress(`sending ${image} to the device`);
    let bytes = 0;
    // Counted on the way through: a 'data' listener on the source would start it before the upload reads.
    const source = await deps.saveImage(image);
    const counted = source.pipe(new Transform({ transform(chunk: Buffer, _encoding, done) { bytes += chunk.length; done(null, chunk); } }));
    source.once('error', (error) => counted.destroy(error));
    const { loaded } = await deps.device.loadImages(counted);
    // The device names what it loaded; an image missing from that list did not arrive.
    if (!loaded.includes(image)) {
      throw new EdgeError({ code: 'IMAGE_SEND_FAILED', message: `the device loaded ${loaded.join(', ') || 'nothing'} instead of ${image}`, hint: 'look at the supervisor log on the device' });
    }
    deps.onProgress(`sent ${image} (${(bytes / 1e6).toFixed(1)} MB)`);
    shipped.push({ image, sent: true, bytes });
  }
  return shipped;
}
