import { IMPORT_SHEET_NAMES, type ImportRow, type ImportRowResult } from "@pingan/contracts";
import type { Db } from "@pingan/data";
import { eventVocabulary, eventYear } from "../records/event-kinds";
import { categoriesOfCounty } from "../records/key-persons";

/** What the check reads of a planned row (plan.ts): the row, its result so far, its township and changes. */
type Checked = {
  row: ImportRow;
  result: ImportRowResult;
  township?: { countyId: string };
  changed?: string[];
};

/**
 * The county's own vocabularies (issues 12 and 14), checked on the server as the forms check them: a key
 * person's 人员类别 must be one of the county's categories, an event's 事件类型 an item of the county's
 * current scheme of the event's year. Only rows that would write the value are checked (a stored record
 * whose kind the scheme has since dropped still exports and imports back unchanged). Rows found wrong
 * become errors.
 */
export async function checkVocabularies(db: Db, plans: Checked[]): Promise<void> {
  const writes = (p: Checked, field: string) =>
    p.township !== undefined &&
    (p.result.status === "new" || (p.result.status === "changed" && p.changed?.includes(field) === true));
  const categories = new Map<string, ReturnType<typeof categoriesOfCounty>>();
  const items = new Map<string, ReturnType<typeof eventVocabulary>>();
  const checks = plans.map(async (p) => {
    const countyId = p.township?.countyId as string;
    const { row } = p;
    let problem: string | undefined;
    if (row.type === "keyPerson" && writes(p, "category")) {
      if (!categories.has(countyId)) categories.set(countyId, categoriesOfCounty({ db }, countyId));
      const list = await (categories.get(countyId) as ReturnType<typeof categoriesOfCounty>);
      if (!list.some((c) => c.code === row.category))
        problem = `「人员类别」：「${row.category}」不是本县的重点人员类别（可选：${list.map((c) => c.name).join("、")}）`;
    } else if (row.type === "event" && (writes(p, "kind") || writes(p, "occurredAt"))) {
      const year = eventYear(row.occurredAt);
      const key = `${countyId}/${year}`;
      if (!items.has(key)) items.set(key, eventVocabulary(db, countyId, year));
      const vocabulary = await (items.get(key) as ReturnType<typeof eventVocabulary>);
      if (!vocabulary.items.some((i) => i.code === row.kind)) {
        const where = vocabulary.version === null ? "示范考核细则" : `本县 ${year} 年度考核细则`;
        problem = `「事件类型」：「${row.kind}」不是${where}中的纪实事项（可选：${vocabulary.items.map((i) => i.name).join("、")}）`;
      }
    }
    if (problem) {
      p.result.status = "error";
      p.result.messages = [`${IMPORT_SHEET_NAMES[row.type]} 第${row.row}行${problem}`];
      delete p.result.changedFields;
    }
  });
  await Promise.all(checks);
}
