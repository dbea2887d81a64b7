# Roles (slots) with their own places (issue 15)
role-places-count = { $name } { $confirmed }/{ $capacity }
role-places-full = { $name }{ $waitlisted ->
    [0] 满员
   *[other] 满员 · 候补 { $waitlisted } 人
  }
role-places-unlimited = { $name } · 已报名 { $confirmed }
role-btn-signup = ✅ { $name }
toast-signed-up-role = 已报名「{ $role }」✅
toast-waitlisted-role = 「{ $role }」已满，已在候补第 { $position } 位
toast-pick-role = 这个活动分角色报名，请点卡片上的角色按钮
form-field-roles = 角色
form-ask-roles =
    分哪些角色报名？每个角色写上名额，用 · 或 、 隔开，例如
    <code>义诊医生 2 · 家具维修 3 · 法律咨询 2 · 志愿者 10</code>
    不写数字表示不限。设置角色后，活动名额就是各角色名额之和。回复「无」取消角色。
roles-btn-none = 不分角色
roles-btn-set = 👥 分角色报名
form-summary-roles = 👥 { $roles }
form-roles-empty = 请写上至少一个角色
form-roles-too-many = 最多 8 个角色
form-roles-name-too-long = 「{ $value }」：角色名最多 30 个字
form-roles-duplicate = 角色「{ $value }」写了两次
form-roles-capacity-range = 「{ $value }」：每个角色的名额应在 1 到 10000 之间
form-roles-no-name = 「{ $value }」：请写上角色名
export-col-role = 角色
import-problem-roles = 看不懂角色「{ $value }」（例如：义诊医生 2 · 家具维修 3）
import-column-roles = 角色
