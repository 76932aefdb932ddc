import { ApiError } from './errors.js';

/** Requests larger than this are refused with 413 (docs/api.md). */
export const maxBodyBytes = 64 * 1024;

export function throwTooLarge(): never {
  throw new ApiError('payload_too_large', `request body exceeds ${maxBodyBytes} bytes`);
}
