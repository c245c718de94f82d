// De-duplication and crash-safe processing of inbound platform messages (see pipeline.ts).
export { createInboundPipeline, replyKey, type InboundPipeline, type InboundPipelineOptions } from "./pipeline.js";
export { recordReceived } from "./store.js";
