import { loadDataFiles } from "../../catalog/default-data.js";
import { migrate } from "../../db/migrate.js";
import { AppError } from "../../errors.js";
import { parseArgs, type Command } from "../command.js";

export const dbCommand: Command = {
  name: "db",
  usage: ["db migrate                                apply pending migrations (also done on start)"],
  needsDatabase: false,
  async run(args, { db }, io) {
    if (args[0] !== "migrate" || args.length > 1) throw new AppError("bad_argument", "usage: db migrate");
    const applied = await migrate(db);
    io.stdout.write(applied.length ? `applied ${applied.join(", ")}\n` : "database is up to date\n");
  },
};

export const loadCommand: Command = {
  name: "load",
  usage: ["load [--catalog data/goal-table-2021.json] [--org data/org-chart.json]   (re)load default data, idempotent"],
  async run(args, { db, config }, io) {
    const { options, positionals } = parseArgs(args, { options: ["catalog", "org"] });
    if (positionals.length) throw new AppError("bad_argument", `unexpected argument "${positionals[0]}"`);
    const result = await loadDataFiles(db, {
      catalogFile: options.get("catalog") ?? config.CATALOG_FILE,
      orgFile: options.get("org") ?? config.ORG_FILE,
      demoUsers: config.demoUsersEnabled,
    });
    const c = result.catalog;
    io.stdout.write(
      c.changed
        ? `loaded ${c.year}: ${c.indicators} indicators (${c.created} new, ${c.updated} updated, ${c.removed} removed); ${result.org.sections} sections, ${result.org.users} users\n`
        : `${c.year}: unchanged (${c.indicators} indicators); ${result.org.sections} sections, ${result.org.users} users\n`,
    );
  },
};
