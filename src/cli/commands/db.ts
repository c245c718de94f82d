import { loadDataFiles } from "../../catalog/default-data.js";
import { migrate } from "../../db/migrate.js";
import { AppError } from "../../errors.js";
import { parseArgs, type Command } from "../command.js";

export const dbCommand: Command = {
  name: "db",
  usage: ["db migrate                                执行未执行的数据库迁移（启动时也会执行）"],
  needsDatabase: false,
  async run(args, { db }, io) {
    if (args[0] !== "migrate" || args.length > 1) throw new AppError("bad_argument", "用法：db migrate");
    const applied = await migrate(db);
    io.stdout.write(applied.length ? `已执行迁移：${applied.join("、")}\n` : "数据库已是最新\n");
  },
};

export const loadCommand: Command = {
  name: "load",
  usage: ["load [--catalog data/goal-table-2021.json] [--org data/org-chart.json]   （重新）加载默认数据，可重复执行"],
  async run(args, { db, config }, io) {
    const { options, positionals } = parseArgs(args, { options: ["catalog", "org"] });
    if (positionals.length) throw new AppError("bad_argument", `多余的参数“${positionals[0]}”`);
    const result = await loadDataFiles(db, {
      catalogFile: options.get("catalog") ?? config.CATALOG_FILE,
      orgFile: options.get("org") ?? config.ORG_FILE,
      demoUsers: config.demoUsersEnabled,
    });
    const c = result.catalog;
    io.stdout.write(
      c.changed
        ? `已加载 ${c.year} 年：${c.indicators} 个指标（新增 ${c.created}，更新 ${c.updated}，删除 ${c.removed}）；${result.org.sections} 个科室，${result.org.users} 名人员\n`
        : `${c.year} 年：没有变化（${c.indicators} 个指标）；${result.org.sections} 个科室，${result.org.users} 名人员\n`,
    );
  },
};
