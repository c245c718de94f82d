// Every CLI command. Add one import and one entry per new command file.
import type { Command } from "../command.js";
import { askCommand } from "./ask.js";
import { budgetCommand } from "./budget.js";
import { calendarCommand } from "./calendar.js";
import { chatCommand } from "./chat.js";
import { dbCommand, loadCommand } from "./db.js";
import { demoCommand } from "./demo.js";
import { indicatorsCommand } from "./indicators.js";
import { outboxCommand } from "./outbox.js";
import { parseCommand } from "./parse.js";
import { remindersCommand } from "./reminders.js";
import { sectionsCommand } from "./sections.js";
import { exportCommand, importCommand } from "./spreadsheet.js";
import { usersCommand } from "./users.js";

export const commands: Command[] = [indicatorsCommand, sectionsCommand, usersCommand, exportCommand, importCommand, loadCommand, dbCommand, parseCommand, askCommand, chatCommand, remindersCommand, calendarCommand, outboxCommand, demoCommand, budgetCommand];
