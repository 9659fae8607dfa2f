/**
 * A small declarative description of nested columns (the parquet/arrow types
 * of a hub file), from which the TypeScript types (`Infer`), the row validator
 * (`validate.ts`) and the sample writer's parquet schema
 * (`scripts/sample/hubSchema.ts`) are all derived. A plain table instead of
 * zod: it must also say parquet facts (int64 vs float64, the HF image feature,
 * field order), and a compiled hand-rolled check is several times faster than
 * zod on the 4,731 rows with their large nested rounds.
 */

/**
 * Whether a value may be null, and whether it may be absent: a struct's key
 * left out, or (as readers give them) an undefined list item or round. Types
 * show `optional` only on struct keys.
 */
interface Modifiers {
  readonly nullable?: true;
  readonly optional?: true;
}

export type ScalarKind = 'string' | 'int64' | 'float64' | 'bool' | 'binary';

export interface ScalarColumn<K extends ScalarKind = ScalarKind> extends Modifiers {
  readonly kind: K;
}

/** A string column restricted to known labels (stored as a plain string). */
export interface EnumColumn<V extends string = string> extends Modifiers {
  readonly kind: 'enum';
  readonly values: readonly V[];
  /** What a value is called in error messages ("vote label"). */
  readonly noun: string;
}

export type Fields = { readonly [name: string]: Column };

export interface StructColumn<F extends Fields = Fields> extends Modifiers {
  readonly kind: 'struct';
  /** In file order (the order parquet groups and HF features are written in). */
  readonly fields: F;
  /** HF `datasets` feature type when it is not a plain struct (the `Image` feature). */
  readonly feature?: 'Image';
  /** Validated only as an object: for parts whose field types are not confirmed on the hub. */
  readonly unchecked?: true;
}

export interface ListColumn<E extends Column = Column> extends Modifiers {
  readonly kind: 'list';
  readonly element: E;
}

/** A two-item list read as a tuple, e.g. a `[role, content]` message (a list<string> in the file). */
export interface PairColumn<A extends Column = Column, B extends Column = Column> extends Modifiers {
  readonly kind: 'pair';
  readonly items: readonly [A, B];
}

/** A struct keyed by round number ('1', '2', ...), every round of the same shape. */
export interface RoundsColumn<R extends Column = Column> extends Modifiers {
  readonly kind: 'rounds';
  readonly round: R;
}

export type Column = ScalarColumn | EnumColumn | StructColumn | ListColumn | PairColumn | RoundsColumn;

// Builders.
export const string = (): ScalarColumn<'string'> => ({ kind: 'string' });
export const int64 = (): ScalarColumn<'int64'> => ({ kind: 'int64' });
export const float64 = (): ScalarColumn<'float64'> => ({ kind: 'float64' });
export const bool = (): ScalarColumn<'bool'> => ({ kind: 'bool' });
export const binary = (): ScalarColumn<'binary'> => ({ kind: 'binary' });
export const enumOf = <V extends string>(values: readonly V[], noun: string): EnumColumn<V> => ({ kind: 'enum', values, noun });
export const struct = <F extends Fields>(fields: F, extra: { feature?: 'Image'; unchecked?: true } = {}): StructColumn<F> => ({
  kind: 'struct', fields, ...extra,
});
export const list = <E extends Column>(element: E): ListColumn<E> => ({ kind: 'list', element });
export const pair = <A extends Column, B extends Column>(first: A, second: B): PairColumn<A, B> => ({ kind: 'pair', items: [first, second] });
export const rounds = <R extends Column>(round: R): RoundsColumn<R> => ({ kind: 'rounds', round });

export type Nullable<C extends Column> = C & { readonly nullable: true };
export type Nullish<C extends Column> = C & { readonly nullable: true; readonly optional: true };
export const nullable = <C extends Column>(column: C): Nullable<C> => ({ ...column, nullable: true });
export const nullish = <C extends Column>(column: C): Nullish<C> => ({ ...column, nullable: true, optional: true });

/** A struct whose every field may be absent or null: the hub's nested structs are ragged. */
export function ragged<F extends Fields>(fields: F, extra: { feature?: 'Image'; unchecked?: true } = {}): StructColumn<{ [K in keyof F]: Nullish<F[K]> }> {
  const out: Record<string, Column> = {};
  for (const [name, column] of Object.entries(fields)) out[name] = nullish(column);
  return struct(out as { [K in keyof F]: Nullish<F[K]> }, extra);
}

// Types derived from a description.
type Flatten<T> = { [K in keyof T]: T[K] } & {};
type OptionalKeys<F> = { [K in keyof F]: F[K] extends { optional: true } ? K : never }[keyof F];

type StructType<F extends Fields> = Flatten<
  { -readonly [K in Exclude<keyof F, OptionalKeys<F>>]: Infer<F[K]> } &
  { -readonly [K in OptionalKeys<F>]?: Infer<F[K]> }
>;

type ValueOf<C> =
  C extends ScalarColumn<'string'> ? string :
  C extends ScalarColumn<'int64' | 'float64'> ? number :
  C extends ScalarColumn<'bool'> ? boolean :
  C extends ScalarColumn<'binary'> ? Uint8Array :
  C extends EnumColumn<infer V> ? V :
  C extends StructColumn<infer F> ? StructType<F> :
  C extends ListColumn<infer E> ? Infer<E>[] :
  C extends PairColumn<infer A, infer B> ? [Infer<A>, Infer<B>] :
  C extends RoundsColumn<infer R> ? Record<string, Infer<R>> :
  never;

/** The TypeScript type of values of a column. */
export type Infer<C> = ValueOf<C> | (C extends { nullable: true } ? null : never);
