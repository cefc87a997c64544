%% kind: notice
%% name: 通知
> {{doc.number}}
# 关于{{subject|事由}}的通知
< {{recipient|主送单位}}:
{{body|正文}}
特此通知。
< 附件:{{attachments|附件(可选)}}
{{signature}}
< 抄送:{{cc|抄送(可选)}}
