// "怎么用", "你能干什么".
import type { IntentHandler } from "../turn.js";
import { helpCard } from "../replies/help.js";

export const help: IntentHandler = async () => [{ kind: "card", card: helpCard() }];
