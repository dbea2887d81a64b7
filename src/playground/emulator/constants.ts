import type { UserFromGetMe } from "grammy/types";

/** The bot's numeric id; a Telegram token starts with it. */
export const TEST_BOT_ID = 7_000_000_001;

/** The token every fake accepts unless another one is given. */
export const TEST_BOT_TOKEN = `${TEST_BOT_ID}:AAFakeTelegramTestTokenForYiqiTests`;

/** The bot user returned by `getMe`. */
export const TEST_BOT: UserFromGetMe = {
  id: TEST_BOT_ID,
  is_bot: true,
  first_name: "Yiqi Test",
  username: "yiqi_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};
