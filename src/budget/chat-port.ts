// The conversation's budget port (conversation/ports.ts): budget figures from the finance section
// by chat, confirmed and stored like reports (chat-budget.ts, issue 13 item 1).
import type { BudgetPort } from "../conversation/ports.js";
import { budgetChatReply, cancelBudget, commitBudget } from "./chat-budget.js";

export const budgetChat: BudgetPort = { answer: budgetChatReply, commit: commitBudget, cancel: cancelBudget };
