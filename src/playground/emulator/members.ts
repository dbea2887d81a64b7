import type { ChatMember, User } from "grammy/types";

export type MemberStatus = "creator" | "administrator" | "member" | "left" | "kicked";
export type BotStatus = Exclude<MemberStatus, "creator">;

/** Whether a member with this status is in the chat. */
export function isPresent(status: MemberStatus): boolean {
  return status === "creator" || status === "administrator" || status === "member";
}

/** The `ChatMember` object Telegram returns for a user with this status. */
export function chatMember(user: User, status: MemberStatus): ChatMember {
  switch (status) {
    case "creator":
      return { status, user, is_anonymous: false };
    case "administrator":
      return {
        status,
        user,
        can_be_edited: false,
        is_anonymous: false,
        can_manage_chat: true,
        can_delete_messages: true,
        can_manage_video_chats: true,
        can_restrict_members: true,
        can_promote_members: false,
        can_change_info: true,
        can_invite_users: true,
        can_pin_messages: true,
        can_post_stories: false,
        can_edit_stories: false,
        can_delete_stories: false,
        can_send_welcome_messages: false,
      };
    case "member":
    case "left":
      return { status, user };
    case "kicked":
      return { status, user, until_date: 0 };
  }
}
