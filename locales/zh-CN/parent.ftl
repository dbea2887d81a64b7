# 上级枢纽：加入码或审批
setup-ask-parent-code =
    它的上级枢纽（市、区县或街道）是？
    请回复上级的加入码（上级群的管理员发送 /setup 可以看到）；没有加入码时，回复上级的完整名称，我们会请上级的组织者审批。
    没有上级请点下面的按钮。
setup-parent-unknown = 找不到加入码或名称为「{ $value }」的上级枢纽。
setup-parent-not-hub = 只有市、区县或街道这样的枢纽才能做上级，普通组织不行。
setup-parent-not-above = 上级必须比本组织高一级或更多（例如街道的上级是区县或市）。
setup-parent-self = 组织不能做自己的上级。
setup-parent-forged = 上级只能通过加入码或上级组织者的审批来确定，这个选择无效，没有做任何更改。
parent-request =
    📨 <b>{ $org }</b>申请成为<b>{ $hub }</b>的下级组织。
    申请人：{ $by }（群「{ $chat }」）
    同意后，它的活动会出现在本枢纽的 /events 和汇总里。只有本枢纽的组织者可以决定。
parent-btn-approve = ✅ 同意
parent-btn-decline = ✖️ 拒绝
parent-asked = 已请<b>{ $hub }</b>的组织者审批上级申请，结果会发到本群。在此之前本组织暂无上级。
parent-unreachable = 暂时联系不到该枢纽的组织者（它还没有关联的群）。请向上级索取加入码，再发送 /setup 设置。
parent-already-decided = 这个申请已经处理过了。
parent-approved = ✅ <b>{ $hub }</b>同意了申请：<b>{ $org }</b>现在是它的下级组织。
parent-declined = <b>{ $hub }</b>拒绝了<b>{ $org }</b>的上级申请。本组织仍然没有上级。
parent-approved-hub = ✅ { $by }已同意：<b>{ $org }</b>现在是<b>{ $hub }</b>的下级组织。
parent-declined-hub = { $by }已拒绝<b>{ $org }</b>成为<b>{ $hub }</b>下级的申请。
