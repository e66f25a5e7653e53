/**
 * Live progress of builds and pushes: one line per build step, per base-layer or pushed-layer
 * state change, and per finished image. Human lines on stderr (dim on a terminal); under --json
 * one NDJSON event per line on stderr: {"event":"build.step","module","platform","text"}.
 */
import type { PlannedImage } from '../../core/images/image-plan.js';
import type { BuildProgress } from '../../adapters/image-build.js';
import type { CliContext } from '../context.js';

export type ImagePhase = 'build' | 'push' | 'sign';

export function progressReporter(context: CliContext) {
  const out = context.output;
  const label = (image: PlannedImage) => `${image.module} ${image.platformKey}`;
  const base = (image: PlannedImage) => ({ module: image.module, platform: image.platformKey, image: image.image });
  return {
    start(phase: ImagePhase, image: PlannedImage): void {
      out.event({ event: `${phase}.start`, ...base(image) }, out.style.bold(`${phase === 'build' ? 'Building' : phase === 'push' ? 'Pushing' : 'Signing'} ${image.image}`));
    },
    done(phase: ImagePhase, image: PlannedImage, id: string): void {
      out.event({ event: `${phase}.done`, ...base(image), id }, `${out.style.green('✔')} ${label(image)} ${phase === 'build' ? 'built' : phase === 'push' ? 'pushed' : 'signed'} ${out.style.dim(id)}`);
    },
    /** The image under the tag already has this build's key: nothing was sent to the engine. */
    upToDate(image: PlannedImage, id: string): void {
      out.event({ event: 'build.up-to-date', ...base(image), id }, `${out.style.green('✔')} ${label(image)} up to date ${out.style.dim(id)}`);
    },
    buildProgress(image: PlannedImage): (event: BuildProgress) => void {
      return (event) => {
        if (event.kind === 'step') out.event({ event: 'build.step', ...base(image), text: event.text }, `${label(image)} │ ${event.text}`);
        else if (event.kind === 'pull') out.event({ event: 'build.pull', ...base(image), layer: event.layer, status: event.status }, out.style.dim(`${label(image)} │ ${event.layer}: ${event.status}`));
        else out.event({ event: 'build.log', ...base(image), text: event.text }, out.style.dim(`${label(image)} │   ${event.text}`));
      };
    },
    pushProgress(image: PlannedImage): (event: { layer: string; status: string }) => void {
      return (event) => out.event({ event: 'push.layer', ...base(image), layer: event.layer, status: event.status }, out.style.dim(`${label(image)} │ ${event.layer}: ${event.status}`));
    },
  };
}
