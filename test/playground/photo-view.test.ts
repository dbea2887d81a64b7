import type { Message } from "grammy/types";
import { describe, expect, it } from "vitest";
import { messageView } from "../../src/playground/render.ts";

describe("the playground draws photos the bot sends (check-in QR codes)", () => {
  it("a photo message carries its largest size and caption", () => {
    const message = {
      message_id: 7,
      date: 0,
      chat: { id: 1, type: "private", first_name: "王芳" },
      from: { id: 2, is_bot: true, first_name: "Yiqi" },
      photo: [
        { file_id: "small", file_unique_id: "s", width: 90, height: 90 },
        { file_id: "big", file_unique_id: "b", width: 410, height: 410 },
      ],
      caption: "「义诊」签到码",
    } as Message;
    const view = messageView(message, new Set());
    expect(view.photo).toEqual({ fileId: "big", width: 410, height: 410 });
    expect(view.html).toContain("签到码");
  });
});
