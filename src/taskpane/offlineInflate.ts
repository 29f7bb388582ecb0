/*
 * Part of the offline page's first script only (scripts/build-offline.cjs puts it before the pane's entry): that
 * page carries its lazy chunks gzipped, and its chunk loader inflates them with this, synchronously, in any
 * browser that runs the pane.
 */
import { gunzipSync } from "fflate";

(self as unknown as { __scorecardGunzip: typeof gunzipSync }).__scorecardGunzip = gunzipSync;
