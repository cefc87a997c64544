%% kind: letter
%% name: 函
> {{doc.number}}
# 关于{{subject|事由}}的函
< {{client.name}}:
{{body|正文}}
妥否,请函复。
< 联系人:{{sender|我方联系人}}  电话:{{company.phone}}
< 附件:{{attachments|附件(可选)}}
{{signature}}
< 抄送:{{cc|抄送(可选)}}
