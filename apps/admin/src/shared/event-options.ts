import { EVENT_LABELS } from "@pingan/domain";

/** Every event kind the engine knows, labelled by its Chinese name and code, for pickers. */
export const EVENT_OPTIONS = Object.entries(EVENT_LABELS).map(([value, label]) => ({
  value,
  label: `${label}（${value}）`,
}));
