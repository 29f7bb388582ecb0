import * as React from "react";
import { localDate, type IsoDate } from "../../rubric";

/** The pane's clock: read through this context so component tests pin the day the timeline is shown for. */
export const ClockContext = React.createContext<() => Date>(() => new Date());

/** Today's local calendar date by the pane's clock. */
export const useToday = (): IsoDate => localDate(React.useContext(ClockContext)());
