/**
 * The elections function's `route` (shared/common/http/route.ts) and its
 * access rules: a ballot carries a voting token as Bearer (its form checked
 * here, its validity by the cast's statement), the S2S surface is signed
 * (checked by requireSignature.ts before any route runs, for the org in the
 * path), and the rest is public. A malformed id is an unknown election, a
 * malformed receipt an unknown receipt.
 */
import { ApiError, header } from '../../shared/common/http/index.js';
import { routesFor } from '../../shared/common/http/route.js';
import { bearerToken } from '../../shared/common/auth/index.js';
import { base64Url32Pattern } from '../../schemas/common.js';
import type { ElectionsDeps } from './deps.js';

export const route = routesFor<
  ElectionsDeps,
  { ballot: { token: string }; ballots: Record<string, never>; public: Record<string, never>; s2s: { orgId: string } }
>({
  checks: {
    ballot: (c) => {
      const token = bearerToken(header(c, 'authorization'));
      if (!token || !base64Url32Pattern.test(token)) throw new ApiError('invalid_token', 'a voting token is required');
      return { token };
    },
    // The batch checks each token of its body itself (routes/castBatch.ts).
    ballots: () => ({}),
    public: () => ({}),
    s2s: (c) => ({ orgId: c.get('orgId')! }),
  },
  malformed: {
    id: { code: 'unknown_election', message: 'unknown election' },
    receipt: { code: 'unknown_receipt', message: 'no ballot has this receipt' },
  },
});
