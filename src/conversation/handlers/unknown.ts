// Anything the parser could not place: a short reply with examples (the LLM fallback, when
// configured, runs inside the parser before this).
import { text, type IntentHandler } from "../turn.js";
import { unknownText } from "../replies/help.js";

export const unknown: IntentHandler = async () => [text(unknownText())];
