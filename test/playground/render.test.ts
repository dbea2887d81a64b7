import { describe, expect, it } from "vitest";
import { entitiesToHtml } from "../../src/playground/render.ts";

describe("messages drawn on the playground page", () => {
  it("shows Telegram's formatting and escapes everything else, so a user's text cannot become markup", () => {
    const text = "Reminder <script>x</script> & more";
    const html = entitiesToHtml(text, [
      { type: "bold", offset: 0, length: 8 },
      { type: "italic", offset: 2, length: 3 },
    ]);
    expect(html).toBe("<b>Re<i>min</i>der</b> &lt;script&gt;x&lt;/script&gt; &amp; more");
  });

  it("links only to web and Telegram addresses, and keeps line breaks", () => {
    const html = entitiesToHtml("a\nb c", [
      { type: "text_link", offset: 0, length: 1, url: "javascript:alert(1)" },
      { type: "text_link", offset: 4, length: 1, url: "https://t.me/yiqi_bot?start=x" },
    ]);
    expect(html).toBe('a<br>b <a href="https://t.me/yiqi_bot?start=x" target="_blank" rel="noopener">c</a>');
  });
});
