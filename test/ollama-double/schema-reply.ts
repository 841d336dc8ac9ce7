import { type ImageSize } from "./images";

/** What a scripted model knows when it fills a structured-output schema. */
export type SchemaFillContext = {
  model: string;
  /** The reply the model would give in prose; strings like "description" reuse it. */
  summary: string;
  /** Sizes of the images the model actually saw (empty for a text-only model). */
  seen: ImageSize[];
};

type JsonSchema = Record<string, unknown>;

const MAX_DEPTH = 8;

const isSchema = (value: unknown): value is JsonSchema => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * A value that validates against `schema`, the way Ollama's grammar-constrained sampling would
 * produce one: every property present (so `required` always holds), enums and consts honoured,
 * numeric and length bounds respected. Nullable fields get null when the model saw no image, the
 * behaviour the lesson asks for ("null when not visible").
 */
export function fillSchema(schema: unknown, context: SchemaFillContext): unknown {
  const root = isSchema(schema) ? schema : {};
  return fill(root, context, { root, key: "value", depth: 0 });
}

type FillState = { root: JsonSchema; key: string; depth: number };

function fill(schema: JsonSchema, context: SchemaFillContext, state: FillState): unknown {
  const resolved = resolveRef(schema, state.root);
  if (state.depth > MAX_DEPTH) return null;
  if ("const" in resolved) return resolved.const;
  if (Array.isArray(resolved.enum) && resolved.enum.length > 0) return resolved.enum[0];

  const options = (resolved.anyOf ?? resolved.oneOf) as unknown;
  if (Array.isArray(options)) {
    const schemas = options.filter(isSchema).map((option) => resolveRef(option, state.root));
    const nonNull = schemas.filter((option) => option.type !== "null");
    const preferNull = nonNull.length < schemas.length && context.seen.length === 0;
    const pick = preferNull ? undefined : nonNull[0];
    return pick ? fill(pick, context, state) : null;
  }
  if (Array.isArray(resolved.allOf)) {
    const merged = Object.assign({}, ...resolved.allOf.filter(isSchema)) as JsonSchema;
    return fill(merged, context, state);
  }

  const types = Array.isArray(resolved.type) ? (resolved.type as unknown[]) : [resolved.type];
  const nonNullTypes = types.filter((type) => type !== "null" && type !== undefined);
  if (types.includes("null") && (nonNullTypes.length === 0 || context.seen.length === 0)) return null;

  const type = nonNullTypes[0] ?? (isSchema(resolved.properties) ? "object" : resolved.items ? "array" : "string");
  switch (type) {
    case "object":
      return fillObject(resolved, context, state);
    case "array":
      return fillArray(resolved, context, state);
    case "number":
    case "integer":
      return fillNumber(resolved, context, state.key, type === "integer");
    case "boolean":
      return context.seen.length > 0 && /image|visible|see|screenshot/i.test(state.key);
    case "null":
      return null;
    default:
      return fillString(resolved, context, state.key);
  }
}

function resolveRef(schema: JsonSchema, root: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#")) return schema;
  let target: unknown = root;
  for (const part of ref.slice(1).split("/").filter(Boolean)) {
    target = isSchema(target) ? target[decodeURIComponent(part.replace(/~1/g, "/").replace(/~0/g, "~"))] : undefined;
  }
  return isSchema(target) ? { ...target, ...withoutRef(schema) } : {};
}

function withoutRef(schema: JsonSchema): JsonSchema {
  const copy = { ...schema };
  delete copy.$ref;
  return copy;
}

function fillObject(schema: JsonSchema, context: SchemaFillContext, state: FillState): Record<string, unknown> {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const result: Record<string, unknown> = {};
  for (const [key, propertySchema] of Object.entries(properties)) {
    result[key] = fill(isSchema(propertySchema) ? propertySchema : {}, context, {
      root: state.root,
      key,
      depth: state.depth + 1,
    });
  }
  return result;
}

function fillArray(schema: JsonSchema, context: SchemaFillContext, state: FillState): unknown[] {
  const minItems = typeof schema.minItems === "number" ? schema.minItems : 0;
  const maxItems = typeof schema.maxItems === "number" ? schema.maxItems : Number.POSITIVE_INFINITY;
  const count = Math.min(Math.max(minItems, 2), maxItems);
  const items = isSchema(schema.items) ? schema.items : {};
  return Array.from({ length: count }, (_, index) =>
    fill(items, context, { root: state.root, key: `${state.key} ${index + 1}`, depth: state.depth + 1 }),
  );
}

function fillNumber(schema: JsonSchema, context: SchemaFillContext, key: string, isInteger: boolean): number {
  const first = context.seen[0];
  let value =
    /width/i.test(key) && first
      ? first.width
      : /height/i.test(key) && first
        ? first.height
        : /confidence|score|probability/i.test(key)
          ? 0.75
          : /count|number|total/i.test(key)
            ? context.seen.length
            : 3;
  const minimum = typeof schema.minimum === "number" ? schema.minimum : undefined;
  const maximum = typeof schema.maximum === "number" ? schema.maximum : undefined;
  const exclusiveMinimum = typeof schema.exclusiveMinimum === "number" ? schema.exclusiveMinimum : undefined;
  const exclusiveMaximum = typeof schema.exclusiveMaximum === "number" ? schema.exclusiveMaximum : undefined;
  if (minimum !== undefined) value = Math.max(value, minimum);
  if (maximum !== undefined) value = Math.min(value, maximum);
  if (exclusiveMinimum !== undefined && value <= exclusiveMinimum) value = exclusiveMinimum + (isInteger ? 1 : 0.5);
  if (exclusiveMaximum !== undefined && value >= exclusiveMaximum) value = exclusiveMaximum - (isInteger ? 1 : 0.5);
  return isInteger ? Math.round(value) : value;
}

function fillString(schema: JsonSchema, context: SchemaFillContext, key: string): string {
  const first = context.seen[0];
  let text = /description|summary|answer|explanation|text|content|reason/i.test(key)
    ? context.summary
    : /title|name|label/i.test(key)
      ? first
        ? `Screenshot ${first.width}x${first.height}`
        : "Untitled (no image received)"
      : `${key} → from ${context.model}`;
  const minLength = typeof schema.minLength === "number" ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === "number" ? schema.maxLength : Number.POSITIVE_INFINITY;
  while ([...text].length < minLength) text += " …";
  if ([...text].length > maxLength) text = [...text].slice(0, maxLength).join("");
  return text;
}
