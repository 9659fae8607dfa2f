/**
 * The BigCodeReward row exactly as it is stored in the hub's parquet files
 * (`bigcode/bigcodereward`, split `train`), described once in `HUB_ROW`. The
 * types below, the validator (`validate.ts`) and the sample writer's parquet
 * schema (`scripts/sample/hubSchema.ts`) are derived from it.
 *
 * Nested structs are ragged: rounds and fields present in one side may be
 * missing in the other, so every nested field may be absent or null and
 * readers must not assume presence. Fields are listed in file order: top
 * level in the dataset card's order, nested structs alphabetically (as
 * `datasets` infers them).
 */
import * as c from './column-schema.js';
import type { Infer } from './column-schema.js';

export const HUMAN_VOTE_LABELS = ['vote_model_A', 'vote_model_B', 'vote_tie', 'vote_both_bad'] as const;
export type HumanVoteLabel = (typeof HUMAN_VOTE_LABELS)[number];

/** HF `image` feature: a struct of raw bytes and an optional original path. */
const IMAGE = c.ragged({ bytes: c.binary(), path: c.string() }, { feature: 'Image' });

/**
 * One browser event of a visual sandbox. Validated only as an object: the
 * card shows float64 for `x`/`y`; the other types are our reading.
 */
const INTERACTION_RECORD = c.ragged({
  height: c.float64(), key: c.string(), scrollLeft: c.float64(), scrollTop: c.float64(), time: c.float64(),
  type: c.string(), width: c.float64(), x: c.float64(), y: c.float64(),
}, { unchecked: true });

const SANDBOX_STATE = c.ragged({
  auto_selected_sandbox_environment: c.string(),
  btn_list_length: c.int64(),
  chat_session_id: c.string(),
  /** BigCodeArena's `[python packages, npm packages]`. */
  code_dependencies: c.list(c.nullish(c.list(c.string()))),
  code_language: c.string(),
  code_to_execute: c.string(),
  conv_id: c.string(),
  edit_round: c.int64(),
  enable_sandbox: c.bool(),
  enabled_round: c.int64(),
  execution_success: c.bool(),
  sandbox_environment: c.string(),
  sandbox_error: c.string(),
  sandbox_id: c.string(),
  sandbox_instruction: c.string(),
  sandbox_output: c.string(),
  sandbox_run_round: c.int64(),
  screenshot_base64: c.string(),
  screenshot_path: c.string(),
});

const SANDBOX_ROUND = c.ragged({
  enabled_round: c.int64(),
  filename: c.string(),
  sandbox_run_round: c.int64(),
  sandbox_state: SANDBOX_STATE,
  user_interaction_records: c.list(c.nullish(INTERACTION_RECORD)),
});

const MODEL_STATE = c.ragged({
  chat_mode: c.string(),
  chat_session_id: c.string(),
  chat_start_time: c.string(),
  conv_id: c.string(),
  /** `[role, content]` pairs; FastChat leaves a pending assistant turn's content null. */
  messages: c.list(c.pair(c.string(), c.nullable(c.string()))),
  model_name: c.string(),
  offset: c.int64(),
  roles: c.list(c.string()),
  /** Keyed by round number as a string: '1'..'7' (model_A) or '1'..'8' (model_B) on the hub. */
  sandbox_logs_by_round: c.rounds(c.nullish(SANDBOX_ROUND)),
  system_message: c.string(),
  template_name: c.string(),
  total_rounds: c.int64(),
});

/** The one description of a hub row: top-level columns in file order. */
export const HUB_ROW = c.struct({
  chat_session_id: c.string(),
  instruction: c.string(),
  human_vote: c.enumOf(HUMAN_VOTE_LABELS, 'vote label'),
  model_A: c.string(),
  model_B: c.string(),
  category_id: c.int64(),
  category_name: c.string(),
  execution_screenshot_A: c.nullable(IMAGE),
  execution_output_A: c.nullable(c.string()),
  execution_error_A: c.nullable(c.string()),
  execution_screenshot_B: c.nullable(IMAGE),
  execution_output_B: c.nullable(c.string()),
  execution_error_B: c.nullable(c.string()),
  states: c.struct({ model_A: c.nullish(MODEL_STATE), model_B: c.nullish(MODEL_STATE) }),
});

export interface HubImage extends Infer<typeof IMAGE> {}
export interface UserInteractionRecord extends Infer<typeof INTERACTION_RECORD> {}
export interface SandboxState extends Infer<typeof SANDBOX_STATE> {}
export interface SandboxRound extends Infer<typeof SANDBOX_ROUND> {}
export interface ModelState extends Infer<typeof MODEL_STATE> {}
export interface BigCodeRewardRow extends Infer<typeof HUB_ROW> {}

export type RowColumn = keyof typeof HUB_ROW.fields;

/** Top-level columns of the hub files, in file order. */
export const ROW_COLUMNS = Object.keys(HUB_ROW.fields) as readonly RowColumn[];

/** The columns an analysis needs when it does not look at screenshots or conversation states. */
export const METRICS_COLUMNS: readonly RowColumn[] = [
  'chat_session_id', 'human_vote', 'model_A', 'model_B', 'category_id', 'category_name',
];
