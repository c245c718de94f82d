// The ports every bot is given (conversation/ports.ts), from the modules that implement them: the
// user directory (users/), reminder preferences (reminders/), monitoring answers (monitoring/).
// Used by the composition root, the CLI and tests; the conversation core imports none of these.
import type { Database } from "./db/client.js";
import type { Logger } from "./logger.js";
import type { BotPorts } from "./conversation/ports.js";
import type { ContactSource } from "./platforms/contact-source.js";
import { createDirectory } from "./users/directory.js";
import { reminderPreferences } from "./reminders/preferences.js";
import { monitoringChat } from "./monitoring/chat-port.js";
import { budgetChat } from "./budget/chat-port.js";

export function createTurnPorts(o: { db: Database; log: Logger; contactSources?: ContactSource[]; now?: () => Date }): BotPorts {
  return {
    directory: createDirectory({ db: o.db, log: o.log, sources: o.contactSources, now: o.now }),
    reminderPreferences: reminderPreferences(),
    monitoring: monitoringChat,
    budget: budgetChat,
  };
}
