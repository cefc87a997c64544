<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="+90"/>
        <source>About Sales Compass</source>
        <translation>关于销售罗盘</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sales Compass</source>
        <translation>销售罗盘</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Version {0}</source>
        <translation>版本 {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Built with Qt {0} (PySide6)</source>
        <translation>基于 Qt {0}（PySide6）构建</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Licences</source>
        <translation>许可证</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Font licence</source>
        <translation>字体许可证</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+1"/>
        <source>Third-party notices</source>
        <translation>第三方声明</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>LGPL-3.0 (used through PySide6, dynamically linked)</source>
        <translation>LGPL-3.0（通过 PySide6 动态链接使用）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>WenQuanYi Micro Hei font (bundled)</source>
        <translation>文泉驿微米黑字体（随程序附带）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apache-2.0, or GPL-3.0 or later with the font exception</source>
        <translation>Apache-2.0，或附字体例外条款的 GPL-3.0 及以上版本</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Compass Serif SC font (bundled, for printed documents; from Noto Serif CJK)</source>
        <translation>Compass Serif SC 字体（随程序附带，用于打印文书；源自 Noto Serif CJK）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SIL Open Font License 1.1</source>
        <translation>SIL 开放字体许可证 1.1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Compass FangSong SC font (bundled, for 公文 bodies; from Fandol Fang)</source>
        <translation>Compass FangSong SC 字体（内置，用于公文正文；源自 Fandol 仿宋）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GPL-3.0 with the font exception</source>
        <translation>GPL-3.0（附字体例外条款）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sales Compass uses these programs and libraries under their licences. Qt is used under the LGPL-3.0: you may replace the Qt libraries with your own build.</source>
        <translation>销售罗盘按各自的许可证使用以下程序和库。Qt 按 LGPL-3.0 使用：您可以用自己构建的 Qt 库替换随附的库。</translation>
    </message>
</context>
<context>
    <name>ActionTableModel</name>
    <message>
        <location filename="../../app/ui/minutes/followup_page.py" line="+57"/>
        <source>Due</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Task</source>
        <translation>事项</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Owner</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Helpers</source>
        <translation>协办</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Held</source>
        <translation>会议日期</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>%n day(s)</source>
        <translation>%n 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>due today</source>
        <translation>今天到期</translation>
    </message>
</context>
<context>
    <name>ActivityDialog</name>
    <message>
        <location filename="../../app/ui/activities/dialog.py" line="+138"/>
        <source>Edit activity</source>
        <translation>编辑活动</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New activity</source>
        <translation>新建活动</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Record an end time</source>
        <translation>记录结束时间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>End</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who went, e.g. 张伟, 李娜</source>
        <translation>参与人员，如：张伟、李娜</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Participants</source>
        <translation>参与人员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due by</source>
        <translation>期限</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount in yuan, e.g. 1,280.50</source>
        <translation>金额（元），如 1,280.50</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expense (¥)</source>
        <translation>费用（元）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolution</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed on</source>
        <translation>结案日期</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>This client has no contacts yet.</source>
        <translation>该客户还没有联系人。</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>Delete this activity and its attachments? They go to the recycle bin, where they can be restored.</source>
        <translation>删除这条活动及其附件？删除后会放进回收站，可以从那里恢复。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete activity</source>
        <translation>删除活动</translation>
    </message>
</context>
<context>
    <name>ActivityListPage</name>
    <message>
        <location filename="../../app/ui/activities/list_page.py" line="+150"/>
        <source>Filter by subject, client or participant</source>
        <translation>按主题、客户或参与人员筛选</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>From</source>
        <translation>日期从</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open complaints only</source>
        <translation>仅显示未结投诉</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+22"/>
        <source>New activity</source>
        <translation>新建活动</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open client “{0}”</source>
        <translation>打开客户“{0}”</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+10"/>
        <source>Loading activities</source>
        <translation>正在加载活动</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>{0} activities</source>
        <translation>共 {0} 条活动</translation>
    </message>
    <message>
        <location line="-103"/>
        <source>No activity matches these filters.</source>
        <translation>没有符合筛选条件的活动。</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>No activities yet. Click “New activity” to record a visit or a call.</source>
        <translation>还没有活动。点击“新建活动”记录一次拜访或电话。</translation>
    </message>
</context>
<context>
    <name>ActivityTableModel</name>
    <message>
        <location line="-130"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Participants</source>
        <translation>参与人员</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Expense</source>
        <translation>费用</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Closed</source>
        <translation>结案</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Open</source>
        <translation>未结案</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../../app/ui/team/user_dialogs.py" line="+38"/>
        <source>New user</source>
        <translation>新用户</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. wangfang</source>
        <translation>例如 wangfang</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. 王芳, as on the clients they look after</source>
        <translation>例如 王芳（与其负责的客户上的姓名一致）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password again</source>
        <translation>再输入一次密码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
</context>
<context>
    <name>AnalysisPage</name>
    <message>
        <location filename="../../app/ui/analysis/page.py" line="+110"/>
        <source>Range</source>
        <translation>自定义区间</translation>
    </message>
    <message>
        <location line="+10"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Monthly report (PDF)</source>
        <translation>大客户月报（PDF）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expense budget…</source>
        <translation>费用预算…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Churn after</source>
        <translation>流失判定天数</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Development</source>
        <translation>发展</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Churn</source>
        <translation>流失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value (Pareto)</source>
        <translation>价值（帕累托）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account managers</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Analysis</source>
        <translation>动态分析</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Showing {0} of {1} rows; Export Excel writes them all.</source>
        <translation>显示 {1} 行中的 {0} 行；导出 Excel 可得到全部数据。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} rows</source>
        <translation>共 {0} 行</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Export analysis</source>
        <translation>导出分析</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Exporting analysis…</source>
        <translation>正在导出分析…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} rows written to {1}</source>
        <translation>已将 {0} 行写入 {1}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Writing the monthly report…</source>
        <translation>正在生成大客户月报…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Monthly report</source>
        <translation>大客户月报</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Monthly report ready: {0} pages</source>
        <translation>大客户月报已生成：共 {0} 页</translation>
    </message>
</context>
<context>
    <name>ApplyDialog</name>
    <message>
        <location filename="../../app/ui/rebates/apply_dialog.py" line="+31"/>
        <source>Apply for a rebate</source>
        <translation>申请销售返点</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Blank: your user name</source>
        <translation>留空：使用您的用户名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply in advance on the expected sales</source>
        <translation>按预计销售额提前申请</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expected sales of the period, e.g. 500,000</source>
        <translation>期间预计销售额，如 500,000</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>期间起</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>期间止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expected sales</source>
        <translation>预计销售额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Apply</source>
        <translation>提交申请</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Enter the sales expected for the period.</source>
        <translation>请输入期间的预计销售额。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Expected sales {0}: rate {1} approved up front, about {2}</source>
        <translation>预计销售额 {0}：预先批准返点比例 {1}，约 {2}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Settled on the period&apos;s actual receipts; another tier goes back to approval.</source>
        <translation>按期间实际回款结算；档位不同须重新审批。</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>Nothing may be promised to the client before approval.</source>
        <translation>审批通过前，不得向客户做出任何承诺。</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Sales {0}, receipts {1}: rate {2}, rebate {3}</source>
        <translation>销售额 {0}，总收款 {1}：返点比例 {2}，返点金额 {3}</translation>
    </message>
</context>
<context>
    <name>AttachmentPanel</name>
    <message>
        <location filename="../../app/ui/activities/dialog.py" line="-282"/>
        <source>Add file…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drop files here to attach them.</source>
        <translation>将文件拖放到此处即可添加为附件。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Remove file</source>
        <translation>移除文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove the selected file?</source>
        <translation>移除选中的文件？</translation>
    </message>
</context>
<context>
    <name>AutoBackup</name>
    <message>
        <location filename="../../app/ui/backups/auto.py" line="+121"/>
        <source>Backing up before closing…</source>
        <translation>关闭前正在备份…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backing up automatically…</source>
        <translation>正在自动备份…</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Backed up automatically to {0}</source>
        <translation>已自动备份到 {0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The automatic backup failed verification and does not count as a good backup. Run &apos;Check archive&apos;, then back up again from File &gt; Backup and restore.</source>
        <translation>自动备份未通过验证，不算有效备份。请先运行“检查档案”，再从“文件 → 备份与恢复”重新备份。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The automatic backup was not made: {0}</source>
        <translation>未能自动备份：{0}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
</context>
<context>
    <name>BackupBanner</name>
    <message>
        <location filename="../../app/ui/backups/banner.py" line="+31"/>
        <source>The backup folder {0} cannot be found (is the USB disk plugged in?). No backup can be made until it is back, or another folder is chosen.</source>
        <translation>找不到备份文件夹 {0}（U 盘是否已插上？）。在它恢复可用或另选文件夹之前，无法备份。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The backup folder {0} cannot be written. Choose another folder.</source>
        <translation>备份文件夹 {0} 无法写入，请另选文件夹。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The last backup ({0}) failed verification and does not count. Back up again.</source>
        <translation>最近一次备份（{0}）未通过验证，不算有效备份。请重新备份。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>There is no verified backup of this archive yet.</source>
        <translation>本档案还没有经过验证的备份。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The newest verified backup is {0} days old ({1}).</source>
        <translation>最近一次经过验证的备份已是 {0} 天前（{1}）。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Checking the backups</source>
        <translation>正在检查备份</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+7"/>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Backed up and verified: {0}</source>
        <translation>已备份并验证：{0}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Choose the backup folder</source>
        <translation>选择备份文件夹</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <location filename="../../app/ui/backups/dialog.py" line="+110"/>
        <source>Backup and restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No backups yet.</source>
        <translation>还没有备份。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verify</source>
        <translation>验证</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Back up automatically (once a day, and when the window closes after changes)</source>
        <translation>自动备份（每天一次，以及有修改后关闭窗口时）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weekly</source>
        <translation>每周</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Monthly</source>
        <translation>每月</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>when the newest good backup is older than</source>
        <translation>最近一次有效备份超过</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>days</source>
        <translation>天时提醒</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warn</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Listing the backups</source>
        <translation>正在列出备份</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+8"/>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Backed up and verified: {0} ({1} new attachment files)</source>
        <translation>已备份并验证：{0}（新增附件文件 {1} 个）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The backup failed verification and does not count.</source>
        <translation>备份未通过验证，不算有效备份。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The backup failed verification.</source>
        <translation>备份未通过验证。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Verifying…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Verifying the backups…</source>
        <translation>正在验证备份…</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n backup(s) verified: all good.</source>
        <translation>
            <numerusform>已验证 %n 份备份，全部完好。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <location line="+2"/>
        <source>%n backup(s) failed verification.</source>
        <translation>
            <numerusform>有 %n 份备份未通过验证。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Restoring replaces the current archive with the backup of {0} ({1}). The current archive is kept as a backup too. The application will close; start it again afterwards. Continue?</source>
        <translation>恢复会用 {0} 的备份（{1}）替换当前档案，当前档案也会另存为一份备份。程序随后会关闭，请再重新打开。继续吗？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The backup folder {0} cannot be found.</source>
        <translation>找不到备份文件夹 {0}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose the backup folder</source>
        <translation>选择备份文件夹</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Backup settings saved.</source>
        <translation>备份设置已保存。</translation>
    </message>
</context>
<context>
    <name>BackupTableModel</name>
    <message>
        <location line="-316"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Verified</source>
        <translation>已验证</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Beside the archive: moved into the folder at the next backup</source>
        <translation>在档案旁边：下次备份时移入备份文件夹</translation>
    </message>
</context>
<context>
    <name>BudgetDialog</name>
    <message>
        <location filename="../../app/ui/analysis/budget_dialog.py" line="+115"/>
        <source>Expense budget</source>
        <translation>费用预算</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Set budget…</source>
        <translation>设置预算…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+59"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>Account manager</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind</source>
        <translation>费用类型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spent</source>
        <translation>已用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remaining</source>
        <translation>剩余</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Used</source>
        <translation>使用率</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Loading the budget</source>
        <translation>正在读取预算</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Year {0}</source>
        <translation>{0}年</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0}: budget {1}, spent {2}, remaining {3}, used {4}</source>
        <translation>{0}：预算 {1}，已用 {2}，剩余 {3}，使用率 {4}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Remove the budget of {0} for {1} in {2}?</source>
        <translation>删除{0}在{2}的“{1}”预算吗？</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+9"/>
        <source>Remove budget</source>
        <translation>删除预算</translation>
    </message>
</context>
<context>
    <name>BudgetLineDialog</name>
    <message>
        <location line="-179"/>
        <source>Expense budget {0}</source>
        <translation>费用预算 {0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Amount in yuan, e.g. 5,000</source>
        <translation>金额（元），如 5,000</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ChartWidget</name>
    <message>
        <location filename="../../app/ui/analysis/chart.py" line="+41"/>
        <source>No data</source>
        <translation>暂无数据</translation>
    </message>
</context>
<context>
    <name>ClientDialog</name>
    <message>
        <location filename="../../app/ui/clients/client_dialog.py" line="+116"/>
        <source>New client</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit client</source>
        <translation>编辑客户</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>18 characters, optional</source>
        <translation>18 位，可不填</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A (key)</source>
        <translation>A 级（重点）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>B (major)</source>
        <translation>B 级（主要）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C (ordinary)</source>
        <translation>C 级（一般）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D (potential)</source>
        <translation>D 级（潜在）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Key account</source>
        <translation>列为大客户</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Agreed discounts, payment terms, extra visits, supply priority…</source>
        <translation>约定的折扣、付款条件、增加拜访、优先供货…</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Address and phone as printed on invoices</source>
        <translation>发票上的地址、电话</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>6 to 32 digits</source>
        <translation>6～32 位数字</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Open existing client</source>
        <translation>打开已有客户</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>First contact (optional)</source>
        <translation>首位联系人（可不填）</translation>
    </message>
</context>
<context>
    <name>ClientListPage</name>
    <message>
        <location filename="../../app/ui/clients/list_page.py" line="+163"/>
        <source>Name, USCC, pinyin initials, owner, region</source>
        <translation>名称、信用代码、拼音首字母、客户经理、地区</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>All account managers</source>
        <translation>全部客户经理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All regions</source>
        <translation>全部地区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Key accounts only</source>
        <translation>仅显示大客户</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Loading clients</source>
        <translation>正在加载客户列表</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>No client matches these filters.</source>
        <translation>没有符合筛选条件的客户。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>No clients yet</source>
        <translation>还没有客户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create your first client, or import the client list you keep in Excel (use Export template in the File menu to get the headings).</source>
        <translation>新建第一个客户，或导入您在 Excel 中保存的客户名单（表头可通过“文件”菜单中的“导出模板”获取）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New client</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import from Excel…</source>
        <translation>从 Excel 导入…</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>{0} clients</source>
        <translation>共 {0} 个客户</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Loading filter choices…</source>
        <translation>正在加载筛选选项…</translation>
    </message>
</context>
<context>
    <name>ClientNewsTab</name>
    <message>
        <location filename="../../app/ui/clients/news_tab.py" line="+32"/>
        <source>Add news</source>
        <translation>添加动态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit</source>
        <translation>修改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+121"/>
        <source>Open scan</source>
        <translation>打开扫描件</translation>
    </message>
    <message>
        <location line="-118"/>
        <source>Promotions, procurement notices, reports: what the client publishes.</source>
        <translation>促销、采购公告、报道：客户发布的消息。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Link</source>
        <translation>链接</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Scan</source>
        <translation>扫描件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Loading client news</source>
        <translation>正在读取客户动态</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Delete “{0}”? It goes to the recycle bin, where it can be restored.</source>
        <translation>删除“{0}”？它会移入回收站，可在那里恢复。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <source>Delete client news</source>
        <translation>删除客户动态</translation>
    </message>
</context>
<context>
    <name>ClientPage</name>
    <message>
        <location filename="../../app/ui/clients/client_page.py" line="+124"/>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Tenders</source>
        <translation>投标</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Meetings</source>
        <translation>会议纪要</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>History</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>News</source>
        <translation>客户动态</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>News ({0})</source>
        <translation>客户动态（{0}）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>← Clients</source>
        <translation>← 客户列表</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>★ Key account</source>
        <translation>★ 大客户</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+159"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="-158"/>
        <location line="+155"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="-154"/>
        <location line="+185"/>
        <source>Add activity</source>
        <translation>添加活动</translation>
    </message>
    <message>
        <location line="-162"/>
        <source>{0}:</source>
        <translation>{0}：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last visit:</source>
        <translation>最近拜访：</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Decision maker</source>
        <translation>决策人</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Next step: {0} ({1})</source>
        <translation>下一步：{0}（{1}）</translation>
    </message>
    <message>
        <location line="+45"/>
        <location line="+2"/>
        <source>Add contact</source>
        <translation>添加联系人</translation>
    </message>
    <message>
        <location line="-93"/>
        <source>File name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <location line="+101"/>
        <location line="+4"/>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+317"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="-316"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Drag files here to attach them.</source>
        <translation>将文件拖到此处即可添加为附件。</translation>
    </message>
    <message>
        <location line="-86"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <location line="-116"/>
        <source>Files ({0})</source>
        <translation>附件（{0}）</translation>
    </message>
    <message>
        <location line="-35"/>
        <location line="+153"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Showing the latest {0}; the lists on the other tabs have them all.</source>
        <translation>只显示最近 {0} 条；其他标签页的列表里有全部记录。</translation>
    </message>
    <message>
        <location line="-101"/>
        <source>Activity</source>
        <translation>活动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meeting minutes</source>
        <translation>会议纪要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tender</source>
        <translation>投标</translation>
    </message>
    <message>
        <location line="+248"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeline ({0})</source>
        <translation>时间线（{0}）</translation>
    </message>
    <message>
        <location line="-241"/>
        <source>Next step: {0}</source>
        <translation>下一步：{0}</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n open action item(s)</source>
        <translation>
            <numerusform>未办结事项 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no open action items</source>
        <translation>无未办结事项</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>bid deadline {0}</source>
        <translation>投标截止 {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>result notice {0}</source>
        <translation>结果公告 {0}</translation>
    </message>
    <message>
        <location line="+258"/>
        <source>Delete “{0}” with its contacts, activities and attachments? They go to the recycle bin, where they can be restored.</source>
        <translation>删除“{0}”及其联系人、活动和附件？删除后会放进回收站，可以从那里恢复。</translation>
    </message>
    <message>
        <location line="-409"/>
        <source>Tenders ({0})</source>
        <translation>投标（{0}）</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>Files</source>
        <translation>附件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documents</source>
        <translation>文书与来往函</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Contracts</source>
        <translation>合同与回款</translation>
    </message>
    <message>
        <location line="+296"/>
        <source>Loading the client</source>
        <translation>正在加载客户资料</translation>
    </message>
    <message>
        <location line="-268"/>
        <source>Documents ({0})</source>
        <translation>文书与来往函（{0}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contracts ({0})</source>
        <translation>合同与回款（{0}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Meetings ({0})</source>
        <translation>会议纪要（{0}）</translation>
    </message>
    <message>
        <location line="+300"/>
        <source>no account manager</source>
        <translation>未指定客户经理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account manager: {0}</source>
        <translation>客户经理：{0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No service policy agreed yet.</source>
        <translation>尚未约定服务政策。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Handbook: large contract and good payment → price discount; high price and stable contract → relaxed payment terms; good cooperation without quality disputes → more sales expenses and visits.</source>
        <translation>销售手册：合同额大、回款好 → 价格优惠；价格高、合同稳定 → 放宽付款条件；合作良好、无质量纠纷 → 增加销售费用和拜访次数。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Key accounts get supply priority, new-product trials first, and visits by senior management.</source>
        <translation>大客户享有优先供货、新产品优先试用，并由公司高层拜访。</translation>
    </message>
    <message>
        <location line="-334"/>
        <source>Contacts ({0})</source>
        <translation>联系人（{0}）</translation>
    </message>
    <message>
        <location line="+353"/>
        <source>Loading the client&apos;s files</source>
        <translation>正在加载客户附件</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Loading the timeline</source>
        <translation>正在加载时间线</translation>
    </message>
    <message>
        <location line="+44"/>
        <location line="+9"/>
        <source>Delete client</source>
        <translation>删除客户</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“{0}” was moved to the recycle bin, where it can be restored.</source>
        <translation>“{0}”已放进回收站，可以从那里恢复。</translation>
    </message>
    <message>
        <location line="+39"/>
        <location line="+7"/>
        <source>Delete contact</source>
        <translation>删除联系人</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Delete “{0}”?</source>
        <translation>删除“{0}”？</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+15"/>
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%n file(s) attached</source>
        <translation>
            <numerusform>已添加 %n 个附件</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+7"/>
        <source>Remove attachment</source>
        <translation>移除附件</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Remove “{0}”?</source>
        <translation>移除“{0}”？</translation>
    </message>
</context>
<context>
    <name>ClientPicker</name>
    <message>
        <location filename="../../app/ui/kit/forms.py" line="+789"/>
        <source>Type part of a client name or its pinyin initials</source>
        <translation>输入客户名称的一部分或拼音首字母</translation>
    </message>
</context>
<context>
    <name>ClientTableModel</name>
    <message>
        <location filename="../../app/ui/clients/list_page.py" line="-239"/>
        <source>Client name</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Key account</source>
        <translation>大客户</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Account manager</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Date on file</source>
        <translation>建档日期</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Last visit</source>
        <translation>最近拜访</translation>
    </message>
</context>
<context>
    <name>ClientTendersTab</name>
    <message>
        <location filename="../../app/ui/tenders/client_tab.py" line="+32"/>
        <source>New tender</source>
        <translation>新建投标项目</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Loading tenders</source>
        <translation>正在加载投标项目</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{0} tenders as purchaser, {1} won</source>
        <translation>作为采购人的投标项目 {0} 个，中标 {1} 个</translation>
    </message>
</context>
<context>
    <name>CloseActionDialog</name>
    <message>
        <location filename="../../app/ui/minutes/close_action_dialog.py" line="+33"/>
        <location line="+31"/>
        <source>Close action item</source>
        <translation>办结事项</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>What was done (required)</source>
        <translation>落实情况（必填）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Task</source>
        <translation>事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close as</source>
        <translation>办结状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result</source>
        <translation>落实情况</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close item</source>
        <translation>办结</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ConnectTeamDialog</name>
    <message>
        <location filename="../../app/ui/team/connect_dialog.py" line="+49"/>
        <source>Connect to team archive</source>
        <translation>连接团队档案</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The department&apos;s shared archive on its server. Your administrator gives you the server, the archive&apos;s name and your login.</source>
        <translation>部门共用的、放在服务器上的档案。服务器地址、档案名称和您的登录名由管理员提供。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>e.g. db.office.lan or db.office.lan:5432</source>
        <translation>例如 db.office.lan 或 db.office.lan:5432</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remember the password in the system keyring</source>
        <translation>在系统钥匙串中记住密码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archive name:</source>
        <translation>档案名称：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login:</source>
        <translation>登录名：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Please fill in “{0}”.</source>
        <translation>请填写“{0}”。</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <location filename="../../app/ui/clients/contact_dialog.py" line="+39"/>
        <source>New contact</source>
        <translation>新建联系人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+14"/>
        <source>Decision maker</source>
        <translation>决策人</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ContractDialog</name>
    <message>
        <location filename="../../app/ui/contracts/contract_dialog.py" line="+117"/>
        <source>New contract</source>
        <translation>新建合同</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Only when there are no product lines</source>
        <translation>仅在没有产品明细时填写</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add line</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove line</source>
        <translation>删除一行</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Contract number</source>
        <translation>合同编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed on</source>
        <translation>签订日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment days</source>
        <translation>付款期限（天）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Payment terms</source>
        <translation>付款条件</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Product lines</source>
        <translation>产品明细</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Edit contract {0}</source>
        <translation>编辑合同 {0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Receipts are booked to this contract: its client cannot change.</source>
        <translation>此合同已登记回款，不能更改客户。</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Total: —</source>
        <translation>合计：—</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total: {0}</source>
        <translation>合计：{0}</translation>
    </message>
</context>
<context>
    <name>ContractView</name>
    <message>
        <location filename="../../app/ui/contracts/contract_view.py" line="+113"/>
        <source>Contract {0}</source>
        <translation>合同 {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}, signed {1}, due {2} ({3})</source>
        <translation>{0}，签订日期 {1}，到期日 {2}（{3}）</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>{0} days</source>
        <translation>{0} 天</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Double-click a receipt to edit it</source>
        <translation>双击回款进行编辑</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Edit receipt…</source>
        <translation>编辑回款…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete receipt…</source>
        <translation>删除回款…</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Open document…</source>
        <translation>打开文书…</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Made from the approved document 《{0}》</source>
        <translation>由已批准的文书《{0}》生成</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Total {0}; received {1}; open {2}</source>
        <translation>合同金额 {0}；已回款 {1}；未收 {2}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Choose a receipt in the list first.</source>
        <translation>请先在列表中选择一笔回款。</translation>
    </message>
    <message>
        <location line="-81"/>
        <source>Receipts</source>
        <translation>回款</translation>
    </message>
</context>
<context>
    <name>ContractsPage</name>
    <message>
        <location filename="../../app/ui/contracts/page.py" line="+102"/>
        <source>Contract number or client</source>
        <translation>合同编号或客户</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+41"/>
        <source>New contract…</source>
        <translation>新建合同…</translation>
    </message>
    <message>
        <location line="-40"/>
        <location line="+55"/>
        <source>Book receipt…</source>
        <translation>登记回款…</translation>
    </message>
    <message>
        <location line="-50"/>
        <location line="+52"/>
        <source>Import receipts…</source>
        <translation>导入回款…</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>Edit the selected contract or receipt</source>
        <translation>编辑选中的合同或回款</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Contracts</source>
        <translation>合同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipts</source>
        <translation>回款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Receivables ageing</source>
        <translation>应收账龄</translation>
    </message>
    <message>
        <location filename="../../app/ui/contracts/columns.py" line="+39"/>
        <location line="+21"/>
        <source>Contract number</source>
        <translation>合同编号</translation>
    </message>
    <message>
        <location line="-20"/>
        <location line="+18"/>
        <location line="+28"/>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="-45"/>
        <source>Signed on</source>
        <translation>签订日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+24"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Received</source>
        <translation>已回款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open</source>
        <translation>未收</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Due on</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Products</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+36"/>
        <source>Owner</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Received on</source>
        <translation>回款日期</translation>
    </message>
    <message>
        <location filename="../../app/ui/contracts/receipt_dialog.py" line="+130"/>
        <source>no contract</source>
        <translation>未指定合同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the receipt of {0} on {1}, {2} ({3})?</source>
        <translation>删除 {0} 于 {1} 的回款 {2}（{3}）？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete receipt</source>
        <translation>删除回款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Receipt deleted: {0} {1}</source>
        <translation>已删除回款：{0} {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/contracts/columns.py" line="+3"/>
        <source>Method</source>
        <translation>回款方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../app/ui/contracts/page.py" line="-27"/>
        <location line="+244"/>
        <location line="+7"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="-249"/>
        <location line="+243"/>
        <location line="+7"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location line="-251"/>
        <source>Delete the selected contract or receipt</source>
        <translation>删除选中的合同或回款</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Double-click a contract to edit it</source>
        <translation>双击合同进行编辑</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Double-click a receipt to edit it</source>
        <translation>双击回款进行编辑</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>The receivables ageing as a PDF</source>
        <translation>应收账款账龄表（PDF）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Printing the receivables ageing…</source>
        <translation>正在生成应收账款账龄表…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exporting the receivables ageing…</source>
        <translation>正在导出应收账款账龄表…</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Receivables of %n client(s) exported to {0}</source>
        <translation>
            <numerusform>已将 %n 家客户的应收账款导出到 {0}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/contracts/columns.py" line="+20"/>
        <source>Open in total</source>
        <translation>应收合计</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paid ahead</source>
        <translation>预收款</translation>
    </message>
    <message>
        <location filename="../../app/ui/contracts/page.py" line="-41"/>
        <source>Working out receivables…</source>
        <translation>正在计算应收账款…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Open in total {0}: {1}. Age counts from the due date.</source>
        <translation>应收合计 {0}：{1}。账龄自到期日起算。</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Showing the newest {0} of {1} contracts; type to find others.</source>
        <translation>显示 {1} 份合同中最新的 {0} 份；输入关键字可查找其他合同。</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Choose a contract in the list first.</source>
        <translation>请先在列表中选择一份合同。</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Choose a receipt in the list first.</source>
        <translation>请先在列表中选择一笔回款。</translation>
    </message>
    <message>
        <location line="-157"/>
        <source>No contracts yet</source>
        <translation>还没有合同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record each signed contract with its amount or its lines.</source>
        <translation>每签订一份合同都在此登记，填写合同金额或合同明细。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No contract matches the search.</source>
        <translation>没有符合条件的合同。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No receipts yet</source>
        <translation>还没有回款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Book each payment received, or import the bank&apos;s list from Excel.</source>
        <translation>每收到一笔款项都在此登记，也可以从 Excel 导入银行流水。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Book each payment received from this client.</source>
        <translation>该客户的每笔回款都在此登记。</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Delete contract {0} of {1} ({2})? Its product lines are deleted with it.</source>
        <translation>删除 {1} 的合同 {0}（{2}）？其产品明细将一并删除。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete contract</source>
        <translation>删除合同</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contract {0} deleted.</source>
        <translation>已删除合同 {0}。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>View lines and receipts</source>
        <translation>查看明细与回款</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open contract</source>
        <translation>打开合同</translation>
    </message>
</context>
<context>
    <name>DeadlineLabels</name>
    <message>
        <location filename="../../app/ui/tenders/deadline_labels.py" line="+34"/>
        <source>Deposit refund due</source>
        <translation>保证金应退日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Announcement period ends</source>
        <translation>结果公告期满</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Challenge period ends</source>
        <translation>质疑截止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contract due</source>
        <translation>合同签订期限</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{0}: statutory holidays only; check once the make-up days are announced.</source>
        <translation>{0}：仅按法定节假日推算，调休公布后请核对。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>after the award notice date is entered</source>
        <translation>填写中标公告日期后计算</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no bid deposit (waived)</source>
        <translation>无投标保证金（免收）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>after the contract signed date is entered (the winner&apos;s deposit)</source>
        <translation>填写合同签订日期后计算（中标人的保证金）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} (5 working days after the contract is signed)</source>
        <translation>{0}（合同签订后5个工作日）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} (5 working days after the award notice)</source>
        <translation>{0}（中标通知书发出后5个工作日）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} (the announcement period&apos;s last day)</source>
        <translation>{0}（公告期最后一日）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} (7 working days after the announcement ends)</source>
        <translation>{0}（公告期满后7个工作日）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} (30 days; a holiday moves it to the next working day)</source>
        <translation>{0}（30日，遇节假日顺延至下一工作日）</translation>
    </message>
</context>
<context>
    <name>DeadlineRadar</name>
    <message>
        <location filename="../../app/ui/tenders/radar_panel.py" line="+40"/>
        <source>{0} days overdue</source>
        <translation>逾期 {0} 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bid deposit refund overdue</source>
        <translation>投标保证金逾期未退</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>due {0}, ask {1}</source>
        <translation>应于 {0} 退还，请联系{1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Qualification expires: {0}</source>
        <translation>资质到期：{0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bid deadline {0}</source>
        <translation>投标截止 {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>holidays not announced yet</source>
        <translation>放假安排尚未公布</translation>
    </message>
</context>
<context>
    <name>DeadlineRadarPanel</name>
    <message>
        <location line="+53"/>
        <source>No tender dates in the next 14 days, no deposit refund overdue, no qualification lapsing before a bid.</source>
        <translation>未来 14 天没有投标时间节点，没有逾期未退的保证金，也没有在投标前到期的资质。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Loading the deadline radar</source>
        <translation>正在加载投标提醒</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Tender radar ({0})</source>
        <translation>投标提醒（{0}）</translation>
    </message>
</context>
<context>
    <name>DeviationEditor</name>
    <message>
        <location filename="../../app/ui/tenders/deviation_editor.py" line="+102"/>
        <source>Tender requirement</source>
        <translation>招标文件要求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Our response</source>
        <translation>投标响应</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deviation</source>
        <translation>偏离情况</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remark</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add row</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove row</source>
        <translation>删除一行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paste rows</source>
        <translation>粘贴行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rows copied in Excel or Word (Ctrl+V in the table does the same)</source>
        <translation>从 Excel 或 Word 复制的行（在表格中按 Ctrl+V 效果相同）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import file…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rows of an Excel (.xlsx) or CSV file: requirement, response, deviation, remark</source>
        <translation>Excel（.xlsx）或 CSV 文件中的行：招标文件要求、投标响应、偏离情况、说明</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Empty, the table prints numbered rows filling its page, to fill in by hand.</source>
        <translation>表格为空时，打印整页带序号的空行，供手工填写。</translation>
    </message>
</context>
<context>
    <name>DigestDialog</name>
    <message>
        <location filename="../../app/ui/minutes/digest_dialog.py" line="+31"/>
        <location line="+13"/>
        <source>Overdue digest</source>
        <translation>逾期事项汇总</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Copied: paste it into a message</source>
        <translation>已复制，可粘贴到消息中发送</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Printing the digest…</source>
        <translation>正在打印逾期事项汇总…</translation>
    </message>
</context>
<context>
    <name>DocumentEditor</name>
    <message>
        <location filename="../../app/ui/documents/editor.py" line="+116"/>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Values</source>
        <translation>填写内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text</source>
        <translation>正文</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+109"/>
        <location line="+13"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+13"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <location line="-122"/>
        <source>Review</source>
        <translation>审核记录</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as template…</source>
        <translation>另存为模板…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Empty: the template&apos;s title</source>
        <translation>留空则使用模板名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Contract lines</source>
        <translation>合同明细</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model/spec</source>
        <translation>型号规格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit price (yuan)</source>
        <translation>单价（元）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add line</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove line</source>
        <translation>删除一行</translation>
    </message>
    <message>
        <location line="+12"/>
        <source># title · ## clause heading · &gt; right-aligned · &lt; flush left · | label | value | · {{key|label}} a value · {{lines_table}} · {{signature}} · a label ending in (可选) is optional</source>
        <translation># 标题 · ## 条款标题 · &gt; 右对齐 · &lt; 顶格左对齐 · | 名称 | 内容 | · {{key|label}} 待填写的值 · {{lines_table}} 明细表 · {{signature}} 签章栏 · 名称以“（可选）”结尾的为选填项</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What changed</source>
        <translation>修改内容</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compare version</source>
        <translation>比较版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>with</source>
        <translation>与</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Missing before printing:</source>
        <translation>打印前尚缺：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>None: ready to print</source>
        <translation>无，可以打印</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Submit for review</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return…</source>
        <translation>退回…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark signed</source>
        <translation>标记为已签订</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Issue number</source>
        <translation>分配文号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register as sent…</source>
        <translation>登记发文…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print / preview…</source>
        <translation>打印 / 预览…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approval form…</source>
        <translation>审批表…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export Word…</source>
        <translation>导出 Word…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The filled document as a Word file (.docx), for the other party&apos;s redlines</source>
        <translation>填好的文书存为 Word 文件（.docx），供对方修订</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Document — {0}</source>
        <translation>文书 — {0}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="-149"/>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <location line="+181"/>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location line="+190"/>
        <source>Total: ¥{0}</source>
        <translation>合计：¥{0}</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Status: {0}</source>
        <translation>状态：{0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Number: {0}</source>
        <translation>文号：{0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/review_dialog.py" line="+20"/>
        <source>Comment:</source>
        <translation>意见：</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/editor.py" line="+207"/>
        <source>Issued as {0}</source>
        <translation>已分配文号：{0}</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>Cannot print yet</source>
        <translation>暂不能打印</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fill in these values first:
{0}</source>
        <translation>请先填写以下内容：
{0}</translation>
    </message>
    <message>
        <location line="-61"/>
        <location line="+16"/>
        <source>Printing {0}…</source>
        <translation>正在打印 {0}…</translation>
    </message>
    <message>
        <location line="-259"/>
        <source>Open contract {0}</source>
        <translation>打开合同 {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Put into the contract register</source>
        <translation>登记到合同台账</translation>
    </message>
    <message>
        <location line="+149"/>
        <source>Your step was not taken; the document now shows as it is.</source>
        <translation>您的操作未执行，文书已刷新为最新内容。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Changed by someone else</source>
        <translation>已被他人修改</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>In the contract register as {0}</source>
        <translation>已登记到合同台账：{0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not in the contract register: link a client first</source>
        <translation>未登记到合同台账：请先关联客户</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>Export Word</source>
        <translation>导出 Word</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Word documents (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Writing {0}…</source>
        <translation>正在写入 {0}…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Save as template</source>
        <translation>另存为模板</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
</context>
<context>
    <name>DocumentTableModel</name>
    <message>
        <location filename="../../app/ui/documents/page.py" line="+39"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number</source>
        <translation>文号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <location line="+44"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Title, number or client</source>
        <translation>标题、文号或客户</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+22"/>
        <source>New document…</source>
        <translation>新建文书…</translation>
    </message>
    <message>
        <location line="-20"/>
        <location line="+37"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="-36"/>
        <location line="+40"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Number prefixes…</source>
        <translation>文号前缀…</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Templates…</source>
        <translation>模板…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Documents</source>
        <translation>文书</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Loading documents…</source>
        <translation>正在加载文书…</translation>
    </message>
    <message>
        <location line="-45"/>
        <source>No document matches these filters.</source>
        <translation>没有符合筛选条件的文书。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>No documents yet.</source>
        <translation>还没有文书。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draft an agreement, a notice, a letter or a fax from a template.</source>
        <translation>从模板起草协议、通知、函或传真。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Register as sent…</source>
        <translation>登记发文…</translation>
    </message>
    <message numerus="yes">
        <location line="+39"/>
        <source>%n document(s)</source>
        <translation>
            <numerusform>共 %n 份文书</numerusform>
        </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Delete “{0}”? Its number is not given out again.</source>
        <translation>删除“{0}”？其文号不会再次分配。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete document</source>
        <translation>删除文书</translation>
    </message>
</context>
<context>
    <name>DueActionsPanel</name>
    <message>
        <location filename="../../app/ui/minutes/due_panel.py" line="+39"/>
        <source>No action item is due today or overdue.</source>
        <translation>没有今天到期或逾期的落实事项。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Loading due action items</source>
        <translation>正在加载到期的落实事项</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Action items: {0} overdue, {1} due today</source>
        <translation>落实事项：逾期 {0} 项，今天到期 {1} 项</translation>
    </message>
</context>
<context>
    <name>FilesEditor</name>
    <message>
        <location filename="../../app/ui/tenders/packet_editors.py" line="+277"/>
        <source>Add from library…</source>
        <translation>从资质库添加…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Drop scans (PDF, PNG, JPG) here to add them. Each file is listed in the contents under its title (F2 renames it; drag or move to reorder).</source>
        <translation>将扫描件（PDF、PNG、JPG）拖到此处即可添加。每个文件以其名称列入目录（F2 重命名；拖动或上移、下移调整顺序）。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Own name: %1</source>
        <translation>原名：%1</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>file</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>FollowUpPage</name>
    <message>
        <location filename="../../app/ui/minutes/followup_page.py" line="+75"/>
        <source>Filter by client</source>
        <translation>按客户筛选</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Overdue only</source>
        <translation>仅显示逾期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done…</source>
        <translation>办结…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+99"/>
        <source>In progress</source>
        <translation>标记为进行中</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>Open minutes</source>
        <translation>打开会议纪要</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Overdue digest…</source>
        <translation>逾期事项汇总…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Owner</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Loading the action items…</source>
        <translation>正在加载落实事项…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No open action item matches the filters</source>
        <translation>没有符合筛选条件的未办结事项</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No open action items</source>
        <translation>没有未办结的落实事项</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n open item(s)</source>
        <translation>
            <numerusform>未办结 %n 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>, %n overdue</source>
        <translation>
            <numerusform>，逾期 %n 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>, %n due today</source>
        <translation>
            <numerusform>，今天到期 %n 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>; %n shown by the filter</source>
        <translation>
            <numerusform>；筛选后显示 %n 项</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ForecastPanel</name>
    <message>
        <location filename="../../app/ui/plan/forecast_view.py" line="+61"/>
        <source>Save forecasts</source>
        <translation>保存预测</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>Expected on</source>
        <translation>预计到账</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account manager</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount × probability</source>
        <translation>金额 × 概率</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Counts</source>
        <translation>计入</translation>
    </message>
    <message>
        <location line="-119"/>
        <source>Suggested: receivables in full on their due date (overdue ones in the current month); open tenders at budget × win probability (tracking 10%, preparing 30%, bid 50%, won without contract 90%), 60 days after the award (30 days to sign, Government Procurement Law art. 46, and 30 days to pay).</source>
        <translation>建议数：应收合同按到期日全额计入（逾期的计入本月）；在投项目按预算×中标概率（跟踪中10%、准备投标30%、已投标50%、中标未签合同90%），于中标后60天计入（30天内签合同，政府采购法第四十六条；再加30天付款期）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>From</source>
        <translation>起始月</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Months</source>
        <translation>月数</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>(no account manager)</source>
        <translation>（未分配客户经理）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Suggested {0}: type a figure to enter one</source>
        <translation>建议数 {0}：输入数字即为填报</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Entered; suggested {0}. Clear the cell to use the suggestion</source>
        <translation>已填报；建议数 {0}。清空单元格即改用建议数</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Suggested {0} from {1} records</source>
        <translation>建议预测 {0}，来自 {1} 条记录</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Receivable</source>
        <translation>应收合同</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tender</source>
        <translation>在投项目</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not due</source>
        <translation>未到期</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Forecasts saved.</source>
        <translation>预测已保存。</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../app/ui/kit/forms.py" line="-423"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Discard changes</source>
        <translation>放弃更改</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard unsaved changes?</source>
        <translation>放弃未保存的更改？</translation>
    </message>
    <message>
        <location line="+159"/>
        <source>Load latest</source>
        <translation>载入最新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Changed by someone else</source>
        <translation>已被他人修改</translation>
    </message>
</context>
<context>
    <name>FormEditor</name>
    <message>
        <location filename="../../app/ui/tenders/packet_editors.py" line="-103"/>
        <source>Filled from the tender, its price lines and the company settings; values nobody entered print as blanks to write on by hand.</source>
        <translation>根据投标项目、分项报价和公司信息自动填写；未填写的内容打印为空白，可手工填写。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Project number</source>
        <translation>项目编号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bid total</source>
        <translation>投标总价</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delivery period</source>
        <translation>交货期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bid validity</source>
        <translation>投标有效期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legal representative&apos;s title</source>
        <translation>法定代表人职务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legal representative&apos;s ID number</source>
        <translation>法定代表人身份证号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change them in Settings &gt; Company.</source>
        <translation>请在“设置 &gt; 公司信息”中修改。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(not entered: prints as a blank)</source>
        <translation>（未填写：打印为空白）</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="-117"/>
        <location line="+4"/>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save (in an editor)</source>
        <translation>保存（编辑窗口中）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close a dialog</source>
        <translation>关闭对话框</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../../app/ui/history/view.py" line="+25"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who</source>
        <translation>修改人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes</source>
        <translation>修改内容</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>No changes recorded yet.</source>
        <translation>还没有修改记录。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+15"/>
        <source>Change history</source>
        <translation>修改记录</translation>
    </message>
</context>
<context>
    <name>HolidayCalendarModel</name>
    <message>
        <location filename="../../app/ui/settings/holidays.py" line="+53"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Weekday</source>
        <translation>星期</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Off/work</source>
        <translation>休/班</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Holiday</source>
        <translation>节日</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
</context>
<context>
    <name>HolidayCalendarPanel</name>
    <message>
        <location line="-37"/>
        <source>Published (library)</source>
        <translation>官方（库）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Entered</source>
        <translation>已录入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statutory (worked out)</source>
        <translation>法定推算</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Day off (休)</source>
        <translation>休息日（休）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Working day (班)</source>
        <translation>上班日（班）</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>e.g. 春节</source>
        <translation>如 春节</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove entered day</source>
        <translation>删除录入的日期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import CSV…</source>
        <translation>导入 CSV…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Enter the days of the State Council&apos;s holiday notice. Entered days count before the published calendar and the statutory holidays, in every deadline, plan and report. CSV columns: date, 休/班, holiday name.</source>
        <translation>录入国务院办公厅节假日安排通知中的日期。录入的日期优先于官方日历和法定节假日，用于所有期限、计划和报表。CSV 列：日期、休/班、节日名称。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Days</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Off/work</source>
        <translation>休/班</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Holiday name</source>
        <translation>节日名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Published (已公布)</source>
        <translation>已公布</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Make-up days not announced (调休未公布): statutory holidays only</source>
        <translation>调休未公布：仅按法定节假日推算</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0}: {1}</source>
        <translation>{0} {1}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>M{0}</source>
        <translation>{0}月</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Working days per month: {0} (year {1})</source>
        <translation>各月工作日：{0}（全年 {1}）</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Import holiday days</source>
        <translation>导入节假日</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../app/ui/home/page.py" line="+73"/>
        <source>Due today</source>
        <translation>今日待办</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+14"/>
        <location line="+19"/>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Activity</source>
        <translation>活动</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>Nothing is due today. Well done!</source>
        <translation>今天没有到期事项，干得好！</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open complaints</source>
        <translation>未结投诉</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Age</source>
        <translation>已过天数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Received</source>
        <translation>投诉日期</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>No open complaints.</source>
        <translation>没有未结投诉。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Overdue visits</source>
        <translation>逾期未拜访</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Last visit</source>
        <translation>最近拜访</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days overdue</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account manager</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <location line="-89"/>
        <source>Every client has been visited on schedule.</source>
        <translation>所有客户均已按计划拜访。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All overdue visits…</source>
        <translation>全部逾期拜访…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Replies due</source>
        <translation>待复函件</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>Reply due</source>
        <translation>复函期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Letter</source>
        <translation>函件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From / to</source>
        <translation>对方单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number</source>
        <translation>文号</translation>
    </message>
    <message>
        <location line="-96"/>
        <source>No letter is waiting for a reply.</source>
        <translation>没有待回复的函件。</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loading the home page</source>
        <translation>正在加载首页</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="-9"/>
        <location line="+59"/>
        <source>{0} days overdue</source>
        <translation>逾期 {0} 天</translation>
    </message>
    <message>
        <location line="-59"/>
        <location line="+60"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>{0} days</source>
        <translation>{0} 天</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Never</source>
        <translation>从未拜访</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>In {0} days</source>
        <translation>{0} 天后</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../app/ui/clients/import_dialog.py" line="+162"/>
        <source>Import clients</source>
        <translation>导入客户</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Choose an Excel (.xlsx) or CSV file with one client per row and these column headings (English headings are accepted too):</source>
        <translation>请选择 Excel（.xlsx）或 CSV 文件，每行一个客户，表头如下（也可使用英文表头）：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No file chosen</source>
        <translation>未选择文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save an empty template…</source>
        <translation>保存空白模板…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nothing is written until you have seen the preview and clicked Import.</source>
        <translation>在您查看预览并点击“导入”之前，不会写入任何数据。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Choose the client list</source>
        <translation>选择客户名单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>电子表格 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Save an empty template</source>
        <translation>保存空白模板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>client-import-template.xlsx</source>
        <translation>客户导入模板.xlsx</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Template saved: {0}</source>
        <translation>模板已保存：{0}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reading {0}</source>
        <translation>正在读取 {0}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>All rows</source>
        <translation>全部行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only problems</source>
        <translation>仅有问题的行</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose another file</source>
        <translation>另选文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Columns not in the template are ignored: {0}</source>
        <translation>以下列不在模板中，将被忽略：{0}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import {0} rows</source>
        <translation>导入 {0} 行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file has no client rows.</source>
        <translation>文件中没有客户数据行。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Will import {0} rows, reject {1} rows, {2} duplicate rows, {3} blank rows</source>
        <translation>将导入 {0} 行，拒绝 {1} 行，重复 {2} 行，空行 {3} 行</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Importing {0}</source>
        <translation>正在导入 {0}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{0} clients imported.</source>
        <translation>已导入 {0} 个客户。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0} rows rejected, {1} duplicate rows, {2} blank rows skipped.</source>
        <translation>已拒绝 {0} 行，跳过重复 {1} 行、空行 {2} 行。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Save the rejected and duplicate rows, with the reason in a 错误原因 column, fix them and import that file again.</source>
        <translation>请保存被拒绝和重复的行（原因写在“错误原因”列），修改后再导入该文件。</translation>
    </message>
    <message>
        <location line="-85"/>
        <location line="+90"/>
        <source>Save rejected rows…</source>
        <translation>保存被拒绝的行…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+14"/>
        <source>Save rejected rows</source>
        <translation>保存被拒绝的行</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{0} rows saved to {1}</source>
        <translation>已将 {0} 行保存到 {1}</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Preview cancelled.</source>
        <translation>已取消预览。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import cancelled. The archive is unchanged: no client was imported.</source>
        <translation>已取消导入。档案未做任何改动，没有导入任何客户。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>1. Choose a file</source>
        <translation>1. 选择文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>2. Check the preview</source>
        <translation>2. 检查预览</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>3. Done</source>
        <translation>3. 完成</translation>
    </message>
</context>
<context>
    <name>KeysetModel</name>
    <message>
        <location filename="../../app/ui/kit/keyset.py" line="+168"/>
        <source>Loading more rows</source>
        <translation>正在加载更多</translation>
    </message>
</context>
<context>
    <name>LazyModel</name>
    <message>
        <location filename="../../app/ui/kit/tables.py" line="+397"/>
        <source>Loading rows</source>
        <translation>正在加载列表</translation>
    </message>
</context>
<context>
    <name>LetterDialog</name>
    <message>
        <location filename="../../app/ui/letters/dialog.py" line="+85"/>
        <source>Incoming letter</source>
        <translation>收文登记</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Outgoing letter</source>
        <translation>发文登记</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Left empty: the next number of the year</source>
        <translation>留空则自动取本年下一个文号</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Reply needed by</source>
        <translation>需回复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filed on</source>
        <translation>已归档</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reg. no.</source>
        <translation>收文号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Number</source>
        <translation>发文字号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>From</source>
        <translation>来文单位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation>发往单位</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Their ref.</source>
        <translation>来文字号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title / matter</source>
        <translation>标题/事由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handler</source>
        <translation>承办人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Signed off by</source>
        <translation>签发人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handling</source>
        <translation>办理情况</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reply due</source>
        <translation>回复期限</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filed</source>
        <translation>归档日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Answers</source>
        <translation>所复收文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Scans (drop files here):</source>
        <translation>扫描件（可将文件拖放到此处）：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Attach scan…</source>
        <translation>添加扫描件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove scan</source>
        <translation>移除扫描件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open the issued document</source>
        <translation>打开已发文书</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>Letter</source>
        <translation>函件</translation>
    </message>
    <message>
        <location line="+170"/>
        <source>{0}  (attached on save)</source>
        <translation>{0}  （保存时添加）</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Attach scans</source>
        <translation>添加扫描件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scans (*.pdf *.jpg *.jpeg *.png);;All (*)</source>
        <translation>扫描件 (*.pdf *.jpg *.jpeg *.png);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>LetterRegister</name>
    <message>
        <location filename="../../app/ui/letters/page.py" line="+141"/>
        <source>Number, title or counterpart</source>
        <translation>文号、标题或来往单位</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reply overdue</source>
        <translation>回复已逾期</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+23"/>
        <source>Register…</source>
        <translation>登记…</translation>
    </message>
    <message>
        <location line="-21"/>
        <location line="+35"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="-34"/>
        <location line="+35"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Export .xlsx…</source>
        <translation>导出 .xlsx…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print register…</source>
        <translation>打印登记簿…</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>All years</source>
        <translation>全部年份</translation>
    </message>
    <message>
        <location line="+50"/>
        <location line="+42"/>
        <source>Loading letters…</source>
        <translation>正在加载来往函…</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>No letter matches these filters.</source>
        <translation>没有符合筛选条件的函件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>No letters registered yet.</source>
        <translation>还没有登记函件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register each letter received or sent, with its scan.</source>
        <translation>收到或发出的每一份函件都在此登记，并附上扫描件。</translation>
    </message>
    <message numerus="yes">
        <location line="+81"/>
        <source>%n letter(s)</source>
        <translation>
            <numerusform>共 %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>, %n reply(ies) overdue</source>
        <translation>
            <numerusform>，%n 件逾期未回复</numerusform>
        </translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Delete “{0}” ({1}) and its scans?</source>
        <translation>删除“{0}”（{1}）及其扫描件？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete letter</source>
        <translation>删除函件</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>letters.xlsx</source>
        <translation>收发文登记.xlsx</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Exporting letters…</source>
        <translation>正在导出函件登记…</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n letter(s) exported</source>
        <translation>
            <numerusform>已导出 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Printing the register…</source>
        <translation>正在打印登记簿…</translation>
    </message>
</context>
<context>
    <name>LetterTableModel</name>
    <message>
        <location line="-260"/>
        <source>Reg. no.</source>
        <translation>收文号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received</source>
        <translation>收文日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>来文单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Their ref.</source>
        <translation>来文字号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title / matter</source>
        <translation>标题/事由</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+12"/>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Handler</source>
        <translation>承办人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handling</source>
        <translation>办理情况</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+12"/>
        <source>Reply due</source>
        <translation>回复期限</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Filed</source>
        <translation>归档日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+11"/>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Number</source>
        <translation>发文字号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent</source>
        <translation>发文日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>发往单位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed off by</source>
        <translation>签发人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The reply is overdue</source>
        <translation>回复已逾期</translation>
    </message>
</context>
<context>
    <name>LettersPage</name>
    <message>
        <location line="+215"/>
        <source>Incoming (收文)</source>
        <translation>收文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outgoing (发文)</source>
        <translation>发文</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Letters</source>
        <translation>来往函</translation>
    </message>
</context>
<context>
    <name>LineItemsModel</name>
    <message>
        <location filename="../../app/ui/tenders/line_items.py" line="+103"/>
        <source>Item</source>
        <translation>货物/服务名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Brand / model</source>
        <translation>品牌/型号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>小计</translation>
    </message>
</context>
<context>
    <name>LoadingBar</name>
    <message>
        <location filename="../../app/ui/kit/loading_bar.py" line="+21"/>
        <source>Loading more rows…</source>
        <translation>正在加载更多…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="+144"/>
        <source>Sales Compass — {0}</source>
        <translation>销售罗盘 — {0}</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Contracts</source>
        <translation>合同</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rebates</source>
        <translation>销售返点</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clients</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activities</source>
        <translation>活动</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Documents</source>
        <translation>文书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Letters</source>
        <translation>来往函</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Monthly plan</source>
        <translation>月计划</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Tenders</source>
        <translation>投标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Qualifications</source>
        <translation>资质库</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Analysis &amp; report</source>
        <translation>分析与月报</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Minutes</source>
        <translation>会议纪要</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>Sales Compass — {0} (read-only)</source>
        <translation>销售罗盘 — {0}（只读）</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Areas</source>
        <translation>区域</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Overdue visits</source>
        <translation>逾期拜访</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Follow-up</source>
        <translation>督促落实</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Recycle bin</source>
        <translation>回收站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Administration</source>
        <translation>管理</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>Open archive…</source>
        <translation>打开档案…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New archive…</source>
        <translation>新建档案…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connect to team archive…</source>
        <translation>连接团队档案…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync with team archive…</source>
        <translation>同步到团队档案…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import clients…</source>
        <translation>导入客户…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export clients…</source>
        <translation>导出客户…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export template…</source>
        <translation>导出模板…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backup…</source>
        <translation>备份…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backup and restore…</source>
        <translation>备份与恢复…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+624"/>
        <source>Check archive</source>
        <translation>检查档案</translation>
    </message>
    <message>
        <location line="-621"/>
        <source>A team archive is backed up on its server</source>
        <translation>团队档案由服务器负责备份</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close window</source>
        <translation>关闭窗口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+228"/>
        <source>New client</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <location line="-226"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+13"/>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About Sales Compass</source>
        <translation>关于销售罗盘</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open recent</source>
        <translation>最近打开</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The file is missing</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clear list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Search clients, contacts, activities (Ctrl+K)</source>
        <translation>搜索客户、联系人、活动（Ctrl+K）</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+1"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Team archive {0}</source>
        <translation>团队档案 {0}</translation>
    </message>
    <message>
        <location line="+243"/>
        <source>Nothing to print here.</source>
        <translation>此处没有可打印的内容。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Select a row in a list to delete it.</source>
        <translation>请先在列表中选中要删除的一行。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Open archive</source>
        <translation>打开档案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archives (*.sqlite3 *.db);;All files (*)</source>
        <translation>档案 (*.sqlite3 *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+12"/>
        <source>New archive</source>
        <translation>新建档案</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>archive.sqlite3</source>
        <translation>档案.sqlite3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archives (*.sqlite3)</source>
        <translation>档案 (*.sqlite3)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{0} already exists. Open it with File &gt; Open archive.</source>
        <translation>{0} 已存在。请用 文件 &gt; 打开档案 打开它。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The file is missing: {0}</source>
        <translation>文件不存在：{0}</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Export clients</source>
        <translation>导出客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>clients.xlsx</source>
        <translation>客户名单.xlsx</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+23"/>
        <source>Spreadsheet (*.xlsx *.csv)</source>
        <translation>电子表格 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Exporting clients…</source>
        <translation>正在导出客户…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clients exported to {0}</source>
        <translation>客户已导出到 {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export template</source>
        <translation>导出模板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>client-import-template.xlsx</source>
        <translation>客户导入模板.xlsx</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Template written to {0}</source>
        <translation>模板已保存到 {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Back up to folder</source>
        <translation>备份到文件夹</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Backup written to {0}</source>
        <translation>备份已保存到 {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The backup was written, but %n attachment file(s) of the archive are damaged and were not copied. Run &apos;Check archive&apos; for details.</source>
        <translation>
            <numerusform>备份已写入，但档案中有 %n 个附件文件已损坏，未能备份。请运行“检查档案”查看详情。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archives (*.sqlite3 *.db);;All (*)</source>
        <translation>档案文件 (*.sqlite3 *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Restoring replaces the current archive with the backup “{0}”. The current archive is kept beside it. The application will close; start it again afterwards. Continue?</source>
        <translation>恢复将用备份“{0}”替换当前档案，当前档案会保留在其旁边。程序随后将关闭，请之后重新启动。是否继续？</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+18"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The archive was restored. Please start again.</source>
        <translation>档案已恢复，请重新启动程序。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Checking the archive…</source>
        <translation>正在检查档案…</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n problem(s) found.</source>
        <translation>
            <numerusform>发现 %n 个问题。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rebuild search index</source>
        <translation>重建搜索索引</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The archive is in good order.</source>
        <translation>档案完好，未发现问题。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rebuilding the search index…</source>
        <translation>正在重建搜索索引…</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Search index rebuilt: %n document(s).</source>
        <translation>
            <numerusform>搜索索引已重建：%n 条。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MeetingTableModel</name>
    <message>
        <location filename="../../app/ui/minutes/list_page.py" line="+35"/>
        <source>Held</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Chair</source>
        <translation>主持人</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Clients</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open items</source>
        <translation>未办结事项</translation>
    </message>
</context>
<context>
    <name>MinutesDialog</name>
    <message>
        <location filename="../../app/ui/minutes/minutes_dialog.py" line="+83"/>
        <source>Meeting minutes</source>
        <translation>会议纪要</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Minutes</source>
        <translation>会议纪要</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 恒信项目推进会</source>
        <translation>如：恒信项目推进会</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Names separated by 、 or commas</source>
        <translation>多个姓名用“、”或逗号分隔</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Given when the minutes are saved</source>
        <translation>保存后自动编号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Minutes No.</source>
        <translation>纪要编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chair</source>
        <translation>主持人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Minutes taker</source>
        <translation>记录人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reviewer</source>
        <translation>审核人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Present</source>
        <translation>出席</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In attendance</source>
        <translation>列席</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>On leave</source>
        <translation>请假</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Clients and tender</source>
        <translation>相关客户和投标项目</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove client</source>
        <translation>移除客户</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add client</source>
        <translation>添加客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clients</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tender</source>
        <translation>投标项目</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Agenda and discussion</source>
        <translation>议题和讨论</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Agenda</source>
        <translation>议题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discussion</source>
        <translation>讨论要点</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Decisions (numbered 一、二、三)</source>
        <translation>议定事项（按一、二、三编号）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Decision</source>
        <translation>议定事项</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Type a decision and press Enter</source>
        <translation>输入议定事项后按回车</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Action items</source>
        <translation>落实事项</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Task</source>
        <translation>事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Helpers</source>
        <translation>协办</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due (YYYY-MM-DD)</source>
        <translation>完成时限（YYYY-MM-DD）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result</source>
        <translation>落实情况</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Add item</source>
        <translation>添加事项</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove item</source>
        <translation>移除事项</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Other matters and next meeting</source>
        <translation>其他事项和下次会议</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>People or departments, separated by 、 or commas</source>
        <translation>人员或部门，以“、”或逗号分隔</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Other matters</source>
        <translation>其他事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next meeting</source>
        <translation>下次会议</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Distributed to</source>
        <translation>分送</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copies to</source>
        <translation>抄送</translation>
    </message>
    <message>
        <location line="+251"/>
        <source>Saving the minutes…</source>
        <translation>正在保存会议纪要…</translation>
    </message>
</context>
<context>
    <name>MinutesPage</name>
    <message>
        <location filename="../../app/ui/minutes/list_page.py" line="+28"/>
        <source>Title, place, people or agenda</source>
        <translation>标题、地点、人员或议题</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Filter by client</source>
        <translation>按客户筛选</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New minutes…</source>
        <translation>新建会议纪要…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Loading the minutes…</source>
        <translation>正在加载会议纪要…</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>No minutes match the filters</source>
        <translation>没有符合筛选条件的会议纪要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>No minutes yet</source>
        <translation>暂无会议纪要</translation>
    </message>
    <message numerus="yes">
        <location line="+54"/>
        <source>%n meeting(s)</source>
        <translation>
            <numerusform>共 %n 次会议</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>, %n open action item(s)</source>
        <translation>
            <numerusform>，未办结事项 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Delete the minutes “{0}” and their {1} action item(s)?</source>
        <translation>删除会议纪要“{0}”及其 {1} 项落实事项？</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+7"/>
        <source>Delete minutes</source>
        <translation>删除会议纪要</translation>
    </message>
    <message>
        <location filename="../../app/ui/minutes/minutes_dialog.py" line="-435"/>
        <source>Printing the minutes…</source>
        <translation>正在打印会议纪要…</translation>
    </message>
</context>
<context>
    <name>NewsDialog</name>
    <message>
        <location filename="../../app/ui/clients/news_dialog.py" line="+57"/>
        <source>New client news</source>
        <translation>新建客户动态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Client news</source>
        <translation>客户动态</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No scan</source>
        <translation>无扫描件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose scan…</source>
        <translation>选择扫描件…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%n scan(s) attached</source>
        <translation>
            <numerusform>已附 %n 个扫描件</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Choose scan</source>
        <translation>选择扫描件</translation>
    </message>
</context>
<context>
    <name>NumberPrefixDialog</name>
    <message>
        <location filename="../../app/ui/documents/prefixes_dialog.py" line="+45"/>
        <source>Number prefixes</source>
        <translation>文号前缀</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The issuing code printed before 〔year〕 in the number of each kind of document. Left empty, the number starts with 〔year〕.</source>
        <translation>各类文书发文字号中〔年份〕前的机关代字。不填时，文号以〔年份〕开头。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>e.g. {0}</source>
        <translation>如：{0}</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>{0}:</source>
        <translation>{0}：</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Next number: {0}</source>
        <translation>下一个文号：{0}</translation>
    </message>
</context>
<context>
    <name>OthersChanges</name>
    <message>
        <location filename="../../app/ui/kit/refresh.py" line="+57"/>
        <source>Checking for others&apos; changes</source>
        <translation>正在检查他人的修改</translation>
    </message>
</context>
<context>
    <name>OverduePage</name>
    <message>
        <location filename="../../app/ui/visits/overdue_page.py" line="+45"/>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Key account</source>
        <translation>大客户</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+47"/>
        <location line="+16"/>
        <source>Account manager</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>Last visit</source>
        <translation>上次拜访</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Never</source>
        <translation>从未拜访</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Interval (days)</source>
        <translation>拜访间隔（天）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Days overdue</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Visit plan: overdue visits</source>
        <translation>访问计划：逾期拜访</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Tier {0}</source>
        <translation>{0} 级</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Key accounts only</source>
        <translation>仅大客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tiers</source>
        <translation>等级</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No client is overdue for a visit.</source>
        <translation>没有逾期未拜访的客户。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every client of these tiers has been visited on schedule.</source>
        <translation>这些等级的客户都已按时拜访。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>All account managers</source>
        <translation>全部客户经理</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(none)</source>
        <translation>（未指定）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loading the overdue visits</source>
        <translation>正在加载逾期拜访</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n client(s) overdue for a visit</source>
        <translation>
            <numerusform>共 %n 家客户逾期未拜访</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Printing the overdue visits…</source>
        <translation>正在生成逾期拜访清单…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Exporting the overdue visits…</source>
        <translation>正在导出逾期拜访清单…</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n client(s) exported to {0}</source>
        <translation>
            <numerusform>已将 %n 家客户导出到 {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PacketBuilderDialog</name>
    <message>
        <location filename="../../app/ui/tenders/packet_editors.py" line="-90"/>
        <source>valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expiring soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no expiry</source>
        <translation>长期有效</translation>
    </message>
    <message>
        <location filename="../../app/ui/tenders/packet_builder.py" line="+82"/>
        <source>Tender packet - %1</source>
        <translation>投标文件 - %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add section</source>
        <translation>添加章节</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>● required section</source>
        <translation>● 必备章节</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sections (print order)</source>
        <translation>章节（按打印顺序）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Files section (scans)</source>
        <translation>文件章节（扫描件）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Save section</source>
        <translation>保存章节</translation>
    </message>
    <message>
        <location filename="../../app/ui/tenders/packet_printing.py" line="+81"/>
        <source>Original (正本)</source>
        <translation>正本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy (副本)</source>
        <translation>副本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Watermark scans</source>
        <translation>扫描件加水印</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Generate and preview</source>
        <translation>生成并预览</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <location filename="../../app/ui/tenders/packet_builder.py" line="+23"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/ui/tenders/packet_printing.py" line="+4"/>
        <source>Print:</source>
        <translation>打印：</translation>
    </message>
    <message>
        <location filename="../../app/ui/tenders/packet_builder.py" line="+3"/>
        <source>Checklist before printing</source>
        <translation>打印前检查清单</translation>
    </message>
    <message>
        <location filename="../../app/ui/tenders/packet_editors.py" line="-77"/>
        <source>Required section</source>
        <translation>必备章节</translation>
    </message>
    <message>
        <location filename="../../app/ui/tenders/packet_builder.py" line="+38"/>
        <source>No blocking problems: the packet can be printed.</source>
        <translation>没有影响投标的问题，可以打印投标文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 errors, %2 warnings</source>
        <translation>%1 个错误，%2 个警告</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0}  ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Section saved</source>
        <translation>章节已保存</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Remove the section “%1” from the packet?</source>
        <translation>从投标文件中移除章节“%1”？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It is a required section: the checklist will block printing.</source>
        <translation>这是必备章节，移除后检查清单将禁止打印。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove section</source>
        <translation>移除章节</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Import deviation rows</source>
        <translation>导入偏离表行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>表格文件 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reading rows…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add scans</source>
        <translation>添加扫描件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scans (*.pdf *.png *.jpg *.jpeg)</source>
        <translation>扫描件 (*.pdf *.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Remove files</source>
        <translation>移除文件</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Remove the selected files from this section?</source>
        <translation>从本章节中移除选中的文件？</translation>
    </message>
    <message>
        <location filename="../../app/ui/tenders/packet_printing.py" line="+34"/>
        <source>The checklist has problems that would get the bid rejected:</source>
        <translation>检查清单发现以下可能导致废标的问题：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Print a draft (marked 草稿 on every page) instead?</source>
        <translation>改为打印草稿（每页标注“草稿”）吗？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print a draft</source>
        <translation>打印草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go back and fix</source>
        <translation>返回修改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Packet not ready</source>
        <translation>投标文件尚未就绪</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Save PDF</source>
        <translation>保存 PDF</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Printing cancelled</source>
        <translation>已取消打印</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Printing the tender packet…</source>
        <translation>正在生成投标文件…</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>Panel</name>
    <message>
        <location filename="../../app/ui/home/panel.py" line="+67"/>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../app/ui/password_dialog.py" line="+39"/>
        <source>Encrypted archive</source>
        <translation>加密档案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The archive {0} is encrypted. Enter its password:</source>
        <translation>档案 {0} 已加密，请输入密码：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Remember password</source>
        <translation>记住密码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep the password in this computer&apos;s keyring</source>
        <translation>把密码保存在本机的系统钥匙串中</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Please enter the password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Wrong password. Please try again.</source>
        <translation>密码不正确，请重试。</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <location filename="../../app/ui/pdf_preview.py" line="+58"/>
        <source>Preview - %1</source>
        <translation>预览 - %1</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>-</source>
        <translation>-</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>+</source>
        <translation>+</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Page</source>
        <translation>页码</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>The rare characters font %1 cannot be used (missing or not a TrueType font).</source>
        <translation>补充字体 %1 无法使用（文件不存在或不是 TrueType 字体）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 characters have no glyph in any font and print as boxes: %2. Choose a font file that has them in Settings → Rare characters font.</source>
        <translation>%1 个字没有字形，已印为方框：%2；可在 设置 → 补充字体 选一个字体文件。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+231"/>
        <source>Open with system viewer</source>
        <translation>用系统程序打开</translation>
    </message>
    <message>
        <location line="-230"/>
        <source>Save as...</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Opens the PDF in the program this computer uses for PDF files</source>
        <translation>用本机打开 PDF 文件的程序打开此 PDF</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Cannot open the file: %1</source>
        <translation>无法打开文件：%1</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Page %1 of %2</source>
        <translation>第 %1 页 共 %2 页</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Print %1</source>
        <translation>打印 %1</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The printer could not start printing.</source>
        <translation>打印机无法开始打印。</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>No program on this computer opens PDF files. Use Save as… instead.</source>
        <translation>本机没有能打开 PDF 文件的程序。请改用“另存为…”。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Save PDF as</source>
        <translation>PDF 另存为</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>PlanPage</name>
    <message>
        <location filename="../../app/ui/plan/page.py" line="+99"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The month&apos;s targets, split and progress as a PDF</source>
        <translation>本月目标、分解与完成情况（PDF）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Plan vs actual</source>
        <translation>计划与完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Split by 旬, week and day</source>
        <translation>按旬、周、日分解</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Annual plan</source>
        <translation>年度计划</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sales forecast</source>
        <translation>销售预测</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Targets (double-click to edit)</source>
        <translation>目标（双击编辑）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save targets</source>
        <translation>保存目标</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Account manager</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add row</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Team</source>
        <translation>全组</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Team (sum)</source>
        <translation>全组（合计）</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Targets saved.</source>
        <translation>目标已保存。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{0} working days</source>
        <translation>{0} 个工作日</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>; make-up working days (调休): {0}</source>
        <translation>；调休上班日：{0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; holidays: {0}</source>
        <translation>；节假日：{0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; {0}: statutory holidays only</source>
        <translation>；{0}：仅按法定节假日推算</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+28"/>
        <source>By 旬</source>
        <translation>按旬</translation>
    </message>
    <message>
        <location line="-27"/>
        <location line="+28"/>
        <source>By week</source>
        <translation>按周</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>By working day</source>
        <translation>按工作日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Working days</source>
        <translation>工作日</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Whole month</source>
        <translation>全月</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>By account manager</source>
        <translation>按客户经理</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>As of</source>
        <translation>截至</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{0} of {1} working days gone (as of {2})</source>
        <translation>本月 {1} 个工作日，已过 {0} 个（截至 {2}）</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Due by now: {0}</source>
        <translation>截至目前应完成：{0}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Printing the monthly plan…</source>
        <translation>正在生成月计划…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Exporting the monthly plan…</source>
        <translation>正在导出月计划…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Monthly plan exported to {0}</source>
        <translation>月计划已导出到 {0}</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <location filename="../../app/ui/clients/import_dialog.py" line="-447"/>
        <source>Import</source>
        <translation>可导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>QualificationDialog</name>
    <message>
        <location filename="../../app/ui/qualifications/dialog.py" line="+76"/>
        <source>New qualification</source>
        <translation>新建资质文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit qualification</source>
        <translation>编辑资质文件</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Title *</source>
        <translation>名称 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issuer</source>
        <translation>发证机关</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid from</source>
        <translation>有效期起</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expires on</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scans</source>
        <translation>扫描件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add scans…</source>
        <translation>添加扫描件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PDF, JPG or PNG; drop files here. Pages are merged in this order.</source>
        <translation>PDF、JPG 或 PNG，可拖放到此处；各页按此顺序合并。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>{0}  (new)</source>
        <translation>{0}  （新添加）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Add scans</source>
        <translation>添加扫描件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scans (*.pdf *.jpg *.jpeg *.png)</source>
        <translation>扫描件 (*.pdf *.jpg *.jpeg *.png)</translation>
    </message>
</context>
<context>
    <name>QualificationPicker</name>
    <message>
        <location filename="../../app/ui/tenders/qualification_picker.py" line="+75"/>
        <source>Add from the qualification library</source>
        <translation>从资质库添加</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Qualification</source>
        <translation>资质文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expires on</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Validity is judged on the bid deadline: %1</source>
        <translation>有效性以投标截止日期为准：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Loading the qualification library</source>
        <translation>正在加载资质库</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>already in this section</source>
        <translation>已在本章节中</translation>
    </message>
</context>
<context>
    <name>QualificationTableModel</name>
    <message>
        <location filename="../../app/ui/qualifications/page.py" line="+58"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Issuer</source>
        <translation>发证机关</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Valid from</source>
        <translation>有效期起</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Expires</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Scans</source>
        <translation>扫描件</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Long-term</source>
        <translation>长期</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Expires in {0} days</source>
        <translation>{0} 天后到期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No expiry</source>
        <translation>长期有效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
</context>
<context>
    <name>QualificationsPage</name>
    <message>
        <location line="+69"/>
        <source>Qualification library</source>
        <translation>资质库</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+17"/>
        <source>Add qualification</source>
        <translation>添加资质文件</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open scan</source>
        <translation>打开扫描件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The library is empty</source>
        <translation>资质库还是空的</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add the company&apos;s business licence, certificates, financial reports and other standing documents with their scans and expiry dates; tender packets take them from here.</source>
        <translation>添加公司的营业执照、资质证书、财务报告等常备文件及其扫描件和有效期；编制投标文件时从这里选取。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Loading the qualification library</source>
        <translation>正在加载资质库</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{0} items, {1} expired, {2} expiring within 30 days</source>
        <translation>共 {0} 项，已过期 {1} 项，30 天内到期 {2} 项</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>This qualification has no scan yet.</source>
        <translation>该资质文件还没有扫描件。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Delete “{0}” and its scans? Tender packets lose this file.</source>
        <translation>删除“{0}”及其扫描件？投标文件中的该文件也将一并移除。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete qualification</source>
        <translation>删除资质文件</translation>
    </message>
</context>
<context>
    <name>QuoteCalculator</name>
    <message>
        <location filename="../../app/ui/rebates/page.py" line="+115"/>
        <source>Rebate calculator</source>
        <translation>返点计算器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. 250,000</source>
        <translation>如 250,000</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 180,000</source>
        <translation>如 180,000</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sales (signed amount)</source>
        <translation>销售额（签约额）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipts</source>
        <translation>总收款</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Enter amounts such as 250,000.00</source>
        <translation>请输入金额，如 250,000.00</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter the sales and the receipts of the period.</source>
        <translation>请输入本期销售额和总收款。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rate {0}: rebate {1}</source>
        <translation>返点比例 {0}：返点金额 {1}</translation>
    </message>
</context>
<context>
    <name>RadarModel</name>
    <message>
        <location filename="../../app/ui/tenders/radar_panel.py" line="-60"/>
        <source>When</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tender</source>
        <translation>投标项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>RebateDetail</name>
    <message>
        <location filename="../../app/ui/rebates/page.py" line="+16"/>
        <source>Step</source>
        <translation>审批环节</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Decision</source>
        <translation>审批结果</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By</source>
        <translation>审批人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+51"/>
        <source>Comment</source>
        <translation>审批意见</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>Approver&apos;s name</source>
        <translation>审批人姓名</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>On a team archive each step is recorded under your own login&apos;s name</source>
        <translation>在团队档案中，每一步都以您登录名对应的姓名登记</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Comment (a reason is required to reject)</source>
        <translation>审批意见（驳回时必须填写理由）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approve: key-account manager</source>
        <translation>批准：大客户部经理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve: marketing centre</source>
        <translation>批准：市场营销中心</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve: general manager</source>
        <translation>批准：总经理</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settle on actual receipts</source>
        <translation>按实际回款结算</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>An advance rebate, once approved and its period over, is computed on the period&apos;s actual receipts; another tier goes back to all three approvals.</source>
        <translation>提前申请的返点审批通过且期间结束后，按期间实际回款计算；档位不同须重新经三级审批。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Print application form…</source>
        <translation>打印申请表…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print letter to client…</source>
        <translation>打印致客户函…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Approver</source>
        <translation>审批人</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Approval steps</source>
        <translation>审批环节</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Only a fully approved rebate gets a letter (an advance one once settled).</source>
        <translation>只有全部审批通过的返点才能出具确认函（提前申请的须先结算）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Select a rebate</source>
        <translation>请选择一条返点申请</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>FD-{0:05d} {1} — {2}</source>
        <translation>FD-{0:05d} {1} — {2}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Applied in advance: expected sales {0}, rate {1}, about {2} ({3})</source>
        <translation>提前申请：预计销售额 {0}，比例 {1}，约 {2}（{3}）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{0} to {1}: sales {2}, receipts {3}, rate {4}, rebate {5}</source>
        <translation>{0} 至 {1}：销售额 {2}，总收款 {3}，返点比例 {4}，返点金额 {5}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>same tier, settled directly</source>
        <translation>同档，直接结算</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>another tier: back to all three approvals</source>
        <translation>档位不同：重新经三级审批</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approved {0} {1}; actual {2} {3}; difference {4} — {5}</source>
        <translation>批准 {0} {1}；实际 {2} {3}；差额 {4}——{5}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Applied</source>
        <translation>已申请</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Application</source>
        <translation>申请</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settlement</source>
        <translation>结算</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settled</source>
        <translation>已结算</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Your step was not taken; the rebate now shows as it is.</source>
        <translation>您的审批未生效，返点已刷新为最新状态。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Changed by someone else</source>
        <translation>已被他人修改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Settled in the approved tier: {0}</source>
        <translation>已按批准档位结算：{0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Actual sales are in another tier: back to approval (all three steps).</source>
        <translation>实际销售额落入另一档位：已退回重新审批（三级全部重走）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Recorded: {0}</source>
        <translation>已记录：{0}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rebate application form</source>
        <translation>销售返点申请表</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Rebate letter</source>
        <translation>销售返点确认函</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Printing {0}…</source>
        <translation>正在打印 {0}…</translation>
    </message>
</context>
<context>
    <name>RebateTableModel</name>
    <message>
        <location line="-388"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sales</source>
        <translation>销售额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipts</source>
        <translation>总收款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rate</source>
        <translation>返点比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rebate</source>
        <translation>返点金额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settlement</source>
        <translation>结算</translation>
    </message>
</context>
<context>
    <name>RebatesPage</name>
    <message>
        <location line="+394"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Apply for a rebate…</source>
        <translation>申请销售返点…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tiers…</source>
        <translation>返点档次…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No rebates yet</source>
        <translation>还没有销售返点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply for a client&apos;s sales rebate; the rebate tiers are set under “Tiers…”.</source>
        <translation>为客户申请销售返点；返点档次在“返点档次…”中设置。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No rebate is in this state.</source>
        <translation>没有处于该状态的返点。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <location filename="../../app/ui/contracts/receipt_dialog.py" line="-96"/>
        <source>Book a receipt</source>
        <translation>登记回款</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit receipt</source>
        <translation>编辑回款</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received on</source>
        <translation>回款日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Method</source>
        <translation>回款方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>(none: pays the oldest due first)</source>
        <translation>（不指定：先冲抵最早到期的应收）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} (open {1})</source>
        <translation>{0}（未收 {1}）</translation>
    </message>
</context>
<context>
    <name>ReceiptImportDialog</name>
    <message>
        <location filename="../../app/ui/contracts/receipt_import_dialog.py" line="+25"/>
        <source>Import receipts</source>
        <translation>导入回款</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose an Excel (.xlsx) or CSV file with one receipt per row and these column headings (客户名称 or 统一社会信用代码 names the client):</source>
        <translation>请选择 Excel（.xlsx）或 CSV 文件，每行一笔回款，表头如下（用“客户名称”或“统一社会信用代码”指明客户）：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import cancelled. The archive is unchanged: no receipt was imported.</source>
        <translation>已取消导入。档案未做任何改动，没有导入任何回款。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} receipts imported.</source>
        <translation>已导入 {0} 笔回款。</translation>
    </message>
</context>
<context>
    <name>RecycleBinModel</name>
    <message>
        <location filename="../../app/ui/recycle_bin/page.py" line="+68"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Deleted by</source>
        <translation>删除人</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Deleted at</source>
        <translation>删除时间</translation>
    </message>
</context>
<context>
    <name>RecycleBinPage</name>
    <message>
        <location line="-55"/>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activity</source>
        <translation>活动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tender</source>
        <translation>投标项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Qualification</source>
        <translation>资质</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Letter</source>
        <translation>函件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt</source>
        <translation>回款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minutes</source>
        <translation>会议纪要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rebate</source>
        <translation>返点申请</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client news</source>
        <translation>客户动态</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Recycle bin</source>
        <translation>回收站</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+70"/>
        <source>All kinds</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location line="-66"/>
        <location line="+37"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="-35"/>
        <location line="+36"/>
        <source>Delete permanently…</source>
        <translation>彻底删除…</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Loading the recycle bin…</source>
        <translation>正在载入回收站…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The recycle bin is empty</source>
        <translation>回收站是空的</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>Keep deleted records for</source>
        <translation>已删除的记录保留</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>then they are deleted for good with their files.</source>
        <translation>，到期后连同附件文件彻底删除。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Deleted clients, contacts, activities, tenders, documents, letters, contracts, receipts, minutes and rebates wait here with their attachment files for {0} days. Restore puts a record back with everything that belonged to it.</source>
        <translation>删除的客户、联系人、活动、投标项目、文书、函件、合同、回款、会议纪要和返点申请会连同附件文件在这里保留 {0} 天。“恢复”会把记录连同属于它的一切放回原处。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing of this kind in the recycle bin</source>
        <translation>回收站里没有这一类记录</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Restoring “{0}”…</source>
        <translation>正在恢复“{0}”…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restored {0} “{1}”.</source>
        <translation>已恢复{0}“{1}”。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Delete {0} “{1}” permanently? It cannot be restored afterwards, and its attachment files are deleted unless another record uses them.</source>
        <translation>彻底删除{0}“{1}”？删除后无法恢复，它的附件文件也会删除（其他记录仍在使用的除外）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete permanently</source>
        <translation>彻底删除</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Deleting “{0}” permanently…</source>
        <translation>正在彻底删除“{0}”…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deleted {0} “{1}” permanently.</source>
        <translation>已彻底删除{0}“{1}”。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Deleted records are now kept for {0} days.</source>
        <translation>已删除的记录现在保留 {0} 天。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Emptying old records from the recycle bin…</source>
        <translation>正在清理回收站中过期的记录…</translation>
    </message>
</context>
<context>
    <name>ReplyPicker</name>
    <message>
        <location filename="../../app/ui/letters/reply_picker.py" line="+26"/>
        <source>(answers no letter)</source>
        <translation>（不复任何来函）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>, reply by {0}</source>
        <translation>，复函期限 {0}</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <location filename="../../app/ui/team/user_dialogs.py" line="+36"/>
        <source>Change role</source>
        <translation>更改角色</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
</context>
<context>
    <name>SearchPopup</name>
    <message>
        <location filename="../../app/ui/search/popup.py" line="+92"/>
        <source>Clients</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activities</source>
        <translation>活动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tenders</source>
        <translation>投标项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Qualifications</source>
        <translation>资质文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documents</source>
        <translation>文书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Letters</source>
        <translation>来往函</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contracts</source>
        <translation>合同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipts</source>
        <translation>回款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rebates</source>
        <translation>销售返点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meeting minutes</source>
        <translation>会议纪要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action items</source>
        <translation>督办事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client news</source>
        <translation>客户动态</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Searching</source>
        <translation>正在搜索</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>No results</source>
        <translation>无结果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Too long: only the first %1 characters are searched</source>
        <translation>查找内容过长，只按前 %1 个字查找</translation>
    </message>
</context>
<context>
    <name>SendDialog</name>
    <message>
        <location filename="../../app/ui/documents/send_dialog.py" line="+34"/>
        <source>Register as sent</source>
        <translation>登记发文</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>numbered now</source>
        <translation>登记时编号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{0}” ({1}) goes into the outgoing register.</source>
        <translation>“{0}”（{1}）将登记为发文。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Empty: the printed PDF is kept</source>
        <translation>留空则保存打印的 PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Date sent</source>
        <translation>发文日期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan</source>
        <translation>扫描件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answers</source>
        <translation>所复收文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed off by</source>
        <translation>签发人</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Register</source>
        <translation>登记</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Scan as sent</source>
        <translation>发文扫描件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scans (*.pdf *.jpg *.jpeg *.png);;All (*)</source>
        <translation>扫描件 (*.pdf *.jpg *.jpeg *.png);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Registered as sent: {0}</source>
        <translation>已登记发文：{0}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/ui/settings/dialog.py" line="+53"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Company</source>
        <translation>公司信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visit intervals</source>
        <translation>拜访周期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interface</source>
        <translation>界面</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Holidays</source>
        <translation>节假日</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Company name</source>
        <translation>公司名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legal representative&apos;s title</source>
        <translation>法定代表人职务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legal representative&apos;s ID number</source>
        <translation>法定代表人身份证号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fax</source>
        <translation>传真</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bank</source>
        <translation>开户银行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bank account</source>
        <translation>银行账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issuing authority mark (notices, letters)</source>
        <translation>发文机关标志（通知、函）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printing office (notices)</source>
        <translation>印发机关（通知）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Printed on agreements, notices, faxes and letters.</source>
        <translation>打印在协议、通知、传真和函件上。</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+1"/>
        <source>Default: the company name</source>
        <translation>默认为公司名称</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A client is overdue for a visit when its last visit is older than its tier&apos;s interval. Visit A and B clients first.</source>
        <translation>客户最近一次拜访距今超过其等级的拜访周期，即为逾期未拜访。首先拜访 A 级和 B 级客户。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A (key)</source>
        <translation>A 级（重点）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>B (major)</source>
        <translation>B 级（主要）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C (ordinary)</source>
        <translation>C 级（一般）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D (small or potential)</source>
        <translation>D 级（小型/潜在）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Default: {0} days</source>
        <translation>默认：{0} 天</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restore defaults (7 / 14 / 30 / 90 days)</source>
        <translation>恢复默认值（7 / 14 / 30 / 90 天）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Changes recorded as</source>
        <translation>记录修改人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The name kept with every change. Leave empty for your login name.</source>
        <translation>每次修改都会记下此名字；留空则使用系统登录名。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new language applies the next time Sales Compass starts.</source>
        <translation>新的语言将在下次启动销售罗盘时生效。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bundled Song face (Compass Serif SC)</source>
        <translation>内置宋体（Compass Serif SC）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A TrueType font file (.ttf or .ttc) for the body of PDF documents, for example SimSun. Leave empty for the bundled Song face. Notices and letters (公文) print their body in FangSong: the system&apos;s when installed, else the bundled one.</source>
        <translation>PDF 文书正文所用的 TrueType 字体文件（.ttf 或 .ttc），如宋体（SimSun）。留空则用内置宋体。通知和函（公文）正文用仿宋：系统装有仿宋时用系统的，否则用内置仿宋。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>A TrueType font file (.ttf or .ttc) for the characters no document font has, such as a name in CJK Extension B, for example SimSun-ExtB (simsunb.ttf) or HanaMinB. Leave empty to use one found on this computer; a character no font has prints as a box, to be written in by hand.</source>
        <translation>用于文档字体都没有的生僻字（如姓名中的扩展 B 区汉字）的 TrueType 字体文件（.ttf 或 .ttc），例如 SimSun-ExtB（simsunb.ttf）或花园明朝 B（HanaMinB）。留空则在本机自动查找；任何字体都没有的字印为方框，需手写补上。</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>This is not a TrueType font (.ttf or .ttc).</source>
        <translation>不是 TrueType 字体（.ttf 或 .ttc）。</translation>
    </message>
    <message>
        <location line="-125"/>
        <location line="+23"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Use bundled font</source>
        <translation>使用内置字体</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Document font</source>
        <translation>文档字体</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Found on this computer</source>
        <translation>在本机自动查找</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the rare characters font</source>
        <translation>选择补充字体</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find automatically</source>
        <translation>自动查找</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rare characters font</source>
        <translation>补充字体</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Choose a TrueType font</source>
        <translation>选择 TrueType 字体</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TrueType fonts (*.ttf *.ttc)</source>
        <translation>TrueType 字体 (*.ttf *.ttc)</translation>
    </message>
    <message>
        <location line="+62"/>
        <location line="+11"/>
        <source>This font file does not exist.</source>
        <translation>该字体文件不存在。</translation>
    </message>
</context>
<context>
    <name>StatsModel</name>
    <message>
        <location filename="../../app/ui/tenders/list_page.py" line="+68"/>
        <source>Won</source>
        <translation>中标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lost</source>
        <translation>未中标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Win rate</source>
        <translation>中标率</translation>
    </message>
</context>
<context>
    <name>TaskIndicator</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="-915"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>TeamSyncDialog</name>
    <message>
        <location filename="../../app/ui/team_sync_dialog.py" line="+33"/>
        <source>Sync with the team archive</source>
        <translation>同步到团队档案</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sends this copy&apos;s changes and brings the others&apos; back.</source>
        <translation>把本副本的改动发到团队档案，并取回其他人的改动。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before</source>
        <translation>原值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s</source>
        <translation>服务器的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Syncing…</source>
        <translation>正在同步……</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Syncing with the team archive</source>
        <translation>正在与团队档案同步</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The sync did not finish; it is safe to run it again.</source>
        <translation>同步未完成，可以放心再运行一次。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sent {0} new, {1} edited, {2} deleted; received {3} new, {4} edited, {5} deleted.</source>
        <translation>已上传：新增 {0}、修改 {1}、删除 {2}；已取回：新增 {3}、修改 {4}、删除 {5}。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0} fields changed on both sides: choose for each, then Sync again.</source>
        <translation>有 {0} 处两边都改过：请逐项选择，再点“同步”。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>(deleted)</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Use mine</source>
        <translation>用我的</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Use the server&apos;s</source>
        <translation>用服务器的</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>(changed)</source>
        <translation>（有改动）</translation>
    </message>
</context>
<context>
    <name>TeamUsersModel</name>
    <message>
        <location filename="../../app/ui/team/users_page.py" line="+22"/>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
</context>
<context>
    <name>TemplatesDialog</name>
    <message>
        <location filename="../../app/ui/documents/templates_dialog.py" line="+42"/>
        <source>Document templates</source>
        <translation>文书模板</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Copy as new…</source>
        <translation>复制为新模板…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import Word template…</source>
        <translation>导入 Word 模板…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export Word…</source>
        <translation>导出 Word…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>built-in</source>
        <translation>内置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>own</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Word</source>
        <translation>Word 模板</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} ({1}, {2})</source>
        <translation>{0}（{1}，{2}）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Kind: {0}</source>
        <translation>类型：{0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Built-in: copy it to make your own.</source>
        <translation>内置模板：请复制后再修改。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Imported from Word: drafts are filled into the Word file.</source>
        <translation>由 Word 导入：起草的文书将填入该 Word 文件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fields: {0}</source>
        <translation>字段：{0}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Copy template</source>
        <translation>复制模板</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Delete the template “{0}”?</source>
        <translation>删除模板“{0}”？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete template</source>
        <translation>删除模板</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+36"/>
        <source>Word documents (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Imported “{0}” with {1} fields</source>
        <translation>已导入“{0}”，共 {1} 个字段</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export Word</source>
        <translation>导出 Word</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Writing {0}…</source>
        <translation>正在写入 {0}…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
</context>
<context>
    <name>TenderDialog</name>
    <message>
        <location filename="../../app/ui/tenders/tender_dialog.py" line="+107"/>
        <source>New tender</source>
        <translation>新建投标项目</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit tender</source>
        <translation>编辑投标项目</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Basic information</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dates</source>
        <translation>时间节点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deposits and fees</source>
        <translation>保证金与费用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price breakdown</source>
        <translation>分项报价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>yuan</source>
        <translation>元</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>An existing client, or a new name (the client is created)</source>
        <translation>已有客户，或输入新名称（将自动建档）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Notice URL, or where the paper notice is</source>
        <translation>公告网址，或纸质公告的存放处</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> working days</source>
        <translation> 个工作日</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How long the result announcement runs (usually 1 working day); the challenge period is counted from its end.</source>
        <translation>中标（成交）结果公告的期限（通常为1个工作日），质疑期自公告期满之日起计算。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Project name *</source>
        <translation>项目名称 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Project number</source>
        <translation>项目编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purchaser *</source>
        <translation>采购人 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Procurement agency</source>
        <translation>采购代理机构</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Method</source>
        <translation>采购方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Budget</source>
        <translation>预算金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ceiling price</source>
        <translation>最高限价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bid validity</source>
        <translation>投标有效期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivery period</source>
        <translation>交货期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Notice published</source>
        <translation>公告发布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documents deadline</source>
        <translation>获取招标文件截止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clarification deadline</source>
        <translation>澄清/答疑截止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bid deadline (opening)</source>
        <translation>投标截止（开标时间）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opening place</source>
        <translation>开标地点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evaluation</source>
        <translation>评标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Award notice</source>
        <translation>中标公告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Announcement period</source>
        <translation>结果公告期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contract signed</source>
        <translation>合同签订</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Bid deposit</source>
        <translation>投标保证金</translation>
    </message>
    <message>
        <location line="+275"/>
        <source>Delete the tender “{0}” with its packet? It goes to the recycle bin, where it can be restored.</source>
        <translation>删除投标项目“{0}”及其投标文件？删除后会放进回收站，可以从那里恢复。</translation>
    </message>
    <message>
        <location line="-281"/>
        <source>Waived</source>
        <translation>免收</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Deposit paid on</source>
        <translation>保证金缴纳日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deposit refunded on</source>
        <translation>保证金退还日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Performance deposit</source>
        <translation>履约保证金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service fee</source>
        <translation>中标服务费</translation>
    </message>
    <message>
        <location filename="../../app/ui/tenders/line_items.py" line="+150"/>
        <source>Add line</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove line</source>
        <translation>删除一行</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Use as our price</source>
        <translation>作为我方报价</translation>
    </message>
    <message>
        <location filename="../../app/ui/tenders/tender_dialog.py" line="+19"/>
        <source>What we learned: price, scoring, documents…</source>
        <translation>如：价格、评分、投标文件…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Our price</source>
        <translation>我方报价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Winner</source>
        <translation>中标人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Winning price</source>
        <translation>中标价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lessons learned</source>
        <translation>经验教训</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tender packet…</source>
        <translation>投标文件…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the tender first to build its packet.</source>
        <translation>请先保存投标项目，再编制投标文件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>The bid deposit is more than 2% of the budget; check the tender documents.</source>
        <translation>投标保证金超过预算金额的 2%，请核对招标文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The performance deposit is more than 10% of the contract amount.</source>
        <translation>履约保证金超过合同金额的 10%。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Our price is above the budget or ceiling price: the bid would be rejected.</source>
        <translation>我方报价高于预算金额或最高限价，将被判为无效投标。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>At most 2% of the budget: {0}</source>
        <translation>不超过预算金额的 2%：{0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>At most 2% of the budget.</source>
        <translation>不超过预算金额的 2%。</translation>
    </message>
    <message>
        <location filename="../../app/ui/tenders/line_items.py" line="+23"/>
        <source>Total: {0}</source>
        <translation>合计：{0}</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Total: check the red cells</source>
        <translation>合计：请检查标红的单元格</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>In capitals: {0}</source>
        <translation>大写：{0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/tenders/tender_dialog.py" line="+52"/>
        <source>Line {0}: {1}</source>
        <translation>第 {0} 行：{1}</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Delete tender</source>
        <translation>删除投标项目</translation>
    </message>
</context>
<context>
    <name>TenderTableModel</name>
    <message>
        <location filename="../../app/ui/tenders/columns.py" line="+51"/>
        <source>Project name</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Project number</source>
        <translation>项目编号</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Purchaser</source>
        <translation>采购人</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Method</source>
        <translation>采购方式</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Budget</source>
        <translation>预算金额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bid deadline</source>
        <translation>投标截止</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Our price</source>
        <translation>我方报价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Winning price</source>
        <translation>中标价</translation>
    </message>
</context>
<context>
    <name>TendersPage</name>
    <message>
        <location filename="../../app/ui/tenders/list_page.py" line="+63"/>
        <source>Tenders</source>
        <translation>投标</translation>
    </message>
    <message>
        <location line="-22"/>
        <location line="+23"/>
        <source>New tender</source>
        <translation>新建投标项目</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export calendar (.ics)</source>
        <translation>导出日历（.ics）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All methods</source>
        <translation>全部采购方式</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Purchaser, project name or number</source>
        <translation>采购人、项目名称或编号</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Deadline from</source>
        <translation>投标截止从</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Method</source>
        <translation>采购方式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Purchaser</source>
        <translation>采购人</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Win rate by method</source>
        <translation>各采购方式中标率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Win rate by purchaser</source>
        <translation>各采购人中标率</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Loading tenders</source>
        <translation>正在加载投标项目</translation>
    </message>
    <message>
        <location line="-105"/>
        <source>No tender matches these filters.</source>
        <translation>没有符合筛选条件的投标项目。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>No tenders yet</source>
        <translation>还没有投标项目</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Register a procurement notice you are following: its dates, deposit and budget. Deadlines and deposit refunds then appear on the home page radar.</source>
        <translation>登记您正在跟踪的采购公告：时间节点、保证金和预算。截止日期和保证金退还将显示在首页提醒中。</translation>
    </message>
    <message>
        <location line="+120"/>
        <source>{0} tenders</source>
        <translation>共 {0} 个投标项目</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Overall: {0} won, {1} lost, win rate {2}</source>
        <translation>合计：中标 {0} 个，未中标 {1} 个，中标率 {2}</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Export tender calendar</source>
        <translation>导出投标日历</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Calendar (*.ics)</source>
        <translation>日历 (*.ics)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Exporting the tender calendar…</source>
        <translation>正在导出投标日历…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0} dates exported to {1}</source>
        <translation>已将 {0} 个日期导出到 {1}</translation>
    </message>
</context>
<context>
    <name>TiersDialog</name>
    <message>
        <location filename="../../app/ui/rebates/tiers_dialog.py" line="+33"/>
        <source>Rebate tiers</source>
        <translation>返点档次</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sales from (yuan)</source>
        <translation>销售额起点（元）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Includes that amount</source>
        <translation>含该金额</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rate %</source>
        <translation>返点比例 %</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add tier</source>
        <translation>添加档次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove tier</source>
        <translation>删除档次</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Handbook defaults</source>
        <translation>恢复手册默认值</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <location filename="../../app/ui/team/users_page.py" line="+16"/>
        <source>New user…</source>
        <translation>新用户…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change role…</source>
        <translation>更改角色…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+43"/>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>Users and roles</source>
        <translation>用户和角色</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Each person connects with their own login and password; what they see and may change is enforced by the server. A disabled user cannot connect; what they recorded stays under their name.</source>
        <translation>每人用自己的登录名和密码连接；能看到和修改什么由服务器强制执行。停用的用户不能再连接，其记录仍保留在其名下。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Disable {0} ({1})? They can no longer connect; their records stay.</source>
        <translation>停用{0}（{1}）？停用后不能再连接，其记录保留。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Disable user</source>
        <translation>停用用户</translation>
    </message>
</context>
<context>
    <name>WordImportDialog</name>
    <message>
        <location filename="../../app/ui/documents/word_import_dialog.py" line="+19"/>
        <source>Import Word template</source>
        <translation>导入 Word 模板</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Placeholders are Word plain-text content controls whose tag is the field&apos;s key (client.name, amount.capitals, lines_table …) and whose title is its label; {{key|label}} typed as text works too. An import under an existing name replaces that template.</source>
        <translation>占位符为 Word 纯文本内容控件：标记填字段键（client.name、amount.capitals、lines_table…），标题填字段名称；直接输入 {{键|标签}} 亦可。与已有模板同名导入将替换该模板。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
</context>
<context>
    <name>YearPlanView</name>
    <message>
        <location filename="../../app/ui/plan/year_view.py" line="+66"/>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Annual receipts target (yuan)</source>
        <translation>年度回款目标（元）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Evenly</source>
        <translation>平均分配</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By last year&apos;s receipts</source>
        <translation>按上年回款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set annual target</source>
        <translation>设定年度目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save months</source>
        <translation>保存月份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the split</source>
        <translation>恢复按比例分解</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The selected month entered by hand follows the split again</source>
        <translation>所选手工月份重新按比例分解</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actual</source>
        <translation>实际</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forecast</source>
        <translation>预测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Achieved</source>
        <translation>完成率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forecast from</source>
        <translation>预测依据</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Account manager</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Annual target {0}, split: {1}</source>
        <translation>年度目标 {0}，分解方式：{1}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No annual target set: the plan is the months&apos; targets added up</source>
        <translation>未设年度目标：计划为各月目标合计</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Entered by hand: kept when the other months re-balance</source>
        <translation>手工设定：其他月份重新分配时保持不变</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Month {0}</source>
        <translation>{0}月</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Year total</source>
        <translation>全年合计</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Q{0}</source>
        <translation>第{0}季度</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>actual (month over)</source>
        <translation>实际（已过月份）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>entered</source>
        <translation>填报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>suggested</source>
        <translation>建议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>partly entered</source>
        <translation>部分填报</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Annual plan saved.</source>
        <translation>年度计划已保存。</translation>
    </message>
</context>
<context>
    <name>application</name>
    <message>
        <location filename="../../app/ui/application.py" line="+140"/>
        <location line="+7"/>
        <location line="+16"/>
        <location line="+47"/>
        <location line="+17"/>
        <location line="+21"/>
        <location line="+16"/>
        <location line="+28"/>
        <source>Sales Compass</source>
        <translation>销售罗盘</translation>
    </message>
    <message>
        <location line="-148"/>
        <source>Cannot open the archive {0}: {1}</source>
        <translation>无法打开档案 {0}：{1}</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Opening {0}: bringing the archive up to date and rebuilding its search index. This happens once after an update and can take a few minutes for a large archive.</source>
        <translation>正在打开 {0}：升级档案并重建搜索索引。更新后只需做一次，档案较大时可能需要几分钟。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>You can open it read-only: you can look, search, print and export.</source>
        <translation>也可以只读方式打开：可以查看、查找、打印和导出，但不能修改。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open read-only</source>
        <translation>只读打开</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Creating the demo archive…</source>
        <translation>正在创建演示档案…</translation>
    </message>
</context>
<context>
    <name>backups</name>
    <message>
        <location filename="../../app/ui/backups/__init__.py" line="+13"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not yet</source>
        <translation>尚未验证</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Verified</source>
        <translation>已验证</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>FAILED</source>
        <translation>未通过</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{0} ({1}):</source>
        <translation>{0}（{1}）：</translation>
    </message>
</context>
<context>
    <name>forms</name>
    <message>
        <location filename="../../app/ui/kit/forms.py" line="+346"/>
        <source>Loading suggestions…</source>
        <translation>正在载入候选值…</translation>
    </message>
</context>
<context>
    <name>list_printing</name>
    <message>
        <location filename="../../app/ui/list_printing.py" line="+61"/>
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>ops</name>
    <message>
        <location filename="../../app/ui/kit/ops.py" line="+349"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Another operation on the archive is running.</source>
        <translation>档案正在进行另一项操作，请稍候。</translation>
    </message>
</context>
<context>
    <name>widgets</name>
    <message>
        <location filename="../../app/ui/widgets.py" line="+36"/>
        <location line="+60"/>
        <source>Sales Compass</source>
        <translation>销售罗盘</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
