import { ScoringInputError } from "@pingan/domain";
import { AppError } from "../errors";

/**
 * Runs the engine on stored data. Stored data passed the API's checks when written, so the one thing
 * the engine can still refuse is a confirmed manual score above a maximum lowered by a later scheme
 * version: that is for a reviewer to settle, not a server error.
 */
export function scoringStored<T>(score: () => T): T {
  try {
    return score();
  } catch (error) {
    if (error instanceof ScoringInputError) {
      throw new AppError("RECORD.STATE", `${error.messageZh}（请审核人员按现行考核细则重新录入并复核）`);
    }
    throw error;
  }
}
