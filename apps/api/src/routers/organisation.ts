import {
  archiveOrgUnitInput,
  createGridInput,
  createVillageInput,
  orgBreakdownInput,
  setLeaderInput,
  updateGridInput,
  updateVillageInput,
} from "@pingan/contracts";
import { monthBreakdown } from "../organisation/breakdown";
import { myGrids } from "../organisation/my-grids";
import {
  archiveGrid,
  archiveVillage,
  createGrid,
  createVillage,
  organisationView,
  setLeader,
  updateGrid,
  updateVillage,
} from "../organisation/structure";
import {
  requireRoles,
  router,
  townshipAdminProcedure,
  townshipProcedure,
  townshipReadProcedure,
} from "../trpc";

/** The township admin, or a county user (read-only) on one of the county's townships. */
const adminOrCountyRead = townshipReadProcedure.use(
  requireRoles("township_admin", "county_admin", "county_reviewer"),
);

/** The township's villages, grids and leaders, and who is assigned to each (issue 14). */
export const organisationRouter = router({
  /** The structure with names; every township user may read it (to file records), and the county. */
  get: townshipReadProcedure.query(({ ctx }) => organisationView(ctx)),

  /** The signed-in 网格员's own grids with their open disputes (lights), key persons to visit, petitions. */
  myGrids: townshipProcedure.query(({ ctx }) => myGrids(ctx)),

  createVillage: townshipAdminProcedure
    .input(createVillageInput)
    .mutation(({ ctx, input }) => createVillage(ctx, input)),
  updateVillage: townshipAdminProcedure
    .input(updateVillageInput)
    .mutation(({ ctx, input }) => updateVillage(ctx, input)),
  archiveVillage: townshipAdminProcedure
    .input(archiveOrgUnitInput)
    .mutation(({ ctx, input }) => archiveVillage(ctx, input)),
  createGrid: townshipAdminProcedure
    .input(createGridInput)
    .mutation(({ ctx, input }) => createGrid(ctx, input)),
  updateGrid: townshipAdminProcedure
    .input(updateGridInput)
    .mutation(({ ctx, input }) => updateGrid(ctx, input)),
  archiveGrid: townshipAdminProcedure
    .input(archiveOrgUnitInput)
    .mutation(({ ctx, input }) => archiveGrid(ctx, input)),
  setLeader: townshipAdminProcedure.input(setLeaderInput).mutation(({ ctx, input }) => setLeader(ctx, input)),

  /** A township-month broken down by village, grid, 责任人 and 包案领导. */
  breakdown: adminOrCountyRead
    .input(orgBreakdownInput)
    .query(({ ctx, input }) => monthBreakdown(ctx, input.month)),
});
