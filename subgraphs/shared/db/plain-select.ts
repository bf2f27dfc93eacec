import type { DataSource, EntityMetadata, ObjectLiteral } from 'typeorm';

/**
 * Loader batches as one plain SQL statement: `SELECT "col" AS "prop", … FROM "schema"."table"
 * WHERE "col" = ANY($1::uuid[]) ORDER BY …`, the column list built once per data source and
 * entity from TypeORM's metadata. It skips TypeORM's query building (a fifth of a subgraph's
 * CPU under load) but still goes through `db.query`, so the SQL logger counts the statement.
 * Rows come back as entity instances with the values TypeORM's own hydration would give.
 */

type ColumnMetadata = EntityMetadata['columns'][number];

/** An entity class: what `db.getMetadata` takes and what the rows are made into. */
export type EntityClass<E extends ObjectLiteral> = new () => E;

type Property<E> = Extract<keyof E, string>;

/** One condition of the WHERE clause (all of them ANDed). */
export type Condition<E> = {
  [P in Property<E>]:
    | { property: P; in: readonly NonNullable<E[P]>[] }
    | { property: P; isNull: true }
    | { property: P; greaterThan: NonNullable<E[P]> };
}[Property<E>];

/** `[property, direction, nulls?]`; without nulls, PostgreSQL's default (as TypeORM leaves it). */
export type OrderBy<E> = readonly (readonly [Property<E>, 'ASC' | 'DESC', ('FIRST' | 'LAST')?])[];

export interface SelectOptions<E> {
  orderBy?: OrderBy<E>;
}

// Column types whose values node-postgres already returns as TypeORM hydrates them: strings
// (numeric and bigint stay strings in both), numbers, booleans, Dates for timestamps, parsed
// json and arrays of these. Any other type (date, time, simple-array, simple-json, enum, a
// type given as a JS constructor, …) or a column with a transformer goes through the
// driver's own prepareHydratedValue, as TypeORM does.
const AS_RETURNED = new Set([
  'uuid',
  'text',
  'varchar',
  'character varying',
  'char',
  'character',
  'citext',
  'int',
  'int2',
  'int4',
  'int8',
  'integer',
  'smallint',
  'bigint',
  'numeric',
  'decimal',
  'real',
  'float4',
  'double precision',
  'float8',
  'boolean',
  'bool',
  'timestamptz',
  'timestamp with time zone',
  'timestamp',
  'timestamp without time zone',
  'json',
  'jsonb',
]);

// The array type a batch of values is cast to, by the column's (normalised) type.
const ARRAY_CAST: Record<string, string> = {
  uuid: 'uuid[]',
  text: 'text[]',
  varchar: 'text[]',
  'character varying': 'text[]',
  char: 'text[]',
  character: 'text[]',
  citext: 'text[]',
  int: 'int4[]',
  int4: 'int4[]',
  integer: 'int4[]',
  smallint: 'int2[]',
  int2: 'int2[]',
  bigint: 'int8[]',
  int8: 'int8[]',
  boolean: 'bool[]',
  bool: 'bool[]',
};

interface PlainColumn {
  metadata: ColumnMetadata;
  /** The quoted column name, for WHERE and ORDER BY. */
  sql: string;
  /** Whether values need the driver's hydration (see AS_RETURNED). */
  convert: boolean;
}

interface PlainEntity {
  metadata: EntityMetadata;
  /** `SELECT "col" AS "prop", … FROM "schema"."table"` */
  select: string;
  /** The selected columns by property name. */
  columns: Map<string, PlainColumn>;
  /** The selected columns whose values need converting. */
  converted: PlainColumn[];
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

const typeName = (db: DataSource, column: ColumnMetadata): string =>
  typeof column.type === 'string' ? column.type : db.driver.normalizeType(column);

function build(db: DataSource, entity: EntityClass<ObjectLiteral>): PlainEntity {
  const metadata = db.getMetadata(entity);
  const selected = metadata.columns.filter((column) => column.isSelect && !column.isVirtual);
  for (const column of selected) {
    if (column.embeddedMetadata || column.relationMetadata) {
      throw new Error(
        `plain-select: ${metadata.name}.${column.propertyName} is embedded or a relation`,
      );
    }
  }
  const columns = new Map<string, PlainColumn>(
    selected.map((column) => [
      column.propertyName,
      {
        metadata: column,
        sql: quote(column.databaseName),
        convert:
          column.transformer !== undefined ||
          typeof column.type !== 'string' ||
          !AS_RETURNED.has(column.type),
      },
    ]),
  );
  const list = selected
    .map((column) => `${quote(column.databaseName)} AS ${quote(column.propertyName)}`)
    .join(', ');
  const table = metadata.schema
    ? `${quote(metadata.schema)}.${quote(metadata.tableName)}`
    : quote(metadata.tableName);
  return {
    metadata,
    select: `SELECT ${list} FROM ${table}`,
    columns,
    converted: [...columns.values()].filter((column) => column.convert),
  };
}

const cache = new WeakMap<DataSource, Map<EntityClass<ObjectLiteral>, PlainEntity>>();

function plainEntity(db: DataSource, entity: EntityClass<ObjectLiteral>): PlainEntity {
  let entities = cache.get(db);
  if (!entities) {
    entities = new Map();
    cache.set(db, entities);
  }
  let plain = entities.get(entity);
  if (!plain) {
    plain = build(db, entity);
    entities.set(entity, plain);
  }
  return plain;
}

function columnOf(plain: PlainEntity, property: string): PlainColumn {
  const column = plain.columns.get(property);
  if (!column) throw new Error(`plain-select: ${plain.metadata.name} selects no ${property}`);
  return column;
}

function arrayCast(db: DataSource, plain: PlainEntity, column: PlainColumn): string {
  const cast = column.metadata.isArray ? undefined : ARRAY_CAST[typeName(db, column.metadata)];
  if (!cast) {
    throw new Error(
      `plain-select: no array cast for ${plain.metadata.name}.${column.metadata.propertyName}`,
    );
  }
  return cast;
}

/**
 * Rows of `entity` matching every condition, as one statement through `db.query`. A condition
 * `in` an empty list matches nothing, so then no statement runs at all.
 */
export async function selectWhere<E extends ObjectLiteral>(
  db: DataSource,
  entity: EntityClass<E>,
  conditions: readonly Condition<E>[],
  options: SelectOptions<E> = {},
): Promise<E[]> {
  const plain = plainEntity(db, entity);
  const parameters: unknown[] = [];
  const where: string[] = [];
  for (const condition of conditions) {
    const column = columnOf(plain, condition.property);
    if ('in' in condition) {
      if (condition.in.length === 0) return [];
      parameters.push(condition.in);
      where.push(`${column.sql} = ANY($${parameters.length}::${arrayCast(db, plain, column)})`);
    } else if ('isNull' in condition) {
      where.push(`${column.sql} IS NULL`);
    } else {
      parameters.push(condition.greaterThan);
      where.push(`${column.sql} > $${parameters.length}`);
    }
  }
  const order = (options.orderBy ?? []).map(
    ([property, direction, nulls]) =>
      `${columnOf(plain, property).sql} ${direction}${nulls ? ` NULLS ${nulls}` : ''}`,
  );
  const text =
    plain.select +
    (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
    (order.length ? ` ORDER BY ${order.join(', ')}` : '');
  const rows = await db.query<Record<string, unknown>[]>(text, parameters);
  return rows.map((row) => toEntity<E>(db, plain, row));
}

/** `selectWhere` with the one condition `property` in `values`. */
export function selectWhereIn<E extends ObjectLiteral, P extends Property<E>>(
  db: DataSource,
  entity: EntityClass<E>,
  property: P,
  values: readonly NonNullable<E[P]>[],
  options: SelectOptions<E> = {},
): Promise<E[]> {
  // The mapped union cannot see that P picks its own member; the shape is the same.
  const condition = { property, in: values } as Condition<E>;
  return selectWhere(db, entity, [condition], options);
}

function toEntity<E extends ObjectLiteral>(
  db: DataSource,
  plain: PlainEntity,
  row: Record<string, unknown>,
): E {
  for (const column of plain.converted) {
    const property = column.metadata.propertyName;
    row[property] = db.driver.prepareHydratedValue(row[property], column.metadata);
  }
  // As TypeORM hydrates: the prototype without running the constructor.
  const instance = plain.metadata.create(undefined, { fromDeserializer: true }) as E;
  return Object.assign(instance, row);
}
