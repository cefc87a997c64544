"""Words for error codes and field names, shared by the command line and the window.

The window shows these in its current language; the command line speaks Chinese, like the
people who use it (English with SALES_COMPASS_LANG=en)."""

from __future__ import annotations

from app.domain.errors import (
    AppError,
    ConflictError,
    DuplicateError,
    NotFoundError,
    ValidationError,
    ValidationErrors,
)
from app.domain.team_messages import TEAM_TRANSFER_ERRORS
from app.domain.typography import chinese_punctuation

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "name": ("客户名称", "Client name"),
    "uscc": ("统一社会信用代码", "USCC"),
    "tier": ("客户等级", "Tier"),
    "industry": ("行业", "Industry"),
    "region": ("地区", "Region"),
    "address": ("地址", "Address"),
    "owner": ("客户经理", "Account manager"),
    "status": ("状态", "Status"),
    "source": ("来源", "Source"),
    "created_on": ("建档日期", "Date on file"),
    "service_policy": ("服务政策", "Service policy"),
    "notes": ("备注", "Notes"),
    "bank": ("开户行", "Bank"),
    "bank_account": ("银行账号", "Bank account"),
    "invoice_address": ("开票地址、电话", "Invoice address and phone"),
    "is_key_account": ("大客户", "Key account"),
    "contact_name": ("联系人", "Contact"),
    "title": ("职务", "Position"),
    "mobile": ("手机", "Mobile"),
    "phone": ("座机", "Phone"),
    "email": ("邮箱", "E-mail"),
    "birthday": ("生日", "Birthday"),
    "subject": ("主题", "Subject"),
    "kind": ("类型", "Kind"),
    "started_at": ("开始时间", "Start"),
    "ended_at": ("结束时间", "End"),
    "next_step": ("下一步", "Next step"),
    "next_step_due": ("下一步期限", "Next step due"),
    "expense": ("费用", "Expense"),
    "budget_amount": ("预算金额", "Budget amount"),  # issue 13: 费用预算
    "news_title": ("标题", "Title"),  # issue 13: 客户动态
    "news_date": ("日期", "Date"),
    "news_source": ("来源", "Source"),
    "url": ("链接", "Link"),
    "resolution": ("处理结果", "Resolution"),
    "closed_on": ("结案日期", "Closed on"),
    "file": ("文件", "File"),
    "heading": ("表头", "Heading"),
    "interval": ("拜访间隔", "Visit interval"),
    "clients": ("客户档案", "Clients"),
    "activities": ("活动数量", "Activities"),
    "tender_title": ("项目名称", "Project name"),
    "purchaser": ("采购人", "Purchaser"),
    "number": ("项目编号", "Project number"),
    "budget": ("预算金额", "Budget"),
    "ceiling": ("最高限价", "Ceiling price"),
    "bid_deposit": ("投标保证金", "Bid deposit"),
    "performance_deposit": ("履约保证金", "Performance deposit"),
    "service_fee": ("中标服务费", "Service fee"),
    "winning_price": ("中标价", "Winning price"),
    "our_price": ("我方报价", "Our price"),
    "bid_validity_days": ("投标有效期", "Bid validity"),
    "documents_deadline": ("获取招标文件截止", "Documents deadline"),
    "bid_deadline": ("投标截止时间", "Bid deadline"),
    "deposit_paid_on": ("保证金缴纳日期", "Deposit paid on"),
    "deposit_refunded_on": ("保证金退还日期", "Deposit refunded on"),
    "award_notice_on": ("中标公告日期", "Award notice"),
    "tender_status": ("状态", "Status"),
    "tender_method": ("采购方式", "Procurement method"),
    "agency": ("代理机构", "Agency"),
    "refund_due": ("保证金应退日期", "Deposit refund due"),
    "contract_signed_on": ("合同签订日期", "Contract signed on"),
    "announcement_days": ("结果公告期限", "Announcement period"),
    "announcement_ends": ("结果公告期满", "Announcement period ends"),
    "challenge_until": ("质疑截止日期", "Challenge deadline"),
    "contract_due": ("合同签订期限", "Contract due"),
    "calendar_official": ("节假日调休已公布", "Official holiday calendar"),
    "items_total": ("分项报价合计", "Price lines total"),
    "winner": ("中标人", "Winner"),
    "warnings": ("注意", "Warning"),
    "qualification_title": ("资质名称", "Qualification"),
    "expires_on": ("有效期至", "Expires on"),
    "item_name": ("货物/服务名称", "Item"),
    "quantity": ("数量", "Quantity"),
    "unit_price": ("单价", "Unit price"),
    "section_title": ("章节名称", "Section title"),
    "copy": ("正本/副本", "Copy"),
    "form": ("表单", "Form"),
    # tender packet files and the legal representative (issue 12)
    "file_title": ("文件名称", "File title"),
    "legal_rep_id_number": ("法定代表人身份证号", "Legal representative's ID number"),
    "legal_rep_title": ("法定代表人职务", "Legal representative's title"),
    "deviation_file": ("偏离表文件", "Deviation table file"),
    # documents and letters (issue 4)
    "document_kind": ("文书类型", "Document kind"),
    "document_status": ("审核状态", "Review status"),
    "document_title": ("标题", "Title"),
    "document_body": ("正文", "Body"),
    "review_comment": ("审核意见", "Review comment"),
    "template_key": ("模板代码", "Template key"),
    "template_name": ("模板名称", "Template name"),
    "template_body": ("模板内容", "Template text"),
    "template_file": ("Word 模板", "Word template"),
    "line_product": ("产品名称", "Product"),
    "amount": ("金额", "Amount"),
    "number_prefix": ("发文字号前缀", "Number prefix"),
    "reply_to": ("所复收文", "Letter answered"),
    "scan": ("扫描件", "Scan"),
    "doc_number": ("发文字号", "Document number"),
    "letter_title": ("标题/事由", "Title"),
    "from_unit": ("来文单位", "From"),
    "to_unit": ("发往单位", "To"),
    "letter_number": ("收文号/发文字号", "Register number"),
    "their_number": ("来文字号", "Their reference"),
    "copies": ("份数", "Copies"),
    "reply_due": ("复函期限", "Reply due"),
    "letter_status": ("办理情况", "Handling status"),
    "letter_date": ("收文/发文日期", "Letter date"),
    # contracts, receipts, plans and rebates (issue 5)
    "sales": ("销售额", "Sales"),
    "receipts": ("回款", "Receipts"),
    "rebate_tiers": ("返点档位", "Rebate tiers"),
    "approval_step": ("审批环节", "Approval step"),
    "reason": ("原因", "Reason"),
    "approver": ("审批人", "Approver"),
    # the team archive's users (issue 14 §2)
    "login": ("登录名", "Login"),
    "display_name": ("姓名", "Name"),
    "role": ("角色", "Role"),
    "password": ("密码", "Password"),
    "password_again": ("再输入一次密码", "Password again"),
    "expected_sales": ("预计销售额", "Expected sales"),
    "settlement": ("结算", "Settlement"),
    "contract_number": ("合同编号", "Contract number"),
    "contract": ("合同", "Contract"),
    "client": ("客户", "Client"),
    "signed_on": ("签订日期", "Signed on"),
    "payment_days": ("付款期限(天)", "Payment days"),
    "received_on": ("回款日期", "Received on"),
    "method": ("回款方式", "Payment method"),
    "period": ("期间", "Period"),
    "older_than": ("天数", "Days"),  # the recycle bin (issue 9)
    "retention": ("回收站保留天数", "Recycle bin retention"),
    "month": ("月份", "Month"),
    "target": ("目标", "Target"),
    "rebate": ("返点", "Rebate"),
    "analysis_view": ("分析视图", "Analysis view"),
    "churn_days": ("流失天数", "Churn days"),
    "visits": ("拜访数量", "Visits"),
    # the annual plan and the sales forecast (issue 13)
    "year": ("年度", "Year"),
    "annual_receipts": ("年度回款目标", "Annual receipts target"),
    "split": ("分解方式", "Split"),
    "forecast": ("预测金额", "Forecast"),
    "months": ("月数", "Months"),
    "signings": ("签约数量", "Signings"),
    "signed_products": ("签约产品", "Signed products"),
    "signed_amount": ("签约总额", "Signed amount"),
    # meeting minutes (issue 4)
    "meeting_title": ("会议名称", "Meeting title"),
    "held_at": ("会议时间", "Meeting time"),
    "meeting_host": ("主持人", "Chair"),
    "meeting_recorder": ("记录人", "Minutes taker"),
    "meeting_reviewer": ("审核人", "Reviewer"),
    "meeting_distribution": ("分送", "Distributed to"),
    "meeting_copies_to": ("抄送", "Copies to"),
    "action_task": ("事项", "Task"),
    "action_owner": ("责任人", "Owner"),
    "action_helpers": ("协办", "Helpers"),
    "action_due": ("完成时限", "Due date"),
    "action_status": ("状态", "Status"),
    "action_result": ("落实情况", "Result"),
    # the change history (issue 9)
    "user_name": ("记录修改人", "Name in the history"),
    # settings: the fonts documents print in
    "document_font": ("文档字体", "Document font"),
    "rare_font": ("补充字体", "Rare characters font"),
    "record_id": ("编号", "ID"),
    # command-line options that are no field of a record
    "as_of": ("截至日期", "As of"),
    "limit": ("显示条数", "Limit"),
    "sort": ("排序", "Sort"),
    # backups (issue 9)
    "backup_folder": ("备份文件夹", "Backup folder"),
    "keep_daily": ("每日备份保留份数", "Daily backups kept"),
    "keep_weekly": ("每周备份保留份数", "Weekly backups kept"),
    "keep_monthly": ("每月备份保留份数", "Monthly backups kept"),
    "warn_after_days": ("备份提醒天数", "Warn after days"),
    # the holiday calendar (issue 13)
    "calendar_day": ("日期", "Date"),
    "calendar_kind": ("休/班", "Off/work"),
    "calendar_name": ("节日名称", "Holiday name"),
    "calendar_year": ("年份", "Year"),
    # every other text column, as a message about it names it (app.db.column_fields)
    "participants": ("参加人员", "Participants"),
    "attachment_owner_kind": ("附件所属记录类型", "Attached to"),
    "file_hash": ("文件校验值", "File checksum"),
    "file_name": ("文件名", "File name"),
    "budget_kind": ("费用类型", "Expense kind"),
    "history_action": ("操作", "Action"),
    "record_kind": ("记录类型", "Record kind"),
    "record_title": ("记录名称", "Record title"),
    "old_tier": ("原等级", "Old tier"),
    "new_tier": ("新等级", "New tier"),
    "unit": ("单位", "Unit"),
    "payment_terms": ("付款条件", "Payment terms"),
    "contract_owner": ("负责人", "Owner"),
    "review_action": ("审核操作", "Review action"),
    "review_actor": ("审核人", "Reviewer"),
    "version_author": ("修改人", "Author"),
    "version_note": ("版本说明", "Version note"),
    "letter_direction": ("收发", "Direction"),
    "counterpart": ("来文/发往单位", "From/To"),
    "handler": ("经办人", "Handled by"),
    "meeting_place": ("会议地点", "Place"),
    "next_meeting": ("下次会议", "Next meeting"),
    "number_scope": ("编号范围", "Numbering scope"),
    "qualification_kind": ("资质类别", "Qualification kind"),
    "issuer": ("发证机关", "Issuer"),
    "decision": ("审批意见", "Decision"),
    "rate": ("返点比例", "Rate"),
    "rebate_status": ("审批状态", "Approval status"),
    "applicant": ("申请人", "Applicant"),
    "basis": ("申请方式", "Basis"),
    "approved_rate": ("批准返点比例", "Approved rate"),
    "deleted_by": ("删除人", "Deleted by"),
    "revision": ("版本标记", "Revision"),
    "search_initials": ("拼音首字母", "Pinyin initials"),
    "setting_key": ("设置项", "Setting"),
    "sync_table": ("数据表", "Table"),
    "sync_record": ("记录标识", "Record key"),
    "sync_origin": ("来源档案", "Origin archive"),
    "brand_model": ("品牌型号", "Brand and model"),
    "tender_source": ("信息来源", "Source"),
    "opening_place": ("开标地点", "Opening place"),
    "delivery_period": ("交货期", "Delivery period"),
}

REASONS: dict[str, tuple[str, str]] = {
    "required": ("不能为空", "is required"),
    "too_long": ("太长(最多 {limit} 字)", "is too long (at most {limit} characters)"),
    "bad_backup_count": (
        "应为 {low} 到 {high} 之间的整数（“{value}”）",
        "must be a whole number from {low} to {high} ('{value}')",
    ),
    "keep_nothing": (
        "每日、每周、每月至少有一项要保留备份",
        "at least one of daily, weekly or monthly must keep backups",
    ),
    "folder_not_absolute": (
        "请给出完整路径（“{value}”）",
        "must be a full path ('{value}')",
    ),
    "folder_in_archive": (
        "不能放在档案自身的文件里（“{value}”）",
        "cannot be inside the archive's own files ('{value}')",
    ),
    "folder_is_file": ("“{value}”是一个文件，不是文件夹", "'{value}' is a file, not a folder"),
    "folder_missing": (
        "“{value}”的上级文件夹不存在（U 盘是否已插好？）",
        "the folder above '{value}' does not exist (is the USB disk plugged in?)",
    ),
    "folder_not_writable": (
        "无法写入“{value}”（只读或没有权限）",
        "'{value}' cannot be written (read-only or no permission)",
    ),
    "unknown_tier": (
        "无法识别的客户等级“{value}”(应为 A/B/C/D)",
        "unknown tier '{value}' (A/B/C/D)",
    ),
    "bad_date": ("无法识别的日期“{value}”", "'{value}' is not a date"),
    "bad_url": (
        "链接无效“{value}”(应以 http:// 或 https:// 开头)",
        "'{value}' is not a web link (http:// or https://)",
    ),
    "impossible_date": ("日期不存在“{value}”", "'{value}' is an impossible date"),
    "bad_mobile": ("手机号码无效“{value}”", "'{value}' is not a mobile number"),
    "bad_phone": ("电话号码无效“{value}”", "'{value}' is not a phone number"),
    "bad_email": ("邮箱格式错误“{value}”", "'{value}' is not an e-mail address"),
    "bad_bank_account": (
        "应为 6～32 位数字“{value}”",
        "must be 6 to 32 digits: '{value}'",
    ),
    "uscc_checksum": ("校验位错误“{value}”", "wrong check character in '{value}'"),
    "uscc_length": ("应为 18 位“{value}”", "must have 18 characters: '{value}'"),
    "uscc_format": ("格式错误“{value}”", "malformed: '{value}'"),
    # issue 13: GB 32100-2015 and its 第1号修改单
    "uscc_authority": (
        "“{value}”的第 1 位登记管理部门代码“{char}”不存在（可用：{choices}）",
        "'{value}': its 1st character, the registration authority '{char}', does not exist"
        " (allowed: {choices})",
    ),
    "uscc_category": (
        "“{value}”的第 2 位机构类别代码“{char}”不属于登记管理部门“{authority}”（可用：{choices}）",
        "'{value}': its 2nd character, the category '{char}', is not one of authority"
        " '{authority}' (allowed: {choices})",
    ),
    "uscc_is_ric": (
        "这是居民身份证号码，不是统一社会信用代码“{value}”",
        "this is a resident ID number, not a unified social credit code: '{value}'",
    ),
    "ric_checksum": ("校验位错误“{value}”", "wrong check character in '{value}'"),
    "ric_length": ("应为 18 位“{value}”", "must have 18 characters: '{value}'"),
    "ric_format": (
        "格式错误(出生日期或地区码不对)“{value}”",
        "malformed (birth date or region code): '{value}'",
    ),
    "ends_before_start": ("早于开始时间", "is before the start"),
    "negative_amount": ("不能为负数", "cannot be negative"),
    "bad_year": (
        "年度无效“{value}”(应为 2000-2100 的四位年份)",
        "'{value}' is not a year (2000-2100)",
    ),
    "bad_split": (
        "分解方式无效“{value}”(应为 even 平均 或 seasonal 按上年回款)",
        "'{value}' is not a split (even or seasonal)",
    ),
    "pinned_over_plan": (
        "手工设定的月份合计 {pinned_yuan} 元已超过年度目标 {total_yuan} 元",
        "the months entered by hand add up to {pinned_yuan}, more than the year's target {total_yuan}",
    ),
    "bad_months": (
        "应为 1 到 {most} 之间的整数“{value}”",
        "must be a whole number from 1 to {most}: '{value}'",
    ),
    "bad_amount": ("金额无效“{value}”", "'{value}' is not an amount"),
    "too_many_decimals": (
        "金额最多两位小数(精确到分)“{value}”",
        "at most two decimals (to the fen): '{value}'",
    ),
    "contact_details_without_name": (
        "填写手机/邮箱/职务时必须填写联系人姓名(--contact)",
        "a contact's name (--contact) is required with a mobile, e-mail or position",
    ),
    "unknown_sort": (
        "无法识别“{value}”（可选：{choices}）",
        "unknown '{value}' (one of: {choices})",
    ),
    "required_with_due_date": ("填写了期限时必须填写", "is required when a due date is set"),
    "required_to_close": ("结案前必须填写", "is required to close a complaint"),
    "closed_before_start": ("早于开始时间", "is before the start"),
    "unknown_kind": ("无法识别的类型“{value}”", "unknown kind '{value}'"),
    "missing_heading": ("缺少必需的列“{value}”", "the required column '{value}' is missing"),
    "unreadable": ("无法读取:{value}", "cannot be read: {value}"),
    "unsupported_format": (
        "不支持的文件格式“{value}”(应为 .xlsx 或 .csv)",
        "unsupported format '{value}' (.xlsx or .csv)",
    ),
    # hostile and messy spreadsheets (issue 8)
    "not_a_workbook": (
        "“{value}”不是有效的 Excel 工作簿（.xlsx），可能已损坏，或只是改了扩展名",
        "'{value}' is not a valid Excel workbook (.xlsx): it may be damaged or merely renamed",
    ),
    "zip_bomb": (
        "“{value}”解压后异常庞大（约 {size}），可能已损坏或是恶意文件，已拒绝读取",
        "'{value}' would unpack to an abnormal size (about {size}); it may be damaged or"
        " malicious and was not read",
    ),
    "too_many_cells": (
        "“{value}”太大（超过 {limit} 个单元格），请分成几个文件导入",
        "'{value}' is too large (more than {limit} cells); split it into several files",
    ),
    "unknown_encoding": (
        "无法识别“{value}”的文件编码，请另存为 UTF-8 编码的 CSV（Excel：另存为“CSV UTF-8（逗号分隔）”）后再导入",
        "cannot tell the text encoding of '{value}'; save it as a UTF-8 CSV"
        " (Excel: Save As 'CSV UTF-8 (Comma delimited)') and import it again",
    ),
    "xlsx_named_csv": (
        "“{value}”其实是 Excel 工作簿，请把扩展名改为 .xlsx 后再导入",
        "'{value}' is an Excel workbook: rename it to .xlsx and import it again",
    ),
    "unbalanced_quote": (
        "引号不配对（该行按原样列出，请删去多余的引号，或用一对引号括起整个单元格）",
        "unbalanced quote (the line is shown as written: remove the stray quote or quote"
        " the whole cell)",
    ),
    "merged_heading": (
        "这一行属于表头的合并单元格，不是数据行",
        "this row is part of a merged heading cell, not a data row",
    ),
    "rejects_is_source": (
        "错误行文件不能是要导入的文件本身：{value}",
        "the rejects file cannot be the file being imported: {value}",
    ),
    "bad_yes_no": ("应为“是”或“否”：“{value}”", "should be yes or no: '{value}'"),
    "unknown_status": (
        "无法识别的状态“{value}”（应为 潜在、合作中、暂停 或 流失）",
        "unknown status '{value}' (潜在, 合作中, 暂停 or 流失)",
    ),
    "bad_interval": ("应为 1 到 3650 天", "must be 1 to 3650 days"),
    "font_missing": ("字体文件不存在：{value}", "font file not found: {value}"),
    "font_not_truetype": (
        "不是 TrueType 字体（.ttf 或 .ttc）：{value}",
        "not a TrueType font (.ttf or .ttc): {value}",
    ),
    "bad_announcement_days": ("应为 1 到 20 个工作日", "must be 1 to 20 working days"),
    "before_award_notice": ("不能早于中标公告日期", "cannot be before the award notice"),
    "too_many_errors": ("", ""),
    "archive_not_empty": (
        "档案中已有客户,演示数据只能写入空档案",
        "the archive already has clients; demo data goes into an empty archive only",
    ),
    "bad_count": ("数量无效“{value}”", "'{value}' is not a valid count"),
    "after_bid_deadline": ("晚于投标截止时间", "is after the bid deadline"),
    "time_required": (
        "须写明时刻(YYYY-MM-DD HH:MM)“{value}”",
        "needs the time of day (YYYY-MM-DD HH:MM): '{value}'",
    ),
    "required_with_refund": ("已填退还日期时必须填写", "is required when a refund date is set"),
    "required_when_won": ("中标时必须填写", "is required for a won tender"),
    "illegal_status_move": (
        "不能从“{current}”改为“{target}”",
        "cannot move from '{current}' to '{target}'",
    ),
    "not_a_complaint": ("不是投诉(是“{value}”)", "is not a complaint ({value})"),
    "bad_quantity": ("数量无效“{value}”", "'{value}' is not a quantity"),
    "unsupported_scan": (
        "不支持的扫描件格式“{value}”(应为 PDF、JPG 或 PNG)",
        "unsupported scan '{value}' (PDF, JPG or PNG)",
    ),
    # issue 8: a file added straight to a packet section
    "no_such_file": ("不存在“{value}”", "does not exist: '{value}'"),
    "unknown_section": (
        "投标文件中没有章节“{value}”（现有章节：{choices}）",
        "the packet has no section '{value}' (its sections: {choices})",
    ),
    "form_section": (
        "“{value}”是填写的表单，不能添加文件（可添加文件的章节：{choices}）",
        "'{value}' is a form, not a place for files (files go into: {choices})",
    ),
    "required_with_file": ("添加文件（--file）时必须给出", "is required with --file"),
    "required_with_title": ("给出名称（--title）时必须给出", "is required with --title"),
    # issue 12: rows imported into a response/deviation table
    "not_a_deviation_table": (
        "“{value}”不是响应/偏离表（偏离表：{choices}）",
        "'{value}' is not a response/deviation table (those are: {choices})",
    ),
    "no_rows": ("“{value}”中没有可导入的行", "has no rows to import: '{value}'"),
    # issue 8: amounts beyond what the documents can spell in capitals
    "too_large": (
        "金额过大“{value}”（最多 999,999,999,999.99 元）",
        "'{value}' is too large (at most 999,999,999,999.99 yuan)",
    ),
    "too_large_for_capitals": (
        "金额过大，无法写成大写金额“{value}”",
        "'{value}' is too large to be written in Chinese capitals",
    ),
    "deposit_waived": (
        "投标保证金免收时不填",
        "stays empty when the bid deposit is waived",
    ),
    # documents and letters (issue 4)
    "illegal_review_move": (
        "当前为“{current}”,不能{action}",
        "cannot {action} a document that is '{current}'",
    ),
    "required_to_return": ("退回时必须填写", "is required to return a document"),
    "builtin_template": (
        "“{value}”是内置模板,请另存为新模板",
        "'{value}' is a built-in template; save a copy under a new key",
    ),
    "template_exists": ("模板“{value}”已存在", "template '{value}' exists already"),
    # Word templates (issue 12)
    "not_docx": (
        "“{value}”不是 Word 文档(.docx);.doc 请先在 Word 中另存为 .docx",
        "'{value}' is not a Word document (.docx); save a .doc as .docx in Word first",
    ),
    "broken_docx": (
        "文件已损坏或不是有效的 .docx,无法读取",
        "the file is damaged or not a valid .docx and cannot be read",
    ),
    "empty_docx": ("文档中没有文字", "the document holds no text"),
    "docx_too_large": (
        "文件{value}过大(上限 20 MB)",
        "the file {value} is too large (20 MB at most)",
    ),
    "docx_missing": ("文件不存在:{value}", "no such file: {value}"),
    "unknown_placeholder": (
        "无法识别的占位符“{value}”(自动字段见模板说明;自填字段的标记须以英文字母开头,"
        "只含字母、数字、下划线和点)",
        "unknown placeholder '{value}' (automatic fields are listed in the template guide; a"
        " field you fill in is tagged with a letter first, then letters, digits, _ and .)",
    ),
    "bad_placeholder": (
        "无法识别的占位符写法“{value}”(请写作 {{{{键|标签}}}} 或使用内容控件)",
        "unreadable placeholder '{value}' (write {{{{key|label}}}} or use a content control)",
    ),
    "block_not_alone": (
        "“{value}”须单独占一段(合同标的明细、签署栏)",
        "'{value}' must stand alone in its paragraph (the contract lines, the signature block)",
    ),
    "not_numbered": ("“{value}”不编发文字号", "'{value}' documents get no number"),
    "already_issued": ("已编号发文({value})", "already issued ({value})"),
    # issue 12: 发文字号 per kind, 登记发文
    "prefix_in_use": (
        "已用作“{value}”的前缀，两类文书的编号会重复",
        "is already the prefix of '{value}'; their numbers would clash",
    ),
    "not_incoming": ("不是收文（#{value}）", "is not an incoming letter (#{value})"),
    "not_approved": (
        "文书须经批准后才能编号发文(当前为“{current}”)",
        "the document must be approved before it is issued (now '{current}')",
    ),
    "contract_not_approved": (
        "合同须经批准后才能登记到合同台账(当前为“{current}”)",
        "the agreement must be approved before it goes into the contract register (now '{current}')",
    ),
    "not_a_contract": (
        "“{value}”不是合同或框架协议,不登记到合同台账",
        "a '{value}' is no contract and does not go into the contract register",
    ),
    "contract_needs_client": (
        "请先为文书关联客户(合同台账中的合同属于某个客户)",
        "link the document to a client first (a contract in the register belongs to a client)",
    ),
    "contact_of_other_client": ("不是所选客户的联系人", "is not a contact of that client"),
    "before_letter_date": ("早于来文/发文日期", "is before the letter's date"),
    "bad_key_value": ("应为 键=值:“{value}”", "expected KEY=VALUE: '{value}'"),
    "unknown_key": (
        "模板中没有“{value}”，可填：{keys}",
        "the template has no '{value}'; it has: {keys}",
    ),
    # contracts, receipts, plans and rebates (issue 5)
    "negative": ("不能为负数", "cannot be negative"),
    "tiers_start_at_zero": (
        "第一档必须从 0 起(含 0)",
        "the first tier must start at 0 (inclusive)",
    ),
    "tiers_not_ascending": ("档位起点必须递增", "tier thresholds must ascend"),
    "bad_rate": ("比例无效“{rate}”(应在 0 到 100% 之间)", "bad rate '{rate}' (0 to 100%)"),
    "unknown_step": (
        "未知审批环节“{step}”(应为 manager、marketing 或 gm)",
        "unknown step '{step}' (manager, marketing or gm)",
    ),
    "approval_closed": ("审批已结束(当前为“{status}”)", "approval is closed ({status})"),
    "step_skipped": (
        "不能越级审批:“{step}”之前须先由“{due}”审批",
        "cannot skip a step: '{due}' must decide before '{step}'",
    ),
    "step_repeated": (
        "“{step}”已审批过,现在应由“{due}”审批",
        "'{step}' has decided already; now it is '{due}'",
    ),
    "unknown_client": ("找不到客户“{value}”", "no client '{value}'"),
    "unknown_contract": ("找不到合同“{value}”", "no contract '{value}'"),
    "contract_of_other_client": (
        "合同“{value}”不属于该客户",
        "contract '{value}' belongs to another client",
    ),
    "number_taken": ("合同编号“{value}”已存在", "contract number '{value}' exists already"),
    "letter_number_taken": (
        "“{value}”已被另一件函件或文书使用，请改用其他编号，或留空自动编号",
        "'{value}' is already the number of another letter or document; use another, or leave it empty",
    ),
    "has_receipts": (
        "合同“{number}”已登记 {count} 笔回款,不能删除;请先删除这些回款",
        "contract '{number}' has {count} receipt(s) booked to it; delete them first",
    ),
    "amount_of_lines": (
        "合同有产品明细,金额为明细合计;请用 --line 重新给出明细",
        "the contract has product lines and its amount is their sum; give the lines with --line",
    ),
    "client_of_paid_contract": (
        "合同“{number}”已登记 {count} 笔回款,不能改为其他客户",
        "contract '{number}' has {count} receipt(s) booked to it; its client cannot change",
    ),
    "not_positive": ("必须大于 0", "must be more than 0"),
    "bad_month": ("月份无效“{value}”(应为 YYYY-MM)", "'{value}' is not a month (YYYY-MM)"),
    "period_reversed": ("结束日期早于开始日期", "the end is before the start"),
    "unknown_view": (
        "无法识别“{value}”（可选：{views}）",
        "unknown view '{value}' (one of: {views})",
    ),
    "not_xlsx": ("“{value}”不是 .xlsx 文件", "'{value}' is not an .xlsx file"),
    "rebate_exists": (
        "该客户此期间已有返点申请(#{value})",
        "this client already has a rebate for the period (#{value})",
    ),
    "nothing_to_rebate": (
        "此期间没有回款,无返点可申请",
        "no receipts in the period, nothing to rebate",
    ),
    # separation of duties and settlement (issue 13)
    "own_application": (
        "“{name}”是本申请的申请人,不能审批自己的申请",
        "'{name}' applied for this and cannot approve their own application",
    ),
    "two_steps": (
        "“{name}”已在“{step}”环节审批过,同一申请的每个环节须由不同的人审批",
        "'{name}' already decided the '{step}' step; each step needs a different person",
    ),
    "own_draft": (
        "“{name}”是本文书草稿的起草人,不能审批自己起草的文书",
        "'{name}' wrote this draft and cannot approve it",
    ),
    "cannot_settle": (
        "只有全部审批通过的提前申请才能结算(当前为“{status}”,{state})",
        "only a fully approved advance application can be settled (now {status}, {state})",
    ),
    "period_not_over": (
        "返点期间到 {value} 才结束,期间结束后才能按实际回款结算",
        "the period ends on {value}; settle on actual receipts after it ends",
    ),
    "bad_payment_days": ("应为 0 到 3650 天", "must be 0 to 3650 days"),
    # meeting minutes (issue 4)
    "result_required": ("关闭事项前必须填写", "must be written before the item is closed"),
    "row_required": ("第 {row} 项不能为空", "is required in item {row}"),
    "row_too_long": ("第 {row} 项太长(最多 {limit} 字)", "is too long in item {row}"),
    "row_result_required": (
        "第 {row} 项关闭前必须填写",
        "must be written before item {row} is closed",
    ),
    "row_unknown_kind": ("第 {row} 项无法识别“{value}”", "unknown '{value}' in item {row}"),
    "row_bad_date": ("第 {row} 项的日期“{value}”无法识别", "'{value}' is not a date in item {row}"),
    "row_impossible_date": (
        "第 {row} 项的日期“{value}”不存在",
        "'{value}' is an impossible date in item {row}",
    ),
    "bad_action": (
        "应为“事项|责任人|YYYY-MM-DD”:“{value}”",
        "expected 'task|owner|YYYY-MM-DD': '{value}'",
    ),
    # the recycle bin (issue 9)
    "unknown_bin_kind": (
        "无法识别“{value}”（可选：{kinds}）",
        "unknown '{value}' (one of: {kinds})",
    ),
    "bad_days": (
        "应为 {low} 到 {limit} 之间的整数天数（“{value}”）",
        "must be a whole number of days from {low} to {limit} ('{value}')",
    ),
    "bin_kind_without_id": ("“{value}”后面需要编号", "'{value}' needs an id after it"),
    "bin_one_or_older": (
        "不能与类型和编号同时使用",
        "cannot be given with a kind and an id",
    ),
    # the holiday calendar (issue 13)
    "calendar_bad_date": (
        "应为日期（如 2027-02-05）或日期范围（2027-02-05..2027-02-11）：“{value}”",
        "should be a date (2027-02-05) or a range (2027-02-05..2027-02-11): '{value}'",
    ),
    "calendar_reversed": ("结束日期早于开始日期：“{value}”", "ends before it starts: '{value}'"),
    "calendar_too_long": (
        "一次最多 {limit} 天：“{value}”",
        "at most {limit} days at a time: '{value}'",
    ),
    "calendar_name_too_long": ("太长（最多 {limit} 字）", "is too long (at most {limit})"),
    "calendar_bad_year": ("应为 1900 至 2099 年：“{value}”", "should be 1900-2099: '{value}'"),
    "calendar_row_bad_date": (
        "第 {row} 行不是日期（如 2027-02-05）：“{value}”",
        "row {row} is not a date (2027-02-05): '{value}'",
    ),
    "calendar_row_bad_kind": (
        "第 {row} 行应为“休”或“班”：“{value}”",
        "row {row} should be 休 (off) or 班 (work): '{value}'",
    ),
    "calendar_row_name_too_long": (
        "第 {row} 行太长（最多 {limit} 字）",
        "row {row} is too long (at most {limit})",
    ),
    "calendar_row_twice": (
        "第 {row} 行与第 {other} 行是同一天：“{value}”",
        "row {row} repeats the day of row {other}: '{value}'",
    ),
    "calendar_file_unreadable": (
        "无法读取“{value}”（应为 UTF-8 或 GBK 编码的 CSV 文件）",
        "cannot read '{value}' (a CSV file in UTF-8 or GBK)",
    ),
    # the team archive's users and roles (issue 14 §2)
    "wrong_role": (
        "“{name}”的角色不能审批这一步，这一步须由{role}审批",
        "'{name}' does not hold the role of this step; it is taken by {role}",
    ),
    "unknown_role": (
        "没有角色“{value}”，可选：{choices}",
        "there is no role '{value}'; the roles are {choices}",
    ),
    "bad_login": (
        "“{value}”不能作登录名：只能用小写英文字母、数字、下划线和点，以字母或下划线开头，最长 63 个字符",
        "'{value}' cannot be a login: lower-case letters, digits, _ and . only, starting with a"
        " letter or _, at most 63 characters",
    ),
    "passwords_differ": ("两次输入的密码不一致", "the two passwords differ"),
    "login_taken": ("登录名“{value}”已有用户使用", "the login '{value}' is already a user"),
    "name_taken": ("姓名“{value}”已有用户使用", "the name '{value}' is already a user's"),
    "no_such_login": ("没有登录名为“{value}”的用户", "there is no user with the login '{value}'"),
    "cannot_disable_self": (
        "不能停用自己正在使用的登录名“{value}”",
        "you cannot disable the login you are using ('{value}')",
    ),
}

# Warnings that do not refuse a save (app.domain.tenders.tender_warnings), as the CLI words them.
WARNINGS: dict[str, tuple[str, str]] = {
    "deposit_above_2_percent": (
        "投标保证金超过预算金额的 2%,请核对招标文件",
        "the bid deposit is more than 2% of the budget; check the tender documents",
    ),
    "performance_deposit_above_10_percent": (
        "履约保证金超过合同金额的 10%",
        "the performance deposit is more than 10% of the contract amount",
    ),
    "price_above_budget": (
        "我方报价高于预算金额或最高限价,投标将被否决",
        "our price is above the budget or ceiling price: the bid would be rejected",
    ),
}

# What NotFoundError.kind names, as a person calls it.
RECORD_NAMES: dict[str, tuple[str, str]] = {
    "client": ("客户", "Client"),
    "contact": ("联系人", "Contact"),
    "activity": ("活动", "Activity"),
    "attachment": ("附件", "Attachment"),
    "action": ("会议事项", "Action item"),
    "meeting": ("会议纪要", "Meeting minutes"),
    "contract": ("合同", "Contract"),
    "receipt": ("回款", "Receipt"),
    "rebate": ("返点申请", "Rebate"),
    "document": ("文书", "Document"),
    "document_version": ("文书版本", "Document version"),
    "template": ("模板", "Template"),
    "letter": ("函件", "Letter"),
    "tender": ("投标项目", "Tender"),
    "qualification": ("资质", "Qualification"),
    "packet_file": ("投标文件附件", "Packet file"),
    "packet_section": ("投标文件章节", "Packet section"),
    "minutes": ("会议纪要", "Meeting minutes"),  # the recycle bin's kinds (issue 9)
    "bin_item": ("回收站项目", "Recycle bin item"),
    "news": ("客户动态", "Client news"),  # issue 13
    "budget": ("费用预算", "Expense budget"),
}

_ERRORS: dict[str, tuple[str, str]] = {
    "not_found": ("{kind} #{record_id} 不存在", "{kind} #{record_id} does not exist"),
    "archive_too_new": (
        "此档案由更新版本的销售罗盘创建(版本 {revision}),本程序无法打开。档案未做任何改动,请升级程序。",
        "This archive was written by a newer Sales Compass (revision {revision}); it was left untouched. Please update the app.",
    ),
    "not_an_archive": (
        "“{path}”不是销售罗盘档案:{reason}",
        "'{path}' is not a Sales Compass archive: {reason}",
    ),
    "archive_missing": ("档案不存在:{path}", "No archive at {path}"),
    "archive_missing_read": (
        "档案不存在：{path}。请检查路径；要新建档案，用 demo {path} 生成演示档案，"
        "或用 add-client、import 等写入命令",
        "No archive at {path}. Check the path; to start one, run demo {path} for a demo"
        " archive, or a command that writes (add-client, import)",
    ),
    "archive_in_use_window": (
        "档案正在使用中：{host} 上的销售罗盘窗口（进程 {pid}，{since} 起）已打开它。"
        "请先关闭那个窗口再修改；查看、查找、打印和导出仍可照常进行。",
        "The archive is in use: a Sales Compass window on {host} (process {pid}, since {since})"
        " has it open. Close that window before changing anything; viewing, searching,"
        " printing and exporting still work.",
    ),
    "archive_in_use_command": (
        "档案正在使用中：{host} 上的另一条命令（进程 {pid}，{since} 起）正在修改它。请稍后再试。",
        "The archive is in use: another command on {host} (process {pid}, since {since}) is"
        " changing it. Try again in a moment.",
    ),
    "archive_in_use_unknown": (
        "档案正由另一个程序使用：{path}。请稍后再试。",
        "Another program is using the archive {path}. Try again in a moment.",
    ),
    "archive_empty_file": (
        "“{path}”是一个空文件（0 字节），不是销售罗盘档案；未做任何改动。",
        "'{path}' is an empty file (0 bytes), not a Sales Compass archive; nothing was changed.",
    ),
    "archive_not_sqlite": (
        "“{path}”不是销售罗盘档案（不是数据库文件）；未做任何改动。",
        "'{path}' is not a Sales Compass archive (not a database file); nothing was changed.",
    ),
    "archive_truncated": (
        "“{path}”不完整（文件被截断，可能复制时中断），不能使用；未做任何改动。请改用另一份备份。",
        "'{path}' is incomplete (the file was cut short, perhaps by an interrupted copy);"
        " nothing was changed. Please use another backup.",
    ),
    "archive_empty_db": (
        "“{path}”是一个空数据库，不是销售罗盘档案；未做任何改动。",
        "'{path}' is an empty database, not a Sales Compass archive; nothing was changed.",
    ),
    "archive_foreign": (
        "“{path}”是其他程序的数据库，不是销售罗盘档案；未做任何改动。",
        "'{path}' is another program's database, not a Sales Compass archive; nothing was changed.",
    ),
    "archive_unreadable": (
        "无法读取“{path}”（{reason}）；未做任何改动。",
        "Cannot read '{path}' ({reason}); nothing was changed.",
    ),
    "archive_corrupt": (
        "档案“{path}”已损坏（{reason}）。为免损失扩大，不再写入；请从备份恢复，或运行“检查档案”查看详情。",
        "The archive '{path}' is damaged ({reason}). Nothing more is written to it; restore a"
        " backup, or run the archive check for details.",
    ),
    "archive_busy": (
        "档案暂时被占用，这次没有保存（未做任何改动）。请稍后再试。",
        "The archive is busy; nothing was saved. Please try again in a moment.",
    ),
    "disk_full": (
        "磁盘已满，这次没有保存（未做任何改动）。请腾出磁盘空间后再试。",
        "The disk is full; nothing was saved. Free some space and try again.",
    ),
    "read_only_media": (
        "档案所在的磁盘或文件夹是只读的，不能写入：{path}",
        "The archive's disk or folder is read-only; nothing can be written: {path}",
    ),
    "archive_opened_read_only": (
        "档案以只读方式打开，不能保存更改。",
        "The archive is open read-only; changes cannot be saved.",
    ),
    "disk_io_error": (
        "读写磁盘出错（{reason}），这次没有保存。请检查磁盘或 U 盘是否仍然连接。",
        "A disk error occurred ({reason}); nothing was saved. Check that the disk or USB stick"
        " is still connected.",
    ),
    "archive_cannot_open": (
        "无法打开档案“{path}”：文件夹不存在或没有权限。",
        "Cannot open the archive '{path}': the folder is missing or not accessible.",
    ),
    "server_address_invalid": (
        "团队档案的地址“{address}”无效（{reason}）。格式：postgresql://用户名@服务器/数据库名。",
        "The team archive address '{address}' is not valid ({reason}). Write it as"
        " postgresql://user@server/dbname.",
    ),
    "password_in_address": (
        "团队档案的地址里不能写密码：{address}。密码会在连接时询问，或从系统钥匙串读取。",
        "A team archive address must not carry the password: {address}. The password is asked"
        " for when connecting, or read from the system keyring.",
    ),
    "server_unreachable": (
        "连接不上团队档案服务器 {address}（{reason}）。请检查网络和服务器地址；未做任何改动。",
        "Cannot reach the team archive server {address} ({reason}). Check the network and the"
        " address; nothing was changed.",
    ),
    "server_login_failed": (
        "团队档案 {address} 拒绝了登录（{reason}）：用户名或密码不对，或此用户已停用。",
        "The team archive {address} refused the login ({reason}): wrong user name or password,"
        " or the user is disabled.",
    ),
    "server_database_missing": (
        "服务器上没有团队档案 {address}。管理员可用“sales-compass team init 地址”新建。",
        "The server has no team archive {address}. An administrator creates one with"
        " 'sales-compass team init ADDRESS'.",
    ),
    "team_upgrade_needs_owner": (
        "团队档案 {database} 需要升级到本版程序的结构，您的登录无权升级；档案未做任何改动。"
        "请档案的所有者（服务器登录 {owner}）先用新版程序打开它一次，"
        "或运行“sales-compass team init 地址”，之后各位即可照常打开。",
        "The team archive {database} needs upgrading to this version's schema and your login may"
        " not upgrade it; nothing was changed. Ask the archive's owner (server login {owner}) to"
        " open it once with the new version, or to run 'sales-compass team init ADDRESS'; then"
        " everyone can open it as before.",
    ),
    "not_permitted": (
        "您的角色没有这项权限（{reason}）；未做任何改动。",
        "Your role is not allowed to do this ({reason}); nothing was changed.",
    ),
    "team_only": (
        "用户和角色只属于团队档案；档案文件“{path}”只有一位使用者。",
        "Users and roles belong to a team archive; the archive file '{path}' has one user.",
    ),
    "team_user_name": (
        "在团队档案中，修改记录使用您登录名对应的姓名“{name}”，不能另设；姓名由管理员在“管理”页更改。",
        "On a team archive changes are recorded under your login's name '{name}', which cannot"
        " be set here; the administrator changes it on the Administration page.",
    ),
    "team_roles_missing": (
        "这个团队档案还没有角色和权限：请服务器管理员先运行“sales-compass team init 地址”。",
        "This team archive has no roles and permissions yet: the server's administrator runs"
        " 'sales-compass team init ADDRESS' first.",
    ),
    "not_for_team_archive": (
        "这项操作只适用于本机的档案文件，不适用于团队档案 {path}（团队档案的备份由服务器管理员负责）。",
        "This works on an archive file on this computer, not on the team archive {path} (the"
        " server's administrator backs up a team archive).",
    ),
    "archive_needs_password": (
        "档案“{path}”已加密，需要密码才能打开。",
        "The archive '{path}' is encrypted; it needs its password.",
    ),
    "password_missing": (
        "档案“{path}”已加密，需要密码：在终端中运行时会提示输入；否则请设置环境变量"
        " SALES_COMPASS_PASSWORD，或用 --password-file 指定存放密码的文件。",
        "The archive '{path}' is encrypted and needs its password: run in a terminal to be"
        " asked, or set SALES_COMPASS_PASSWORD, or give --password-file FILE.",
    ),
    "new_password_missing": (
        "需要新密码：在终端中运行时会提示输入；否则请设置环境变量 SALES_COMPASS_NEW_PASSWORD，"
        "或用 --new-password-file 指定存放新密码的文件。",
        "A new password is needed: run in a terminal to be asked, or set"
        " SALES_COMPASS_NEW_PASSWORD, or give --new-password-file FILE.",
    ),
    "encrypt_password_missing": (
        "加密需要一个密码：在终端中运行时会提示输入两次；否则请设置环境变量"
        " SALES_COMPASS_PASSWORD，或用 --password-file 指定存放密码的文件。",
        "Encrypting needs a password: run in a terminal to type it twice, or set"
        " SALES_COMPASS_PASSWORD, or give --password-file FILE.",
    ),
    "wrong_password": (
        "密码不正确，档案“{path}”未做任何改动。",
        "Wrong password; the archive '{path}' was left as it was.",
    ),
    "archive_wrong_key": (
        "密码不正确，档案“{path}”未做任何改动。",
        "Wrong password; the archive '{path}' was left as it was.",
    ),
    "password_empty": ("密码不能为空。", "The password cannot be empty."),
    "password_mismatch": (
        "两次输入的密码不一致，未做任何改动。",
        "The two passwords differ; nothing was changed.",
    ),
    "password_file_unreadable": (
        "无法读取密码文件“{path}”：{reason}",
        "Cannot read the password file '{path}': {reason}",
    ),
    "archive_not_encrypted": (
        "档案“{path}”没有加密。",
        "The archive '{path}' is not encrypted.",
    ),
    "archive_already_encrypted": (
        "档案“{path}”已经加密；如要更改密码，请用 passwd 命令。",
        "The archive '{path}' is already encrypted; use passwd to change its password.",
    ),
    "convert_attachments_damaged": (
        "档案“{path}”中有 {count} 个附件文件缺失或已损坏，没有转换，档案未做任何改动。请先运行 check 查看详情。",
        "{count} attachment file(s) of the archive '{path}' are missing or damaged; nothing was"
        " converted and the archive was left as it was. Run check for details.",
    ),
    "backup_unverified": (
        "转换前的备份“{path}”未通过校验（{reason}），没有转换，档案未做任何改动。",
        "The backup made first, '{path}', failed its check ({reason}); nothing was converted"
        " and the archive was left as it was.",
    ),
    "convert_unverified": (
        "转换后的档案未通过校验（{reason}），已放弃转换，档案未做任何改动。",
        "The converted archive failed its check ({reason}); the conversion was abandoned and"
        " the archive was left as it was.",
    ),
    "archive_on_network_share": (
        "档案“{path}”位于网络共享（{fstype}）上。在网络共享上写入 SQLite 数据库可能损坏档案，"
        "因此只能以只读方式打开（可以查看、查找、打印和导出）。如要修改，请先把档案复制到本机磁盘。",
        "The archive '{path}' is on a network share ({fstype}). Writing a SQLite database over"
        " a network share can damage it, so it can only be opened read-only (to look, search,"
        " print and export). Copy it to a local disk to change it.",
    ),
    "restore_onto_itself": (
        "不能用档案自身来恢复：{path}",
        "An archive cannot be restored from itself: {path}",
    ),
    "backup_attachment_damaged": (
        "备份“{path}”中有 {count} 个附件文件缺失或已损坏，恢复已取消，现有档案未做任何改动。",
        "{count} attachment file(s) in the backup '{path}' are missing or damaged; the restore"
        " was cancelled and the archive was left as it was.",
    ),
    "backup_not_found": (
        "备份文件夹“{folder}”中没有编号为 {id} 的备份。请用 backups list 查看编号。",
        "There is no backup {id} in the backup folder '{folder}'. See the ids with backups list.",
    ),
    "backup_folder_missing": (
        "备份文件夹“{path}”不存在或无法访问（U 盘是否已插好？）。这次没有备份。",
        "The backup folder '{path}' is missing or unreachable (is the USB disk plugged in?);"
        " nothing was backed up.",
    ),
    "backup_folder_unusable": (
        "无法写入备份文件夹“{path}”（只读或没有权限）。这次没有备份。",
        "The backup folder '{path}' cannot be written (read-only or no permission); nothing"
        " was backed up.",
    ),
    "output_is_archive": (
        "不能写到“{path}”：那是档案本身（或它的附件、日志文件）。请另选文件名。",
        "Cannot write to '{path}': it is part of the archive (or its attachments or journal)."
        " Please choose another name.",
    ),
    "output_is_folder": (
        "“{path}”是一个文件夹，请给出文件名。",
        "'{path}' is a folder; please give a file name.",
    ),
    "output_exists": (
        "文件已存在：{path}。如要覆盖，请加 --force。",
        "The file exists: {path}. Add --force to overwrite it.",
    ),
    "file_disk_full": (
        "磁盘已满，没能写入“{path}”（没有留下不完整的文件）。",
        "The disk is full; '{path}' was not written (no partial file was left).",
    ),
    "file_read_only": (
        "“{path}”所在的磁盘或文件夹是只读的。",
        "The disk or folder of '{path}' is read-only.",
    ),
    "file_permission": ("没有权限访问“{path}”。", "No permission to access '{path}'."),
    "file_io": ("无法读写“{path}”：{reason}", "Cannot read or write '{path}': {reason}"),
    "cancelled": ("已取消", "Cancelled"),
    "file_missing": ("文件不存在:{path}", "File not found: {path}"),
    "packet_not_ready": (
        "投标文件检查未通过:{problems}。修正后再打印,或打印草稿(--draft)。",
        "The packet checklist has problems: {problems}. Fix them, or print a draft (--draft).",
    ),
    "restore_needs_yes": (
        "恢复会替换当前档案,请加 --yes 确认",
        "Restore replaces the archive: add --yes to confirm",
    ),
    "delete_needs_yes": (
        "删除{what}会把它移入回收站，请加 --yes 确认",
        "Deleting {what} moves it to the recycle bin: add --yes to confirm",
    ),
    # the recycle bin (issue 9); {kind}, {parent_kind}, {other_kind} and {field} are worded
    # by _worded, {linked} too
    "delete_blocked": (
        "不能删除{kind}“{name}”：还有关联的{linked}。请先删除这些记录（它们也会进回收站）。",
        "Cannot delete the {kind} '{name}': {linked} still belong to it. Delete those first"
        " (they go to the recycle bin too).",
    ),
    "purge_needs_yes": (
        "彻底删除{what}后无法恢复，请加 --yes 确认",
        "Purging {what} cannot be undone: add --yes to confirm",
    ),
    "deleted_with": (
        "{kind} #{record_id} 是随{parent_kind}“{parent_title}”一起删除的；"
        "恢复{parent_kind}“{parent_title}”即可将它一并恢复。",
        "The {kind} #{record_id} was deleted with the {parent_kind} '{parent_title}'; restoring"
        " that {parent_kind} brings it back too.",
    ),
    "not_in_bin": (
        "回收站中没有{kind} #{record_id}。请用 bin list 查看回收站。",
        "There is no {kind} #{record_id} in the recycle bin. See it with bin list.",
    ),
    "restore_parent_in_bin": (
        "不能恢复{kind}“{title}”：它所属的{parent_kind}“{parent_title}”也在回收站中。"
        "请先恢复{parent_kind}“{parent_title}”。",
        "Cannot restore the {kind} '{title}': the {parent_kind} '{parent_title}' it belongs to"
        " is in the recycle bin too. Restore that {parent_kind} first.",
    ),
    "restore_parent_gone": (
        "不能恢复{kind}“{title}”：它所属的{parent_kind} #{parent_id} 已被彻底删除。",
        "Cannot restore the {kind} '{title}': the {parent_kind} #{parent_id} it belongs to was"
        " deleted for good.",
    ),
    "restore_duplicate": (
        "不能恢复{kind}“{title}”：{field}“{value}”已被现有记录（#{existing_id}）使用。"
        "请先修改或删除那条记录。",
        "Cannot restore the {kind} '{title}': {field} '{value}' is used by an existing record"
        " (#{existing_id}). Change or delete that record first.",
    ),
    "restore_id_taken": (
        "不能恢复{kind}“{title}”：编号 #{id} 已被另一条{other_kind}使用。",
        "Cannot restore the {kind} '{title}': its id #{id} is taken by another {other_kind}.",
    ),
    "restore_files_missing": (
        "不能恢复{kind}“{title}”：它的 {count} 个附件文件已不在档案中。",
        "Cannot restore the {kind} '{title}': {count} of its attachment files are no longer in"
        " the archive.",
    ),
    "document_incomplete": (
        "以下内容尚未填写,不能打印:{missing}",
        "Cannot print; these values are missing: {missing}",
    ),
    "rebate_not_approved": (
        "返点尚未全部审批通过(当前为“{status}”),不能出具返点确认函",
        "The rebate is not fully approved ({status}); no letter can be issued",
    ),
    "rebate_not_settled": (
        "提前申请的返点尚未按实际回款结算(当前为“{status}”),不能出具返点确认函",
        "The advance rebate is not settled on actual receipts yet ({status}); no letter can be"
        " issued",
    ),
}

_ERRORS.update(TEAM_TRANSFER_ERRORS)  # issue 14 §4: team push, checkout and sync


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def field_label(field: str, lang: str = "zh") -> str:
    return _pick(FIELD_LABELS.get(field, (field, field)), lang)


def warning_text(code: str, lang: str = "zh") -> str:
    return _pick(WARNINGS.get(code, (code, code)), lang)


def reason_text(code: str, details: dict | None = None, lang: str = "zh") -> str:
    """Why a value is refused, as said under its field ('金额最多两位小数（精确到分）'): in
    Chinese punctuation when it is Chinese."""
    template = _pick(REASONS.get(code, (code, code)), lang)
    try:
        text = template.format(**(details or {}))
    except (KeyError, IndexError):
        text = template
    return text if lang == "en" else chinese_punctuation(text)


def problem_text(field: str, code: str, details: dict | None = None, lang: str = "zh") -> str:
    """'客户名称：不能为空' (Chinese punctuation, as printed documents have it)."""
    text = _problem_text(field, code, details, lang)
    return text if lang == "en" else chinese_punctuation(text)


def _problem_text(field: str, code: str, details: dict | None = None, lang: str = "zh") -> str:
    sep = ":" if lang != "en" else ": "
    return f"{field_label(field, lang)}{sep}{reason_text(code, details, lang)}"


def record_name(kind: str, lang: str = "zh") -> str:
    return _pick(RECORD_NAMES.get(kind, (kind, kind)), lang)


def describe(error: AppError, lang: str = "zh") -> str:
    """One line a person can act on, in Chinese punctuation when it is Chinese."""
    text = _describe(error, lang)
    return text if lang == "en" else chinese_punctuation(text)


def _describe(error: AppError, lang: str = "zh") -> str:
    if isinstance(error, ConflictError):
        from app.domain.conflicts import conflict_text

        return conflict_text(error, lang)
    if isinstance(error, ValidationErrors):
        sep = ";" if lang != "en" else "; "
        return sep.join(problem_text(p.field, p.code, p.details, lang) for p in error.problems)
    if isinstance(error, ValidationError):
        return problem_text(error.field, error.code, dict(error.details), lang)
    if isinstance(error, DuplicateError):
        if lang == "en":
            return f"Duplicate: same {field_label(error.by, 'en')} as existing client “{error.existing_title}” (#{error.existing_id})"
        return f"重复:与已有客户“{error.existing_title}”(#{error.existing_id})的{field_label(error.by)}相同"
    if isinstance(error, NotFoundError):
        kind = record_name(error.kind, lang)
        return _pick(_ERRORS["not_found"], lang).format(kind=kind, record_id=error.record_id)
    template = _ERRORS.get(error.code)
    if template:
        try:
            return _pick(template, lang).format(**_worded(error.details, lang))
        except (KeyError, IndexError):
            return _pick(template, lang)
    return error.code


def _worded(details: dict, lang: str) -> dict:
    """Record kinds, field names and counts of linked records in words (the recycle bin's
    messages carry them as keys)."""
    out = dict(details)
    for key in ("kind", "parent_kind", "other_kind"):
        if isinstance(out.get(key), str):
            name = record_name(out[key], lang)
            out[key] = name.lower() if lang == "en" else name
    if isinstance(out.get("field"), str):
        out["field"] = field_label(out["field"], lang)
    if isinstance(out.get("linked"), dict):
        parts = [f"{n} {record_name(k, lang).lower()}(s)" for k, n in out["linked"].items()]
        if lang != "en":
            parts = [f"{record_name(k, lang)}（{n}）" for k, n in out["linked"].items()]
        out["linked"] = ("、" if lang != "en" else ", ").join(parts)
    return out
