# 防刷屏与输入清理
flood-slow-down = 点得太快啦，请稍等一下再试。
form-title-invisible = 名称只有看不见的字符（如零宽空格），请写上看得见的名称
form-place-invisible = 地点只有看不见的字符（如零宽空格），请写上看得见的地点
setup-name-invisible = 名称只有看不见的字符（如零宽空格），请重新回复组织名称：
form-title-shortened = ✂️ 名称太长，卡片放不下，已截短为 { $max } 个字以内：「{ $value }」
form-place-shortened = ✂️ 地点太长，卡片放不下，已截短为 { $max } 个字以内：「{ $value }」
setup-name-shortened = ✂️ 名称太长，已截短为 { $max } 个字以内：「{ $value }」
