import type { EntityConfiguration } from "electrodb";
import { appealEntity } from "./appeal";
import { auditEntity } from "./audit";
import { closeRunEntity } from "./close-run";
import { countyEntity } from "./county";
import { disputeEntity } from "./dispute";
import { eventEntity } from "./event";
import { idempotencyEntity } from "./idempotency";
import { incidentEntity } from "./incident";
import { joinCodeEntity } from "./join-code";
import { keyPersonEntity } from "./key-person";
import { leagueInputChunkEntity } from "./league-input-chunk";
import { leagueInputsEntity } from "./league-inputs";
import { leagueRankEntity } from "./league-rank";
import { leagueTableEntity } from "./league-table";
import { loginClaimEntity } from "./login-claim";
import { membershipEntity } from "./membership";
import { noticeEntity } from "./notice";
import { notificationEntity } from "./notification";
import { notifyPrefsEntity, smsQuotaEntity } from "./notify-prefs";
import { gridEntity, leaderEntity, villageEntity } from "./organisation";
import { petitionEntity } from "./petition";
import { reviewFlagEntity } from "./review-flag";
import { schemeEntity } from "./scheme";
import { sessionEntity } from "./session";
import { submissionEntity } from "./submission";
import { townshipEntity } from "./township";
import { userEntity } from "./user";
import { visitEntity } from "./visit";

/** Every entity of the single table, bound to one client and table name. */
export function createEntities(config: EntityConfiguration) {
  return {
    county: countyEntity(config),
    joinCode: joinCodeEntity(config),
    township: townshipEntity(config),
    user: userEntity(config),
    session: sessionEntity(config),
    loginClaim: loginClaimEntity(config),
    membership: membershipEntity(config),
    dispute: disputeEntity(config),
    petition: petitionEntity(config),
    incident: incidentEntity(config),
    keyPerson: keyPersonEntity(config),
    visit: visitEntity(config),
    event: eventEntity(config),
    scheme: schemeEntity(config),
    submission: submissionEntity(config),
    leagueTable: leagueTableEntity(config),
    leagueRank: leagueRankEntity(config),
    leagueInputs: leagueInputsEntity(config),
    leagueInputChunk: leagueInputChunkEntity(config),
    closeRun: closeRunEntity(config),
    appeal: appealEntity(config),
    reviewFlag: reviewFlagEntity(config),
    audit: auditEntity(config),
    idempotency: idempotencyEntity(config),
    village: villageEntity(config),
    grid: gridEntity(config),
    leader: leaderEntity(config),
    notice: noticeEntity(config),
    notification: notificationEntity(config),
    notifyPrefs: notifyPrefsEntity(config),
    smsQuota: smsQuotaEntity(config),
  };
}

export type Entities = ReturnType<typeof createEntities>;
export type EntityName = keyof Entities;

export { APPEAL_OUTCOMES, APPEAL_STATUSES } from "./appeal";
export { DEADLINE_MODES } from "./county";
export { ATTEMPT_RESULTS, DISPUTE_LEVELS, DISPUTE_OUTCOMES } from "./dispute";
export { INCIDENT_KINDS, INCIDENT_SEVERITIES } from "./incident";
export { NOTICE_NOT_DUE, NOTICE_RECORD_TYPES, NOTICE_STATUSES, NOTICE_SUBJECTS } from "./notice";
export { NOTIFICATION_KINDS, type NotificationKind } from "./notification";
export { VILLAGE_KINDS } from "./organisation";
export { REVIEW_FLAG_OUTCOMES } from "./review-flag";
export { SUBMISSION_STATUSES } from "./submission";
export { TOWNSHIP_STATUSES } from "./township";
export { ROLES, type Role } from "./user";
