import { Badge } from "antd";

export type Light = "green" | "yellow" | "red";

/** The one rendering of a deadline light (超时亮灯): red past it, yellow with a third or less left, green. */
export const LIGHT_STATUS = { red: "error", yellow: "warning", green: "success" } as const;
export const LIGHT_COLOR = { red: "#cf1322", yellow: "#d48806", green: undefined } as const;

export function LightBadge({ light, text }: { light: Light; text: string }) {
  return (
    <span data-light={light}>
      <Badge status={LIGHT_STATUS[light]} text={text} />
    </span>
  );
}
