import { createElement as h, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { axisTicks, chartRows, niceCeiling, numberIn, tableFromNodes, textOf } from "@/lib/charts/table-data";
import { compileMdx } from "@/lib/content/server/mdx";

const MDX = `
<Chart series={["3B", "7B"]}>

| Benchmark | What | 3B | 7B |
|---|---|---|---|
| DocVQA | **document** pages | 93.9 | 95.7 |
| ScreenSpot | UI \`elements\` | 55.5 | 84.7 |

</Chart>
`;

describe("tableFromNodes", () => {
  it("reads the table MDX makes of Markdown, markup inside cells included", async () => {
    const Content = await compileMdx(MDX, "chart.mdx");
    let seen: ReturnType<typeof tableFromNodes> = null;
    const Chart = ({ children }: { children?: ReactNode }) => {
      seen = tableFromNodes(children);
      return null;
    };
    renderToStaticMarkup(h(Content, { components: { Chart } }));
    expect(seen).toEqual({
      header: ["Benchmark", "What", "3B", "7B"],
      rows: [
        ["DocVQA", "document pages", "93.9", "95.7"],
        ["ScreenSpot", "UI elements", "55.5", "84.7"],
      ],
    });
  });

  it("finds no table where there is none", () => {
    expect(tableFromNodes(h("p", null, "no table"))).toBeNull();
    expect(textOf([h("strong", { key: 1 }, "USD "), 2.88, null, false])).toBe("USD 2.88");
  });
});

describe("chartRows", () => {
  const table = {
    header: ["Model", "Per screenshot", "Per 1,000"],
    rows: [
      ["Claude Haiku 4.5", "USD 0.00288", "USD 2.88"],
      ["Local, 100 a day", "USD 0.01013", "USD 10.13"],
    ],
  };

  it("picks the label column and the series as numbers, keeping the text the table shows", () => {
    expect(chartRows(table, { series: ["Per 1,000"] })).toEqual([
      { label: "Claude Haiku 4.5", values: [{ series: "Per 1,000", value: 2.88, text: "USD 2.88" }] },
      { label: "Local, 100 a day", values: [{ series: "Per 1,000", value: 10.13, text: "USD 10.13" }] },
    ]);
  });

  it("names a missing column or a cell without a number", () => {
    expect(() => chartRows(table, { series: ["Per day"] })).toThrow(
      /no column "Per day" \(its columns: Model, Per screenshot, Per 1,000\)/,
    );
    expect(() => chartRows({ ...table, rows: [["X", "—", "n/a"]] }, { series: ["Per 1,000"] })).toThrow(
      /"n\/a" in column "Per 1,000", row "X", is not a number/,
    );
  });
});

describe("numbers and axes", () => {
  it("reads the first number in a cell", () => {
    expect(numberIn("USD 2.88")).toBe(2.88);
    expect(numberIn("about 41,600")).toBe(41600);
    expect(numberIn("1,229 tokens")).toBe(1229);
    expect(numberIn("none")).toBeNull();
  });

  it("rounds the axis up to a nice number and ticks it evenly", () => {
    expect(niceCeiling(84.7)).toBe(100);
    expect(niceCeiling(10.13)).toBe(12);
    expect(niceCeiling(6.14)).toBe(8);
    expect(niceCeiling(2.2)).toBe(2.5);
    expect(niceCeiling(100)).toBe(100);
    expect(niceCeiling(0)).toBe(1);
    expect(axisTicks(100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(axisTicks(12)).toEqual([0, 2, 4, 6, 8, 10, 12]);
    expect(axisTicks(8)).toEqual([0, 2, 4, 6, 8]);
    expect(axisTicks(2.5)).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    expect(axisTicks(1.2)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1, 1.2]);
    expect(axisTicks(3)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3]);
  });

  it("gives every nice ceiling round ticks", () => {
    for (const max of [0.07, 0.9, 1.1, 1.4, 1.9, 2.4, 2.9, 3.5, 4.5, 5.5, 7, 9.9, 13, 27, 45, 84.7, 640, 41_600]) {
      const ticks = axisTicks(niceCeiling(max));
      expect(ticks.at(-1), String(max)).toBeGreaterThanOrEqual(max);
      expect(ticks.length, String(max)).toBeGreaterThanOrEqual(5);
      const step = ticks[1]!;
      expect([1, 2, 2.5, 5], String(max)).toContain(Number((step / 10 ** Math.floor(Math.log10(step))).toPrecision(12)));
    }
  });
});
