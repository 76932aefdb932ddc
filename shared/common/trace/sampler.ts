/**
 * Head sampling: a new trace is started with the share in force now, which
 * changes without a redeploy (samplingRatio.ts reads it from the database:
 * 1 % by default, raised for a meeting by the lifecycle worker); the draw is
 * made before any span exists (tracing.ts), so an unsampled request makes
 * no span and enters no context at all. Below a root, the SDK's sampler is
 * parent-based: a span follows its parent's decision, so a trace is whole or
 * absent.
 */
import { AlwaysOnSampler, ParentBasedSampler, type Sampler } from '@opentelemetry/sdk-trace-base';

export class SamplingShare {
  private ratio: number;

  constructor(ratio: number) {
    this.ratio = ratio;
  }

  get current(): number {
    return this.ratio;
  }

  /** New traces are started with this share from now on (0..1). */
  set(ratio: number): void {
    if (ratio >= 0 && ratio <= 1) this.ratio = ratio;
  }

  /** Whether a new trace starts now. */
  draw(): boolean {
    return this.ratio >= 1 || (this.ratio > 0 && Math.random() < this.ratio);
  }
}

/** A root is only asked for once the share's draw said yes; everything below follows its parent. */
export function headSampler(): Sampler {
  return new ParentBasedSampler({ root: new AlwaysOnSampler() });
}
