import { Entity, type EntityConfiguration } from "electrodb";
import { SERVICE, trackedAttributes } from "./common";
import { a, key } from "./key-template";

/**
 * One piece of a published table's inputs (gzipped canonical JSON, split so each piece fits in an item),
 * content-addressed: its key is the sha256 of its bytes, under the county's partition. Pieces are put
 * before the publishing transaction; the table item lists their digests in order. A piece no table
 * lists (a publish that failed after writing it) is harmless and is reused by a retry.
 */
export const leagueInputChunkEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: "leagueInputChunk", version: "1", service: SERVICE },
      attributes: {
        countyId: { type: "string", required: true },
        /** sha256 (hex) of the chunk's bytes. */
        digest: { type: "string", required: true },
        /** The chunk's bytes, base64. */
        bytes: { type: "string", required: true },
        ...trackedAttributes,
      },
      indexes: {
        byDigest: {
          pk: { field: "pk", composite: ["countyId"], template: key("C#", a("countyId")), casing: "none" },
          sk: { field: "sk", composite: ["digest"], template: key("LTCH#", a("digest")), casing: "none" },
        },
      },
    },
    config,
  );
