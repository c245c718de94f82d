// Upload an image for a message through the official SDK: im.v1.image.create (POST
// /open-apis/im/v1/images, multipart image_type=message + image; answer {code:0, data:{image_key}}).
// Docs: https://open.feishu.cn/document/server-docs/im-v1/image/create — ≤ 10 MB, not empty.
import { checkBody, classifyThrown } from "./api-errors.js";
import type { FeishuApi } from "./api.js";

/** The image_key of the uploaded PNG; throws the classified error (the caller falls back to text). */
export async function uploadImage(api: FeishuApi, png: Buffer): Promise<string> {
  let res: { image_key?: string } | null;
  try {
    res = await api.client.im.v1.image.create({ data: { image_type: "message", image: png } });
  } catch (err) {
    throw classifyThrown(err, "im.v1.image.create");
  }
  // The SDK returns the answer's `data` (null when the body carried none, e.g. a non-zero code).
  if (!res?.image_key) checkBody({ code: -1, msg: "no image_key in the answer" }, "im.v1.image.create");
  return res!.image_key!;
}
