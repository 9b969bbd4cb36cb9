import { Entity, type EntityConfiguration } from "electrodb";
import { SERVICE, trackedAttributes } from "./common";
import { a, key } from "./key-template";

export const TOWNSHIP_STATUSES = ["pending", "active", "rejected", "archived"] as const;

export const townshipEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "township", version: "1", service: SERVICE },
      attributes: {
        id: { type: "string", required: true },
        countyId: { type: "string", required: true },
        name: { type: "string", required: true },
        code: { type: "string", required: true },
        population: { type: "number", required: true },
        villages: { type: "number", required: true },
        grids: { type: "number", required: true },
        status: { type: TOWNSHIP_STATUSES, required: true },
        rejectReason: { type: "string" },
        /**
         * scoring.md §11: the first month (YYYY-MM) the township belongs to the county's assessment, set by
         * the county when it approves the registration; absent: always (townships of before this field).
         */
        memberFrom: { type: "string" },
        /**
         * scoring.md §11: reviewed population changes, each from a month on (`from` unique). Written only
         * when the county approves a request; `population` is the value before the first change.
         */
        populationHistory: {
          type: "list",
          items: {
            type: "map",
            properties: {
              from: { type: "string", required: true },
              population: { type: "number", required: true },
            },
          },
        },
        /** Population change requests (proposed by the township, decided by the county), newest last; capped. */
        populationRequests: {
          type: "list",
          items: {
            type: "map",
            properties: {
              id: { type: "string", required: true },
              from: { type: "string", required: true },
              population: { type: "number", required: true },
              reason: { type: "string", required: true },
              status: { type: ["pending", "approved", "rejected"] as const, required: true },
              proposedBy: { type: "string", required: true },
              proposedAt: { type: "string", required: true },
              decidedBy: { type: "string" },
              decidedAt: { type: "string" },
              decisionReason: { type: "string" },
            },
          },
        },
        ...trackedAttributes,
      },
      indexes: {
        byId: {
          pk: { field: "pk", composite: ["id"], template: key("T#", a("id")), casing: "none" },
          sk: { field: "sk", composite: ["id"], template: key("TOWNSHIP#", a("id")), casing: "none" },
        },
        /** A county's townships, ordered by division code. */
        byCounty: {
          index: "gsi1",
          pk: {
            field: "gsi1pk",
            composite: ["countyId"],
            template: key("C#", a("countyId"), "#TOWNSHIPS"),
            casing: "none",
          },
          sk: {
            field: "gsi1sk",
            composite: ["code", "id"],
            template: key(a("code"), "#", a("id")),
            casing: "none",
          },
        },
        /** Registration refuses a division code that is already taken. */
        byCode: {
          index: "gsi2",
          pk: { field: "gsi2pk", composite: ["code"], template: key("TCODE#", a("code")), casing: "none" },
          sk: { field: "gsi2sk", composite: ["id"], template: key("T#", a("id")), casing: "none" },
        },
      },
    },
    config,
  );
