%% kind: fax
%% name: 传真封面
# 传  真
| 传真编号: | {{doc.number}} |
| 收件单位: | {{client.name}} |
| 收件人: | {{contact.name}} |
| 收件方传真: | {{client.fax|收件方传真}} |
| 收件方电话: | {{contact.phone}} |
| 发件单位: | {{company.name}} |
| 发件人: | {{sender|发件人}} |
| 发件方传真: | {{company.fax}} |
| 发件方电话: | {{company.phone}} |
| 日期: | {{doc.date}} |
| 页数(含封面): | {{pages|页数(含封面)}} |
| 主题: | {{subject|主题}} |
{{body|正文(可选)}}
如传真内容不清或页数不全,请即致电发件方。本传真仅供收件人使用,如误收请通知发件方并销毁。
{{signature}}
