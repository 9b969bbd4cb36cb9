import { createIncidentInput, listIncidentsInput, updateIncidentInput } from "@pingan/contracts";
import { listIncidents } from "@pingan/data";
import { recordProcedures } from "../records/record-router";
import { router } from "../trpc";

/** Criminal and public-order cases (案件). */
export const incidentsRouter = router(
  recordProcedures("incident", {
    filed: { hardCase: () => false },
    create: createIncidentInput,
    update: updateIncidentInput,
    list: listIncidentsInput,
    listItems: listIncidents,
  }),
);
