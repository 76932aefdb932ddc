/**
 * The head sampler: parent-based (a span follows its parent's decision, so a
 * trace is whole or absent), and for a new trace the ratio in force now,
 * which changes without a redeploy (samplingRatio.ts reads it from the
 * database: 1 % by default, raised for a meeting by the lifecycle worker).
 */
import type { Context } from '@opentelemetry/api';
import {
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type Sampler,
  type SamplingResult,
} from '@opentelemetry/sdk-trace-base';

export class AdjustableRatioSampler implements Sampler {
  private ratio: number;
  private root: TraceIdRatioBasedSampler;

  constructor(ratio: number) {
    this.ratio = ratio;
    this.root = new TraceIdRatioBasedSampler(ratio);
  }

  get current(): number {
    return this.ratio;
  }

  /** A new trace is sampled with this ratio from now on (0..1). */
  set(ratio: number): void {
    if (ratio === this.ratio || !(ratio >= 0 && ratio <= 1)) return;
    this.ratio = ratio;
    this.root = new TraceIdRatioBasedSampler(ratio);
  }

  shouldSample(context: Context, traceId: string): SamplingResult {
    return this.root.shouldSample(context, traceId);
  }

  toString(): string {
    return `AdjustableRatioSampler{${this.ratio}}`;
  }
}

export function headSampler(root: AdjustableRatioSampler): Sampler {
  return new ParentBasedSampler({ root });
}
