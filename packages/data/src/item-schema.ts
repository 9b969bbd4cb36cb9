import * as z from "zod";

/**
 * Builds a zod schema from an ElectroDB attribute map, so items read back are checked against the same
 * definition they were written with (one source of truth, no blind casts).
 */
type AttributeDef = {
  type: unknown;
  required?: boolean;
  items?: AttributeDef;
  properties?: Record<string, AttributeDef>;
};

function fromAttribute(def: AttributeDef): z.ZodType {
  let schema: z.ZodType;
  const { type } = def;
  if (Array.isArray(type)) {
    schema = z.enum(type as [string, ...string[]]);
  } else if (type === "string") {
    schema = z.string();
  } else if (type === "number") {
    schema = z.number();
  } else if (type === "boolean") {
    schema = z.boolean();
  } else if (type === "map" && def.properties) {
    schema = fromAttributes(def.properties);
  } else if (type === "list" && def.items) {
    schema = z.array(fromAttribute(def.items));
  } else {
    schema = z.unknown();
  }
  return def.required ? schema : schema.optional();
}

export function fromAttributes(attributes: Record<string, AttributeDef>): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, def] of Object.entries(attributes)) shape[name] = fromAttribute(def);
  return z.object(shape);
}

const cache = new WeakMap<object, z.ZodObject>();

/** Validates one item against its entity's attributes; throws a descriptive error on a malformed item. */
export function checkItem<T>(
  entity: { schema: { attributes: object }; getName?: () => string },
  item: unknown,
): T {
  let schema = cache.get(entity.schema.attributes);
  if (!schema) {
    schema = fromAttributes(entity.schema.attributes as Record<string, AttributeDef>);
    cache.set(entity.schema.attributes, schema);
  }
  const result = schema.safeParse(item);
  if (!result.success) {
    throw new MalformedItemError(
      `stored item does not match its entity: ${result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  // The parse succeeded against the entity's own attribute definitions, which is what T describes.
  return item as T;
}

export class MalformedItemError extends Error {
  override readonly name = "MalformedItemError";
}
