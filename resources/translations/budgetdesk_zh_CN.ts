<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>budgetdesk::ui::AuditTableModel</name>
    <message>
        <source>Not confirmed: select it and press Check to look the batch up.</source>
        <translation>未确认：选中后点击“核对”查询批次以确认结果。</translation>
    </message>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Dimension</source>
        <translation>修改项</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Request number</source>
        <translation>请求单号</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Request-ID</source>
        <translation>Request-ID</translation>
    </message>
    <message>
        <source>Double-click for the full account of this change.</source>
        <translation>双击查看这次修改的完整记录。</translation>
    </message>
    <message>
        <source>Batch name</source>
        <translation>批次名称</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Product coupon</source>
        <translation>商品券</translation>
    </message>
    <message>
        <source>Merchant coupon</source>
        <translation>商家券</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>券类型</translation>
    </message>
    <message>
        <source>Bulk run</source>
        <translation>批量修改</translation>
    </message>
    <message>
        <source>Bulk run %1: its changes are folded under this row.</source>
        <translation>批量修改 %1：其中的各项修改收在这一行下面。</translation>
    </message>
    <message numerus="yes">
        <source>Bulk run: %n change(s)</source>
        <translation>
            <numerusform>批量修改：%n 项修改</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>budgetdesk::ui::BatchPicker</name>
    <message>
        <source>Batches of product coupon %1</source>
        <translation>商品券 %1 的批次</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Changeable (sending or paused)</source>
        <translation>可修改（发放中或已暂停）</translation>
    </message>
    <message>
        <source>Search batch ID or remark</source>
        <translation>搜索批次号或备注</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新读取</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Batch ID</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>Remark</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Total cap</source>
        <translation>发放次数总上限</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>已发放</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>Per-day cap</source>
        <translation>每日上限</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>批次组</translation>
    </message>
    <message>
        <source>Look up this batch</source>
        <translation>查询此批次</translation>
    </message>
    <message>
        <source>Reading the batch list from WeChat Pay (every page)…</source>
        <translation>正在从微信支付读取批次列表（全部分页）…</translation>
    </message>
    <message>
        <source>✘ The list could not be read: %1</source>
        <translation>✘ 无法读取批次列表：%1</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>%1 (#%2)</source>
        <translation>%1（第 %2 批）</translation>
    </message>
    <message numerus="yes">
        <source>%n batch(es), %1 page(s), each answer verified.</source>
        <translation>
            <numerusform>共 %n 个批次，%1 页，每页应答均已验签。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>budgetdesk::ui::BudgetForm</name>
    <message>
        <source>Change the budget</source>
        <translation>修改预算</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Batch total</source>
        <translation>批次总量</translation>
    </message>
    <message>
        <source>target_max_coupons: the batch&apos;s new maximum number of coupons. Only one of total and per-day cap can change per request.</source>
        <translation>target_max_coupons：目标批次最大发放个数。每次请求只能修改批次总量和单日上限中的一个。</translation>
    </message>
    <message>
        <source>Per-day cap</source>
        <translation>单日上限</translation>
    </message>
    <message>
        <source>target_max_coupons_by_day: the batch&apos;s new per-day maximum. Only one of total and per-day cap can change per request.</source>
        <translation>target_max_coupons_by_day：目标单天发放上限个数。每次请求只能修改批次总量和单日上限中的一个。</translation>
    </message>
    <message>
        <source>Current value</source>
        <translation>当前值</translation>
    </message>
    <message>
        <source>current_max_coupons / current_max_coupons_by_day: the value being replaced, from the lookup. WeChat Pay refuses the change if the batch no longer has this value.</source>
        <translation>current_max_coupons / current_max_coupons_by_day：被替换的当前值，来自查询结果。若批次的值已被他人改动，微信支付会拒绝本次修改。</translation>
    </message>
    <message>
        <source>Edit manually</source>
        <translation>手动修改</translation>
    </message>
    <message>
        <source>Target value</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>The new value, 1 to 1,000,000,000; a total cannot be below the coupons already issued.</source>
        <translation>新的值，1 至 1,000,000,000；批次总量不能低于已发放数量。</translation>
    </message>
    <message>
        <source>Request number</source>
        <translation>请求单号</translation>
    </message>
    <message>
        <source>modify_budget_request_no: identifies this change. Retries of the same change keep it; a new change gets a new one.</source>
        <translation>modify_budget_request_no：修改预算请求单据号。同一修改的重试沿用此号，新的修改使用新号。</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Send…</source>
        <translation>发送…</translation>
    </message>
    <message>
        <source>Send the change (Ctrl+Enter)</source>
        <translation>发送修改（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Look a batch up first.</source>
        <translation>请先查询批次。</translation>
    </message>
    <message>
        <source>Stop issuing</source>
        <translation>停止发放</translation>
    </message>
    <message numerus="yes">
        <source>Set the batch total to the %n coupon(s) already issued, so that no more are issued. Merchant coupons have no separate stop call.</source>
        <translation>
            <numerusform>将批次总量设为已发放的 %n 张，不再继续发放。商家券没有单独的停止接口。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not available: the batch has issued nothing yet, or its total already equals what it has issued.</source>
        <translation>不可用：批次尚未发放任何券，或总量已等于已发放数量。</translation>
    </message>
    <message>
        <source>Type the target value.</source>
        <translation>请填写目标值。</translation>
    </message>
    <message>
        <source>The target “%1” is not a number (full-width digits and thousands separators are fine).</source>
        <translation>目标值“%1”不是数字（可以用全角数字和千位分隔符）。</translation>
    </message>
    <message>
        <source>The current value “%1” is not a number.</source>
        <translation>当前值“%1”不是数字。</translation>
    </message>
    <message>
        <source>Retry the same change</source>
        <translation>重试同一修改</translation>
    </message>
    <message>
        <source>Back to the unconfirmed change, with its request number: a retry that cannot take effect twice.</source>
        <translation>回到结果未确认的那次修改及其请求单号：这样重试不会重复生效。</translation>
    </message>
    <message>
        <source>Replace the request number?</source>
        <translation>更换请求单号？</translation>
    </message>
    <message>
        <source>The last change (request number %1) may still take effect. Retried with a new number it could take effect twice. Replace the number anyway?</source>
        <translation>上一次修改（请求单号 %1）仍可能生效。换新单号重试可能使修改生效两次。仍要更换单号吗？</translation>
    </message>
    <message>
        <source>The last change (%1 → %2, request number %3) is unconfirmed. This is a different change with a new request number; to retry that one safely, use “Retry the same change”.</source>
        <translation>上一次修改（%1 → %2，请求单号 %3）结果未确认。现在是另一项修改，已换用新单号（放弃并新建）；要安全重试上一次修改，请点“重试同一修改”。</translation>
    </message>
    <message>
        <source>The clock is 5 minutes or more off, so WeChat Pay would refuse the signature: turn on automatic time synchronisation, then look the batch up again.</source>
        <translation>本机时钟偏差已达 5 分钟或以上，微信支付会拒绝签名：请开启自动同步时间，然后重新查询批次。</translation>
    </message>
    <message>
        <source>Measured: %1. From 5 minutes on WeChat Pay refuses every request (SIGN_ERROR): turn on automatic time synchronisation.</source>
        <translation>测得%1。偏差达到 5 分钟时微信支付会拒绝所有请求（SIGN_ERROR）：请开启自动同步时间。</translation>
    </message>
    <message>
        <source>Retrying the unconfirmed change under its own request number: it cannot take effect twice.</source>
        <translation>正在用原请求单号重试未确认的修改，不会重复生效。</translation>
    </message>
    <message numerus="yes">
        <source>Group change: all %n batch(es) of group %1 change together.</source>
        <translation>
            <numerusform>整组修改：批次组 %1 的 %n 个批次一起修改为同一个值。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>budgetdesk::ui::BudgetPage</name>
    <message>
        <source>&amp;Batch ID (stock_id)</source>
        <translation>批次号(&amp;B)（stock_id）</translation>
    </message>
    <message>
        <source>digits, e.g. 1212000000000001</source>
        <translation>数字，例如 1212000000000001</translation>
    </message>
    <message>
        <source>Look up</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Demo batches…</source>
        <translation>演示批次…</translation>
    </message>
    <message>
        <source>The simulator&apos;s batches: pick one to look it up.</source>
        <translation>模拟器中的批次：选择一个即可查询。</translation>
    </message>
    <message>
        <source>Looking the batch up…</source>
        <translation>正在查询批次…</translation>
    </message>
    <message>
        <source>total</source>
        <translation>批次总量</translation>
    </message>
    <message>
        <source>per-day cap</source>
        <translation>单日上限</translation>
    </message>
    <message>
        <source>Change the %1 of batch %2 “%3” from %4 to %5 (%6), request number %7?</source>
        <translation>将批次 %2“%3”的%1从 %4 改为 %5（%6），请求单号 %7，确定吗？</translation>
    </message>
    <message>
        <source>Confirm the change</source>
        <translation>确认修改</translation>
    </message>
    <message>
        <source>Sending the change…</source>
        <translation>正在发送修改…</translation>
    </message>
    <message>
        <source>The answer was inconclusive; checking the batch…</source>
        <translation>应答无法确定结果，正在查询批次核对…</translation>
    </message>
    <message>
        <source>Stop issuing batch %1 “%2”: set its total from %3 to the %4 coupons already issued, request number %5?</source>
        <translation>停止发放批次 %1“%2”：将总量从 %3 改为已发放的 %4 张，请求单号 %5，确定吗？</translation>
    </message>
    <message>
        <source>stock_id: the batch number (批次号), 1–20 letters or digits. Press Enter to look it up.</source>
        <translation>stock_id：批次号，1–20 位字母或数字。按回车查询。</translation>
    </message>
    <message>
        <source>✘ A batch ID is 1–20 letters or digits; “%1” is not one.</source>
        <translation>✘ 批次号应为 1–20 位字母或数字；“%1”不是批次号。</translation>
    </message>
    <message>
        <source>Spaces were removed from the pasted batch ID.</source>
        <translation>已去掉粘贴的批次号中的空格。</translation>
    </message>
    <message>
        <source>Stop waiting</source>
        <translation>停止等待</translation>
    </message>
    <message>
        <source>The request has left; stopping the wait does not take it back. The change may still take effect — BudgetDesk then checks the batch.</source>
        <translation>请求已经发出，停止等待不会撤回它。修改仍可能生效——BudgetDesk 随后会查询批次核对。</translation>
    </message>
    <message>
        <source>Sent; waiting for WeChat Pay&apos;s answer… (stopping the wait does not undo the change)</source>
        <translation>已发出，正在等待微信支付的应答…（停止等待不会撤销修改）</translation>
    </message>
    <message>
        <source>Profile: %1, merchant %2.</source>
        <translation>配置：%1，商户号 %2。</translation>
    </message>
    <message>
        <source>Address: WeChat Pay, production (%1) — this changes a real budget.</source>
        <translation>接口地址：微信支付正式环境（%1）——这会修改真实预算。</translation>
    </message>
    <message>
        <source>Address: %1 — a test address, not WeChat Pay.</source>
        <translation>接口地址：%1——测试地址，不是微信支付。</translation>
    </message>
    <message>
        <source>This changes the value more than tenfold: from %1 to %2. Is that really meant?</source>
        <translation>这次修改变化超过十倍：从 %1 改为 %2。确实要这样改吗？</translation>
    </message>
    <message>
        <source>After this decrease only %1 of %2 coupons are left to issue (under 5 %). Is that really meant?</source>
        <translation>调低后 %2 张中只剩 %1 张可发放（不足 5%）。确实要这样改吗？</translation>
    </message>
    <message>
        <source>Confirm again</source>
        <translation>再次确认</translation>
    </message>
    <message>
        <source>Looking the batch up again before sending…</source>
        <translation>发送前重新查询批次…</translation>
    </message>
    <message>
        <source>Looked up again just now: the value changed from %1 to %2 since the last lookup.</source>
        <translation>刚刚重新查询：自上次查询以来，当前值已由 %1 变为 %2。</translation>
    </message>
    <message>
        <source>Looked up again just now: %1 issued (%2 at the last lookup).</source>
        <translation>刚刚重新查询：已发放 %1 张（上次查询时为 %2 张）。</translation>
    </message>
    <message>
        <source>Looked up again just now: the batch already holds the target %1, so the unconfirmed change has evidently taken effect. Retrying it under the same request number cannot change it twice.</source>
        <translation>刚刚重新查询：批次已是目标值 %1，未确认的那次修改看来已经生效。用同一请求单号重试不会重复修改。</translation>
    </message>
    <message>
        <source>Looked up again just now: the batch holds %1 — neither this change&apos;s current value %2 nor its target. Retried as it is, it will be refused; to change it from %1, discard it and start a new change.</source>
        <translation>刚刚重新查询：批次现为 %1——既不是这次修改的当前值 %2，也不是目标值。按原样重试会被拒绝；要从 %1 开始修改，请放弃并新建修改。</translation>
    </message>
    <message>
        <source>Merchant coupon (商家券)</source>
        <translation>商家券</translation>
    </message>
    <message>
        <source>Product coupon (商品券)</source>
        <translation>商品券</translation>
    </message>
    <message>
        <source>商家券: the merchant coupon API. 商品券: its successor, for merchants who joined after 2025-12-15; its batches belong to a product coupon.</source>
        <translation>商家券：商家券接口。商品券：其后继产品，2025-12-15 之后入驻的商户使用；批次隶属于某个商品券。</translation>
    </message>
    <message>
        <source>e.g. 1000000013001</source>
        <translation>例如 1000000013001</translation>
    </message>
    <message>
        <source>✘ WeChat Pay&apos;s list of group %1 does not include batch %2: the group cannot be changed from here.</source>
        <translation>✘ 微信支付返回的批次组 %1 列表中没有批次 %2：无法在此修改该批次组。</translation>
    </message>
    <message>
        <source>✘ A 商品券 batch ID is 1–40 letters, digits, “_” or “-”; “%1” is not one.</source>
        <translation>✘ 商品券批次号应为 1–40 位字母、数字、“_”或“-”；“%1”不是批次号。</translation>
    </message>
    <message>
        <source>Reading every batch of group %1…</source>
        <translation>正在读取批次组 %1 的全部批次…</translation>
    </message>
    <message>
        <source>Change the %1 of every batch of group %2 (product coupon %3) from %4 to %5 (%6), request number %7? The group&apos;s batches:</source>
        <translation>将批次组 %2（商品券 %3）全部批次的%1从 %4 改为 %5（%6），请求单号 %7，确定吗？该组的批次：</translation>
    </message>
    <message>
        <source>Stop issuing batch %1 “%2” of product coupon %3: set its total from %4 to the %5 coupons already issued, request number %6?</source>
        <translation>停止发放商品券 %3 的批次 %1“%2”：将发放次数总上限从 %4 改为已发放的 %5 次，请求单号 %6，确定吗？</translation>
    </message>
    <message>
        <source>Change the %1 of batch %2 “%3” of product coupon %4 from %5 to %6 (%7), request number %8?</source>
        <translation>将商品券 %4 的批次 %2“%3”的%1从 %5 改为 %6（%7），请求单号 %8，确定吗？</translation>
    </message>
    <message>
        <source>• %1 “%2”: %3 → %4 (issued %5)</source>
        <translation>• %1“%2”：%3 → %4（已发放 %5）</translation>
    </message>
    <message>
        <source>Profile: %1, brand %2.</source>
        <translation>配置：%1，品牌 %2。</translation>
    </message>
    <message>
        <source>Profile: %1, service provider %2 acting for brand %3.</source>
        <translation>配置：%1，服务商 %2 代品牌 %3 操作。</translation>
    </message>
    <message>
        <source>Reading every batch of group %1 again before sending…</source>
        <translation>发送前重新读取批次组 %1 的全部批次…</translation>
    </message>
    <message>
        <source>Choose from list…</source>
        <translation>从列表选择…</translation>
    </message>
    <message>
        <source>List every batch of this product coupon (all pages), filter by state or search by ID or remark, and pick one.</source>
        <translation>列出此商品券的全部批次（全部分页），可按状态筛选、按批次号或备注搜索，选择一个。</translation>
    </message>
</context>
<context>
    <name>budgetdesk::ui::BulkDialog</name>
    <message>
        <source>Bulk changes</source>
        <translation>批量修改</translation>
    </message>
    <message>
        <source>Open a CSV file (UTF-8 or GB18030, as Excel saves it) or paste rows copied from Excel, with the header row: stock_id, product_coupon_id, dimension (total / per_day), and one of target, delta (+5000, -10%) or stop (yes); optional request_no and note. Chinese headers (批次号, 维度, 目标值, 增减, 停止发放) work too.</source>
        <translation>打开 CSV 文件（UTF-8 或 Excel 保存的 GB18030），或粘贴从 Excel 复制的行，第一行为表头：stock_id（批次号）、product_coupon_id（商品券ID）、dimension（维度：total 批次总量 / per_day 单日上限），以及 target（目标值）、delta（增减，如 +5000、-10%）、stop（停止发放：yes）三者之一；可选 request_no（请求单号）和 note（备注）。中文表头同样可用。</translation>
    </message>
    <message>
        <source>Open CSV…</source>
        <translation>打开 CSV…</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Send…</source>
        <translation>发送…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Export results…</source>
        <translation>导出结果…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Open bulk changes</source>
        <translation>打开批量修改文件</translation>
    </message>
    <message>
        <source>CSV or text (*.csv *.txt);;All files (*)</source>
        <translation>CSV 或文本 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>The results could not be written to %1.</source>
        <translation>结果未能写入 %1。</translation>
    </message>
    <message numerus="yes">
        <source>Looking %n row(s) up (at most 5 a second)…</source>
        <translation>
            <numerusform>正在查询 %n 行（每秒至多 5 次）…</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ready to send, %2 blocked, %3 refused as read, %4 already at the target, %5 excluded. Coupons added: %6, removed: %7.</source>
        <translation>可发送 %1 行，不能发送 %2 行，格式错误 %3 行，已是目标值 %4 行，已排除 %5 行。共增加 %6 张，减少 %7 张。</translation>
    </message>
    <message numerus="yes">
        <source>Change %n batch budget(s) on %1: %2 coupons added, %3 removed, one row at a time at most 5 a second. Rows not ready or excluded are not sent. Send?</source>
        <translation>
            <numerusform>将在 %1 上修改 %n 个批次预算：增加 %2 张，减少 %3 张，逐行发送，每秒至多 5 行。不能发送或已排除的行不会发送。确定发送吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Send bulk changes</source>
        <translation>发送批量修改</translation>
    </message>
    <message>
        <source>%1 of %2 row(s) settled in %3.</source>
        <translation>%3 内完成 %1/%2 行。</translation>
    </message>
    <message>
        <source>Row %1 of %2 — elapsed %3, about %4 left.</source>
        <translation>第 %1/%2 行 — 已用 %3，约剩 %4。</translation>
    </message>
    <message>
        <source>Stopping after the row being sent…</source>
        <translation>当前行发送完后停止…</translation>
    </message>
    <message>
        <source>Run %1: %2 applied, %3 not applied, %4 unknown, %5 rejected, %6 skipped%7.</source>
        <translation>批量修改 %1：已生效 %2，未生效 %3，无法确认 %4，被拒绝 %5，已跳过 %6%7。</translation>
    </message>
    <message numerus="yes">
        <source>; %n row(s) not sent — it can be resumed</source>
        <translation>
            <numerusform>；%n 行未发送，可继续</numerusform>
        </translation>
    </message>
    <message>
        <source>A row is being sent: press Stop, and close once it has finished.</source>
        <translation>正在发送：请先按“停止”，完成后再关闭。</translation>
    </message>
</context>
<context>
    <name>budgetdesk::ui::BulkTableModel</name>
    <message>
        <source>total</source>
        <translation>批次总量</translation>
    </message>
    <message>
        <source>per day</source>
        <translation>单日上限</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>already at the target: skipped</source>
        <translation>已是目标值，跳过</translation>
    </message>
    <message>
        <source>excluded</source>
        <translation>已排除</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>可发送</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>修改项</translation>
    </message>
    <message>
        <source>Asked</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Left after</source>
        <translation>修改后剩余</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>budgetdesk::ui::HistoryPage</name>
    <message>
        <source>All outcomes</source>
        <translation>全部结果</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>核对</translation>
    </message>
    <message>
        <source>Look the batch up to settle whether an unconfirmed change took effect.</source>
        <translation>查询批次，确认未确认的修改是否已生效。</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n 条修改</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> — %n not confirmed</source>
        <translation>
            <numerusform> — %n 条未确认</numerusform>
        </translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>导出历史记录</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n change(s) to %1.</source>
        <translation>
            <numerusform>已导出 %n 条修改到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>This change belongs to merchant %1; switch to its profile to check it.</source>
        <translation>该修改属于商户 %1，请切换到其配置后再核对。</translation>
    </message>
    <message>
        <source>Checking batch %1…</source>
        <translation>正在核对批次 %1…</translation>
    </message>
    <message>
        <source>Change #%1 could not be checked: %2</source>
        <translation>修改 #%1 无法核对：%2</translation>
    </message>
    <message>
        <source>Change #%1 checked: %2</source>
        <translation>修改 #%1 已核对：%2</translation>
    </message>
    <message>
        <source>Filter by part of a batch ID, request number or batch name</source>
        <translation>按批次号、请求单号或批次名称的一部分筛选</translation>
    </message>
    <message>
        <source>Change #%1</source>
        <translation>修改 #%1</translation>
    </message>
</context>
<context>
    <name>budgetdesk::ui::MainWindow</name>
    <message>
        <source>Answers with a wrong signature</source>
        <translation>应答签名错误</translation>
    </message>
    <message>
        <source>Signature probes (WECHATPAY/SIGNTEST/)</source>
        <translation>签名探测（WECHATPAY/SIGNTEST/）</translation>
    </message>
    <message>
        <source>Answers signed with an unknown key</source>
        <translation>应答使用未知密钥签名</translation>
    </message>
    <message>
        <source>Answers without signature headers</source>
        <translation>应答缺少签名头</translation>
    </message>
    <message>
        <source>Server clock 2 minutes ahead</source>
        <translation>服务器时钟快 2 分钟</translation>
    </message>
    <message>
        <source>Server clock 400 s behind (SIGN_ERROR)</source>
        <translation>服务器时钟慢 400 秒（SIGN_ERROR）</translation>
    </message>
    <message>
        <source>Slow answers (4 s)</source>
        <translation>应答缓慢（4 秒）</translation>
    </message>
    <message>
        <source>Connection drops before the change</source>
        <translation>修改前连接中断</translation>
    </message>
    <message>
        <source>Connection drops after the change</source>
        <translation>修改后连接中断</translation>
    </message>
    <message>
        <source>HTTP 500 SYSTEM_ERROR</source>
        <translation>HTTP 500 SYSTEM_ERROR</translation>
    </message>
    <message>
        <source>HTTP 503 SERVICE_UNAVAILABLE</source>
        <translation>HTTP 503 SERVICE_UNAVAILABLE</translation>
    </message>
    <message>
        <source>Batch being modified (批次正在修改中)</source>
        <translation>批次正在修改中</translation>
    </message>
    <message>
        <source>About BudgetDesk</source>
        <translation>关于 BudgetDesk</translation>
    </message>
    <message>
        <source>&lt;b&gt;BudgetDesk %1&lt;/b&gt; — 商家券预算助手&lt;br&gt;Look up a WeChat Pay merchant-coupon batch and change its budget: validated, signed, verified, explained and audited.</source>
        <translation>&lt;b&gt;BudgetDesk %1&lt;/b&gt; — 商家券预算助手&lt;br&gt;查询微信支付商家券批次并修改其预算：校验、签名、验签、错误解释与审计记录一应俱全。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation>配置(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;New profile…</source>
        <translation>新建配置(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About BudgetDesk</source>
        <translation>关于 BudgetDesk(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Demo faults</source>
        <translation>演示故障(&amp;D)</translation>
    </message>
    <message>
        <source>Behave normally again</source>
        <translation>恢复正常</translation>
    </message>
    <message>
        <source>Profile: </source>
        <translation>配置：</translation>
    </message>
    <message>
        <source>Demo mode — a local simulator plays WeChat Pay. Nothing here touches real merchants or your audit log.</source>
        <translation>演示模式 — 由本机模拟器扮演微信支付，不会影响真实商户，也不会写入您的审计日志。</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Key passphrase</source>
        <translation>私钥密码</translation>
    </message>
    <message>
        <source>Profile “%1” cannot be used: %2</source>
        <translation>配置“%1”无法使用：%2</translation>
    </message>
    <message>
        <source>The system&apos;s secret store is unavailable: secrets are kept for this session only.</source>
        <translation>系统密钥库不可用：密钥仅在本次运行期间保存在内存中。</translation>
    </message>
    <message>
        <source>No merchant profile yet: use Profile › New profile… to add one, or start BudgetDesk with --demo to try it without a merchant account.</source>
        <translation>尚无商户配置：请通过“配置 › 新建配置…”添加，或使用 --demo 启动 BudgetDesk，无需商户账号即可试用。</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>正在测试连接…</translation>
    </message>
    <message>
        <source>Connection test failed at “%1”: %2</source>
        <translation>连接测试在“%1”失败：%2</translation>
    </message>
    <message>
        <source>Connection test passed.</source>
        <translation>连接测试通过。</translation>
    </message>
    <message>
        <source>History (%1 unconfirmed)</source>
        <translation>历史（%1 条未确认）</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) could not be confirmed; check them in History.</source>
        <translation>
            <numerusform>有 %n 条修改无法确认结果，请在“历史”中核对。</numerusform>
        </translation>
    </message>
    <message>
        <source>A change is in progress</source>
        <translation>修改正在进行</translation>
    </message>
    <message>
        <source>A change is being sent. Close anyway? It may still take effect; it stays in the history as unconfirmed until checked.</source>
        <translation>修改正在发送中。仍要关闭吗？该修改仍可能生效，在核对前会以“未确认”保留在历史中。</translation>
    </message>
    <message>
        <source>A change is being sent: switch profiles once it has finished.</source>
        <translation>正在发送修改，完成后才能切换配置。</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>重命名(&amp;R)…</translation>
    </message>
    <message>
        <source>D&amp;uplicate…</source>
        <translation>复制(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <source>Open at &amp;start (default)</source>
        <translation>启动时打开（默认配置）(&amp;S)</translation>
    </message>
    <message>
        <source>The private key of “%1” is encrypted. Passphrase (kept until BudgetDesk closes):</source>
        <translation>“%1”的私钥已加密，请输入私钥密码（仅保留到 BudgetDesk 关闭）：</translation>
    </message>
    <message>
        <source>“%1” downloads WeChat Pay&apos;s platform certificates with the APIv3 key. APIv3 key (32 characters, kept until BudgetDesk closes):</source>
        <translation>“%1”需用 APIv3 密钥下载微信支付平台证书。请输入 APIv3 密钥（32 个字符，仅保留到 BudgetDesk 关闭）：</translation>
    </message>
    <message>
        <source>APIv3 key</source>
        <translation>APIv3 密钥</translation>
    </message>
    <message>
        <source>Profile “%1” was not opened: the private key&apos;s passphrase was not given.</source>
        <translation>未打开配置“%1”：没有输入私钥密码。</translation>
    </message>
    <message>
        <source>Profile “%1” was not opened: the APIv3 key was not given.</source>
        <translation>未打开配置“%1”：没有输入 APIv3 密钥。</translation>
    </message>
    <message>
        <source>A change is being sent: manage profiles once it has finished.</source>
        <translation>正在发送修改，完成后才能管理配置。</translation>
    </message>
    <message>
        <source>Profile “%1” saved.</source>
        <translation>配置“%1”已保存。</translation>
    </message>
    <message>
        <source>Rename profile</source>
        <translation>重命名配置</translation>
    </message>
    <message>
        <source>New name for “%1”:</source>
        <translation>“%1”的新名称：</translation>
    </message>
    <message>
        <source>Profile “%1” is now called “%2”. The audit log keeps its past entries as they were.</source>
        <translation>配置“%1”已改名为“%2”。审计日志中以往的记录保持原样。</translation>
    </message>
    <message>
        <source>Duplicate profile</source>
        <translation>复制配置</translation>
    </message>
    <message>
        <source>Name for the copy of “%1”:</source>
        <translation>“%1”副本的名称：</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1（副本）</translation>
    </message>
    <message>
        <source>Profile “%1” copied to “%2”.</source>
        <translation>配置“%1”已复制为“%2”。</translation>
    </message>
    <message>
        <source>Delete profile</source>
        <translation>删除配置</translation>
    </message>
    <message>
        <source>Delete the profile “%1”? Its settings and the secrets stored for it are removed. The audit log is kept: the changes made with this profile stay in History.</source>
        <translation>删除配置“%1”？其设置及为它保存的密钥将被删除。审计日志会保留：用此配置做过的修改仍在“历史”中。</translation>
    </message>
    <message>
        <source>Profile “%1” deleted; the audit log is kept.</source>
        <translation>配置“%1”已删除；审计日志已保留。</translation>
    </message>
    <message>
        <source>“%1” opens when BudgetDesk starts.</source>
        <translation>BudgetDesk 启动时将打开“%1”。</translation>
    </message>
    <message>
        <source>BudgetDesk starts with the profile used last.</source>
        <translation>BudgetDesk 启动时将打开上次使用的配置。</translation>
    </message>
    <message>
        <source>Profile “%1” is now called “%2”; the system&apos;s credential store did not take its secrets under the new name, so they are kept for this run only.</source>
        <translation>配置“%1”已改名为“%2”；系统凭据存储没有接受新名称下的密钥信息，它们只保留到本次运行结束。</translation>
    </message>
    <message>
        <source>Profile “%1” copied to “%2”; the system&apos;s credential store did not take its secrets under the new name, so they are kept for this run only.</source>
        <translation>配置“%1”已复制为“%2”；系统凭据存储没有接受新名称下的密钥信息，它们只保留到本次运行结束。</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>使用指南(&amp;U)</translation>
    </message>
    <message>
        <source>Demo mode — demo faults on: %1 (menu Demo faults turns them off).</source>
        <translation>演示模式 — 已开启演示故障：%1（在“演示故障”菜单中关闭）。</translation>
    </message>
    <message>
        <source>A captive portal answers the change, not WeChat Pay</source>
        <translation>网络认证页（非微信支付）应答修改请求</translation>
    </message>
    <message>
        <source>Watch (%1 low)</source>
        <translation>监控（%1 个偏低）</translation>
    </message>
    <message>
        <source>Watch</source>
        <translation>监控</translation>
    </message>
    <message>
        <source>&amp;Bulk changes…</source>
        <translation>批量修改(&amp;B)…</translation>
    </message>
    <message>
        <source>%1 (%2 %3, %4)</source>
        <translation>%1（%2 %3，%4）</translation>
    </message>
    <message>
        <source>brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <source>merchant</source>
        <translation>商户号</translation>
    </message>
    <message>
        <source>demo mode: the simulator</source>
        <translation>演示模式：模拟器</translation>
    </message>
    <message>
        <source>WeChat Pay, live</source>
        <translation>微信支付正式环境</translation>
    </message>
    <message>
        <source>Unfinished bulk run</source>
        <translation>未完成的批量修改</translation>
    </message>
    <message>
        <source>Bulk run %1 of this profile stopped before its end: %2 of %3 row(s) settled. Rows settled are not sent again; a row that was being sent is checked first. Go on now?</source>
        <translation>此配置的批量修改 %1 未完成：已完成 %2/%3 行。已完成的行不会再发送；中断时正在发送的行会先核对。现在继续吗？</translation>
    </message>
</context>
<context>
    <name>budgetdesk::ui::ProductCouponScope</name>
    <message>
        <source>&amp;Product coupon ID</source>
        <translation>商品券ID(&amp;P)</translation>
    </message>
    <message>
        <source>商品券ID, e.g. 1000000013</source>
        <translation>商品券ID，例如 1000000013</translation>
    </message>
    <message>
        <source>product_coupon_id: the product coupon (商品券) the batch belongs to. Every 商品券 request names it together with the batch.</source>
        <translation>product_coupon_id：批次所属的商品券。每个商品券请求都同时写明商品券ID和批次号。</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <source>brand_id: the brand this service provider (服务商) acts for. The profile lists the brands it serves (Profile › Edit…).</source>
        <translation>brand_id：服务商代为操作的品牌。配置中列出其服务的品牌（配置 › 编辑…）。</translation>
    </message>
    <message>
        <source>Brand %1 (this profile)</source>
        <translation>品牌 %1（本配置）</translation>
    </message>
    <message>
        <source>Type the product coupon ID (商品券ID) the batch belongs to.</source>
        <translation>请填写批次所属的商品券ID。</translation>
    </message>
    <message>
        <source>✘ A product coupon ID is 1–40 letters, digits, “_” or “-”; “%1” is not one.</source>
        <translation>✘ 商品券ID应为 1–40 位字母、数字、“_”或“-”；“%1”不是商品券ID。</translation>
    </message>
    <message>
        <source>✘ This profile lists no brand it serves as a service provider (服务商): add the brand_id under Profile › Edit…, or use the brand&apos;s own profile.</source>
        <translation>✘ 此配置没有列出作为服务商所服务的品牌：请在“配置 › 编辑…”中添加 brand_id，或使用品牌自己的配置。</translation>
    </message>
</context>
<context>
    <name>budgetdesk::ui::ProfileWizard</name>
    <message>
        <source>New merchant profile</source>
        <translation>新建商户配置</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>Merchant</source>
        <translation>商户</translation>
    </message>
    <message>
        <source>mchid: the merchant ID WeChat Pay assigned, digits only.</source>
        <translation>mchid：微信支付分配的商户号，仅数字。</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>配置名称</translation>
    </message>
    <message>
        <source>Merchant ID (mchid)</source>
        <translation>商户号（mchid）</translation>
    </message>
    <message>
        <source>Merchant API key and certificate</source>
        <translation>商户 API 私钥与证书</translation>
    </message>
    <message>
        <source>apiclient_key.pem (or apiclient_cert.p12) and apiclient_cert.pem. The key is checked against the certificate, and the serial is read from it.</source>
        <translation>apiclient_key.pem（或 apiclient_cert.p12）与 apiclient_cert.pem。私钥会与证书比对，证书序列号自动读取。</translation>
    </message>
    <message>
        <source>Keys (*.pem *.p12 *.key);;All files (*)</source>
        <translation>私钥 (*.pem *.p12 *.key);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Private key</source>
        <translation>私钥</translation>
    </message>
    <message>
        <source>only for an encrypted key; a .p12 defaults to the mchid</source>
        <translation>仅加密私钥需要；.p12 默认为商户号</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>How answers are verified</source>
        <translation>应答验签方式</translation>
    </message>
    <message>
        <source>New merchants use the WeChat Pay public key (账户中心 → API安全). Older ones may still use platform certificates, downloaded with the APIv3 key.</source>
        <translation>新商户使用微信支付公钥（账户中心 → API安全）。老商户可能仍使用平台证书，需用 APIv3 密钥下载。</translation>
    </message>
    <message>
        <source>WeChat Pay public key</source>
        <translation>微信支付公钥</translation>
    </message>
    <message>
        <source>Platform certificates</source>
        <translation>平台证书</translation>
    </message>
    <message>
        <source>Both (while migrating)</source>
        <translation>两者（迁移期间）</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Public key ID</source>
        <translation>公钥 ID</translation>
    </message>
    <message>
        <source>Public keys (*.pem);;All files (*)</source>
        <translation>公钥 (*.pem);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Public key file</source>
        <translation>公钥文件</translation>
    </message>
    <message>
        <source>The 32-character APIv3 key; kept in the system&apos;s secret store, never in a file.</source>
        <translation>32 位 APIv3 密钥；保存在系统密钥库中，从不写入文件。</translation>
    </message>
    <message>
        <source>APIv3 key</source>
        <translation>APIv3 密钥</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Test the connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>One real signed call. Name a batch that exists to check answer verification as well.</source>
        <translation>发起一次真实的签名请求。填写一个存在的批次号，可同时检查应答验签。</translation>
    </message>
    <message>
        <source>batch ID (optional)</source>
        <translation>批次号（可选）</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>✔ %1 key loaded. Choose the certificate to read the serial.</source>
        <translation>✔ 已加载 %1 私钥。请选择证书以读取序列号。</translation>
    </message>
    <message>
        <source>✔ %1 key matches the certificate. Serial: %2</source>
        <translation>✔ %1 私钥与证书匹配。序列号：%2</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <source>Edit merchant profile “%1”</source>
        <translation>编辑商户配置“%1”</translation>
    </message>
    <message>
        <source>Use Profile › Rename… to rename a profile.</source>
        <translation>如需改名，请使用“配置 › 重命名…”。</translation>
    </message>
    <message>
        <source>unchanged — type to replace</source>
        <translation>保持不变——输入新值即替换</translation>
    </message>
    <message>
        <source>Replace profile?</source>
        <translation>替换配置？</translation>
    </message>
    <message>
        <source>A profile named “%1” already exists. Replace it with this one? Its settings and stored secrets are overwritten; the audit log is kept.</source>
        <translation>已有名为“%1”的配置。要用这个新配置替换它吗？其设置和已保存的密钥将被覆盖；审计日志会保留。</translation>
    </message>
    <message>
        <source>A profile named “%1” already exists: choose another name, or use Profile › Edit… to change that one.</source>
        <translation>已有名为“%1”的配置：请换一个名称，或使用“配置 › 编辑…”修改那个配置。</translation>
    </message>
    <message>
        <source>Choose the merchant API certificate apiclient_cert.pem: its serial goes with every request.</source>
        <translation>请选择商户 API 证书 apiclient_cert.pem：每个请求都要带上它的序列号。</translation>
    </message>
    <message>
        <source>Connection test failed</source>
        <translation>连接测试失败</translation>
    </message>
    <message>
        <source>The connection test failed: %1

Save the profile anyway?</source>
        <translation>连接测试失败：%1

仍然保存此配置吗？</translation>
    </message>
    <message>
        <source>Who works with this profile (操作人). Shown in the audit log and the CSV export beside the computer&apos;s account — useful where several people share one PC.</source>
        <translation>使用此配置的人（操作人）。与电脑账户一起记入审计日志和导出的 CSV——多人共用一台电脑时很有用。</translation>
    </message>
    <message>
        <source>Operator (optional)</source>
        <translation>操作人（可选）</translation>
    </message>
    <message>
        <source>“%1” differs from the profile “%2” only in letter case, which Windows treats as the same name: choose another name.</source>
        <translation>“%1”与已有配置“%2”只差字母大小写，Windows 会把它们当作同一个名称：请换一个名称。</translation>
    </message>
    <message>
        <source>A name for this profile and who calls WeChat Pay: a merchant or service provider (商户号), or a brand calling the 商品券 brand API as itself (品牌ID).</source>
        <translation>为此配置命名，并选择调用微信支付的身份：商户或服务商（商户号），或以品牌自身身份调用商品券品牌接口（品牌ID）。</translation>
    </message>
    <message>
        <source>Merchant or service provider</source>
        <translation>商户或服务商</translation>
    </message>
    <message>
        <source>Brand (商品券 only)</source>
        <translation>品牌（仅商品券）</translation>
    </message>
    <message>
        <source>brand_id: the brand&apos;s ID. A brand signs with its own API key and certificate, and its answers are verified with the WeChat Pay public key.</source>
        <translation>brand_id：品牌ID。品牌使用自己的 API 私钥和证书签名，应答用微信支付公钥验签。</translation>
    </message>
    <message>
        <source>optional, e.g. 120344, 120345</source>
        <translation>可选，例如 120344, 120345</translation>
    </message>
    <message>
        <source>The brands (brand_id) this service provider may change 商品券 for, separated by commas. The budget page offers them.</source>
        <translation>此服务商可代为修改商品券的品牌（brand_id），用逗号分隔。预算页面会列出供选择。</translation>
    </message>
    <message>
        <source>Calls as</source>
        <translation>调用身份</translation>
    </message>
    <message>
        <source>Brands served (brand_id)</source>
        <translation>服务的品牌（brand_id）</translation>
    </message>
    <message>
        <source>Brand ID (brand_id)</source>
        <translation>品牌ID（brand_id）</translation>
    </message>
    <message>
        <source>At most %1 brands per profile.</source>
        <translation>每个配置最多 %1 个品牌。</translation>
    </message>
</context>
<context>
    <name>budgetdesk::ui::RemainingChartView</name>
    <message>
        <source>No verified samples yet: refresh to start the picture.</source>
        <translation>还没有经验签的采样：刷新后开始绘制。</translation>
    </message>
</context>
<context>
    <name>budgetdesk::ui::ResultPanel</name>
    <message>
        <source>Copy Request-ID</source>
        <translation>复制 Request-ID</translation>
    </message>
    <message>
        <source>Signing-string diagnosis</source>
        <translation>签名串诊断</translation>
    </message>
    <message>
        <source>Lookup refused</source>
        <translation>查询被拒绝</translation>
    </message>
    <message>
        <source>Answer not verified — not shown</source>
        <translation>应答未通过验签 — 不予显示</translation>
    </message>
    <message>
        <source>Could not reach WeChat Pay</source>
        <translation>无法连接微信支付</translation>
    </message>
    <message>
        <source>Batch total</source>
        <translation>批次总量</translation>
    </message>
    <message>
        <source>Per-day cap</source>
        <translation>单日上限</translation>
    </message>
    <message>
        <source>Request number: %1</source>
        <translation>请求单号：%1</translation>
    </message>
    <message>
        <source>Request-ID: %1 (answered by %2)</source>
        <translation>Request-ID：%1（应答域名 %2）</translation>
    </message>
    <message>
        <source>Applied · verified (已验签)</source>
        <translation>已生效 · 已验签</translation>
    </message>
    <message>
        <source>Checked by a fresh, verified lookup: the batch now holds %1.</source>
        <translation>已通过重新查询（已验签）核对：批次当前值为 %1。</translation>
    </message>
    <message>
        <source>The checking lookup did not succeed; look the batch up later.</source>
        <translation>核对查询未成功，请稍后再查询批次。</translation>
    </message>
    <message>
        <source>Took effect (已生效, confirmed by lookup)</source>
        <translation>已生效（经查询核对）</translation>
    </message>
    <message>
        <source>Did not take effect (未生效)</source>
        <translation>未生效</translation>
    </message>
    <message>
        <source>Cannot be confirmed (无法确认)</source>
        <translation>无法确认</translation>
    </message>
    <message>
        <source>Signed by BudgetDesk</source>
        <translation>BudgetDesk 签名的内容</translation>
    </message>
    <message>
        <source>Checked by WeChat Pay</source>
        <translation>微信支付验签的内容</translation>
    </message>
    <message>
        <source>Refused by WeChat Pay</source>
        <translation>微信支付拒绝了请求</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;How a change works&lt;/b&gt;&lt;/p&gt;&lt;ol&gt;&lt;li&gt;Type the batch ID and press Enter: the batch is looked up and its answer verified.&lt;/li&gt;&lt;li&gt;Choose total or per-day cap and type the target; problems are explained as you type.&lt;/li&gt;&lt;li&gt;Send, and confirm the sentence that restates the change.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;The verified result, or the error explained, appears here; every change is kept in History.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;修改预算的步骤&lt;/b&gt;&lt;/p&gt;&lt;ol&gt;&lt;li&gt;输入批次号并按回车：查询批次并对应答验签。&lt;/li&gt;&lt;li&gt;选择修改批次总量或单日上限，填写目标值；输入时即提示问题。&lt;/li&gt;&lt;li&gt;点击发送，并确认复述本次修改的那句话。&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;验签后的结果或错误解释会显示在这里；每次修改都记录在“历史”中。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Lookup answer not usable</source>
        <translation>查询应答不可用</translation>
    </message>
    <message>
        <source>Cause (原因)</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Attempt %1: %2 → %3</source>
        <translation>第 %1 次发送：%2 → %3</translation>
    </message>
    <message>
        <source>Measured: %1. Turn on automatic time synchronisation.</source>
        <translation>测得%1。请开启自动同步时间。</translation>
    </message>
    <message>
        <source>Issuing stopped (已停止发放): the total now equals the %1 coupons already issued, so no more are issued. The batch still reads “running” (运行中): merchant coupons have no stop call, and the state only changes when the batch ends or is voided.</source>
        <translation>已停止发放：批次总量现等于已发放的 %1 张，不会再发出新券。批次状态仍显示“运行中”：商家券没有单独的停止接口，状态只在批次到期或作废时改变。</translation>
    </message>
    <message>
        <source>Issuing stopped · verified (已验签)</source>
        <translation>已停止发放 · 已验签</translation>
    </message>
    <message>
        <source>Change back to %1 (改回原值)…</source>
        <translation>改回原值 %1…</translation>
    </message>
    <message>
        <source>Group %1 of product coupon %2: every batch in it</source>
        <translation>商品券 %2 的批次组 %1：组内全部批次</translation>
    </message>
    <message>
        <source>Issuing stopped (已停止发放): the issuance cap now equals the %1 times already issued, so no more are issued. The batch still reads “sending” (发放中): its state is not changed by a budget.</source>
        <translation>已停止发放：发放次数总上限现等于已发放的 %1 次，不会再发放。批次状态仍显示“发放中”：修改预算不改变批次状态。</translation>
    </message>
    <message>
        <source>Issuance cap</source>
        <translation>发放次数总上限</translation>
    </message>
    <message>
        <source>Daily issuance cap</source>
        <translation>每日发放次数上限</translation>
    </message>
</context>
<context>
    <name>budgetdesk::ui::StockCard</name>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Total cap</source>
        <translation>批次总量</translation>
    </message>
    <message>
        <source>Per-day cap</source>
        <translation>单日上限</translation>
    </message>
    <message>
        <source>Issued in total</source>
        <translation>累计已发放</translation>
    </message>
    <message>
        <source>Issued today</source>
        <translation>今日已发放</translation>
    </message>
    <message>
        <source>Owning merchant</source>
        <translation>归属商户</translation>
    </message>
    <message>
        <source>Looked up</source>
        <translation>查询时间</translation>
    </message>
    <message>
        <source>stock_send_rule.max_coupons: the most coupons this batch may issue (1–1,000,000,000).</source>
        <translation>stock_send_rule.max_coupons：批次最大发放个数（1–1,000,000,000）。</translation>
    </message>
    <message>
        <source>stock_send_rule.max_coupons_by_day: the most coupons issued per day, if the batch has a daily cap.</source>
        <translation>stock_send_rule.max_coupons_by_day：单天最大发放个数（批次设有单日上限时）。</translation>
    </message>
    <message>
        <source>send_count_information.total_send_num: coupons issued so far. A new total cannot be lower.</source>
        <translation>send_count_information.total_send_num：累计已发放数量。新的批次总量不能低于此数。</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1 (verified, Request-ID %2)</source>
        <translation>%1（已验签，Request-ID %2）</translation>
    </message>
    <message>
        <source>%1: %2 off orders of %3 (CNY)</source>
        <translation>%1：满 %3 元减 %2 元</translation>
    </message>
    <message>
        <source>%1: pay %2 % (orders of %3 CNY or more)</source>
        <translation>%1：按 %2% 付款（满 %3 元可用）</translation>
    </message>
    <message>
        <source>%1: for %2 CNY</source>
        <translation>%1：%2 元换购</translation>
    </message>
    <message>
        <source>generated by WeChat Pay</source>
        <translation>微信支付生成券码</translation>
    </message>
    <message>
        <source>issued by the merchant&apos;s API</source>
        <translation>商户 API 指定券码</translation>
    </message>
    <message>
        <source>uploaded by the merchant: %1 codes, %2 still available</source>
        <translation>商户上传券码：共 %1 个，剩余可用 %2 个</translation>
    </message>
    <message>
        <source>Left to issue</source>
        <translation>剩余可发放</translation>
    </message>
    <message>
        <source>Left today</source>
        <translation>今日剩余</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>券面</translation>
    </message>
    <message>
        <source>Per user</source>
        <translation>每人限领</translation>
    </message>
    <message>
        <source>Codes</source>
        <translation>券码</translation>
    </message>
    <message>
        <source>Remark</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>%1 off orders of %2 (CNY)</source>
        <translation>满 %2 元减 %1 元</translation>
    </message>
    <message>
        <source>%1 % off (orders of %2 CNY or more)</source>
        <translation>%1% 折扣（满 %2 元可用）</translation>
    </message>
    <message>
        <source>for %1 CNY</source>
        <translation>%1 元换购</translation>
    </message>
    <message>
        <source>none (a single batch)</source>
        <translation>无（单批次）</translation>
    </message>
    <message>
        <source>%1, batch #%2</source>
        <translation>%1，第 %2 批</translation>
    </message>
    <message>
        <source>assigned by the brand&apos;s API</source>
        <translation>品牌 API 指定券码</translation>
    </message>
    <message>
        <source>uploaded by the brand: %1 codes</source>
        <translation>品牌上传券码：共 %1 个</translation>
    </message>
    <message>
        <source>Product coupon batch (商品券)</source>
        <translation>商品券批次</translation>
    </message>
    <message>
        <source>Issuance cap</source>
        <translation>发放次数总上限</translation>
    </message>
    <message>
        <source>Daily issuance cap</source>
        <translation>每日发放次数上限</translation>
    </message>
    <message>
        <source>Issued (times)</source>
        <translation>已发放总次数</translation>
    </message>
    <message>
        <source>Issued today (times)</source>
        <translation>当天已发放次数</translation>
    </message>
    <message>
        <source>Product coupon</source>
        <translation>商品券</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>批次组</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>%1 (batch %2 of %3)</source>
        <translation>%1（第 %2 批，共 %3 批）</translation>
    </message>
</context>
<context>
    <name>budgetdesk::ui::UserGuide</name>
    <message>
        <source>User guide — BudgetDesk</source>
        <translation>使用指南 — BudgetDesk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;How a change works&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Look up&lt;/b&gt;: on the Budget tab type the batch ID (批次号) and press Enter (Ctrl+L goes there). The answer is shown only once WeChat Pay&apos;s signature on it has been verified.&lt;/li&gt;&lt;li&gt;&lt;b&gt;The card&lt;/b&gt; shows the batch: state, total, per-day cap, coupons issued and left to issue.&lt;/li&gt;&lt;li&gt;Choose &lt;b&gt;Batch total&lt;/b&gt; or &lt;b&gt;Per-day cap&lt;/b&gt; (one per change) and type the &lt;b&gt;Target value&lt;/b&gt;. A total cannot be below the coupons already issued; problems are said under the form as you type.&lt;/li&gt;&lt;li&gt;The &lt;b&gt;Request number&lt;/b&gt; is generated for you. It names this change: WeChat Pay applies one request number only once.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Send…&lt;/b&gt; (Ctrl+Enter): the batch is looked up again, then a sentence restates the change — read it and confirm. A change of more than tenfold, or one leaving under 5 % to issue, is asked about twice.&lt;/li&gt;&lt;li&gt;The &lt;b&gt;result&lt;/b&gt; appears under the form. Every change and its outcome is kept in &lt;b&gt;History&lt;/b&gt;.&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;h3&gt;修改的步骤&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;查询&lt;/b&gt;：在“预算”页输入批次号（stock_id）后按回车（Ctrl+L 可跳到此处）。微信支付应答的签名验证通过后才会显示。&lt;/li&gt;&lt;li&gt;&lt;b&gt;批次卡片&lt;/b&gt;显示批次的状态、批次总量、单日上限、已发放数量和剩余可发放数量。&lt;/li&gt;&lt;li&gt;选择&lt;b&gt;批次总量&lt;/b&gt;或&lt;b&gt;单日上限&lt;/b&gt;（每次只改一项），填写&lt;b&gt;目标值&lt;/b&gt;。批次总量不能低于已发放的数量；输入时表单下方会提示问题。&lt;/li&gt;&lt;li&gt;&lt;b&gt;请求单号&lt;/b&gt;自动生成，用来标识这次修改：同一个请求单号，微信支付只执行一次。&lt;/li&gt;&lt;li&gt;&lt;b&gt;发送…&lt;/b&gt;（Ctrl+Enter）：先重新查询批次，再用一句话复述这次修改——核对无误后确认。变化超过十倍、或修改后剩余可发放不足 5 % 时，会再确认一次。&lt;/li&gt;&lt;li&gt;&lt;b&gt;结果&lt;/b&gt;显示在表单下方。每次修改及其结果都保存在&lt;b&gt;历史&lt;/b&gt;中。&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;What the result means&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Applied (已生效)&lt;/b&gt;: WeChat Pay&apos;s verified answer, or a verified lookup afterwards, shows the target. Nothing more to do.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Not applied (未生效)&lt;/b&gt;: verified evidence that the change did not apply — a lookup shows the starting value and no attempt can still arrive. Send it again if it is still needed.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Unconfirmed (无法确认)&lt;/b&gt;: the answer was lost or could not be verified, and checking did not settle it. &lt;b&gt;The change may still take effect.&lt;/b&gt; Retry with &lt;b&gt;Retry the same change&lt;/b&gt;, which keeps its request number (the change cannot then apply twice), or settle it later with &lt;b&gt;Check&lt;/b&gt; in History. Never change the request number for a retry: a new number is a second change.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Rejected (被拒绝)&lt;/b&gt;: WeChat Pay refused the change, so it did not apply. The explanation under the result says what to fix; &lt;b&gt;Copy Request-ID&lt;/b&gt; when you ask WeChat Pay&apos;s support.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Not sent&lt;/b&gt;: the change never left BudgetDesk; the reason is shown.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;结果的含义&lt;/h3&gt;&lt;p&gt;&lt;b&gt;已生效&lt;/b&gt;：微信支付经验签的应答，或随后经验签的查询，显示批次已是目标值。无需再做什么。&lt;/p&gt;&lt;p&gt;&lt;b&gt;未生效&lt;/b&gt;：有经验签的证据表明修改没有生效——查询显示仍是原值，且没有仍可能到达的请求。如仍需修改，请重新发送。&lt;/p&gt;&lt;p&gt;&lt;b&gt;无法确认&lt;/b&gt;：应答丢失或未通过验签，核对也未能确定结果。&lt;b&gt;修改仍可能生效。&lt;/b&gt;请用&lt;b&gt;重试同一修改&lt;/b&gt;重试——它沿用原请求单号（修改因此不会执行两次），或稍后在“历史”中用&lt;b&gt;核对&lt;/b&gt;确认。重试时切勿更换请求单号：换了新单号就是第二次修改。&lt;/p&gt;&lt;p&gt;&lt;b&gt;被拒绝&lt;/b&gt;：微信支付拒绝了这次修改，修改未生效。结果下方的说明写明如何处理（“处理：”）；联系微信支付客服时请用&lt;b&gt;复制 Request-ID&lt;/b&gt;。&lt;/p&gt;&lt;p&gt;&lt;b&gt;未发送&lt;/b&gt;：修改没有发出；会显示原因。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Good to know&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Stop issuing&lt;/b&gt; sets the total to the coupons already issued, so no more are issued. The batch still reads “running” (运行中): merchant coupons have no stop call, and the state only changes when the batch ends or is voided.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Stop waiting&lt;/b&gt;: once the request has left, stopping the wait does not take it back — the change may still take effect, and BudgetDesk then checks the batch. If it did, &lt;b&gt;Change back to …&lt;/b&gt; offers the old value as a new change, confirmed and recorded like any other.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Clock&lt;/b&gt;: WeChat Pay refuses every request from a PC whose clock is 5 minutes or more off (SIGN_ERROR). BudgetDesk warns from one minute off and does not send from five: turn on automatic time synchronisation.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Verified (已验签)&lt;/b&gt;: the answer&apos;s signature was checked with WeChat Pay&apos;s public key or platform certificate, so it comes from WeChat Pay unaltered. An answer that fails the check is never shown as a result.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Audit log&lt;/b&gt;: each change is recorded before it is sent — with the computer&apos;s account and the profile&apos;s operator (操作人) — in %1. The &lt;b&gt;History&lt;/b&gt; tab shows it; &lt;b&gt;Export CSV…&lt;/b&gt; there writes it for Excel.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Demo mode&lt;/b&gt; (&lt;code&gt;budgetdesk --demo&lt;/code&gt;): a local simulator plays WeChat Pay with demo batches in a throw-away folder; nothing touches real merchants or your audit log. The &lt;b&gt;Demo faults&lt;/b&gt; menu makes it misbehave, to see each outcome.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;h3&gt;须知&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;停止发放&lt;/b&gt;把批次总量设为已发放的数量，之后不再发券。批次状态仍显示“运行中”：商家券没有停止发放的接口，状态只在批次结束或作废时才改变。&lt;/li&gt;&lt;li&gt;&lt;b&gt;停止等待&lt;/b&gt;：请求发出后，停止等待并不能撤回——修改仍可能生效，BudgetDesk 随后会核对批次。如果已生效，会提供&lt;b&gt;改回原值&lt;/b&gt;，作为一次新的修改，同样需要确认并记入日志。&lt;/li&gt;&lt;li&gt;&lt;b&gt;时钟&lt;/b&gt;：电脑时钟偏差 5 分钟或以上时，微信支付会拒绝所有请求（SIGN_ERROR）。偏差超过 1 分钟 BudgetDesk 就会提醒，达到 5 分钟则不再发送：请开启自动时间同步。&lt;/li&gt;&lt;li&gt;&lt;b&gt;已验签&lt;/b&gt;：应答的签名已用微信支付公钥或平台证书验证，确认来自微信支付且未被篡改。未通过验签的应答不会作为结果显示。&lt;/li&gt;&lt;li&gt;&lt;b&gt;审计日志&lt;/b&gt;：每次修改在发送前就已记录——连同电脑账户和配置的操作人——保存在 %1。“历史”页显示这些记录；用那里的&lt;b&gt;导出 CSV…&lt;/b&gt;可导出给 Excel 使用。&lt;/li&gt;&lt;li&gt;&lt;b&gt;演示模式&lt;/b&gt;（&lt;code&gt;budgetdesk --demo&lt;/code&gt;）：由本机模拟器扮演微信支付，提供演示批次，数据放在临时文件夹中；不会触及真实商户，也不会写入您的审计日志。&lt;b&gt;演示故障&lt;/b&gt;菜单可让模拟器出错，以查看各种结果。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;WeChat Pay&apos;s documentation of the call: &lt;a href=&quot;%1&quot;&gt;修改批次预算 (modify a batch&apos;s budget)&lt;/a&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;微信支付接口文档：&lt;a href=&quot;%1&quot;&gt;修改批次预算&lt;/a&gt;。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>budgetdesk::ui::WatchPage</name>
    <message>
        <source>Batch IDs…</source>
        <translation>输入批次号…</translation>
    </message>
    <message>
        <source>Add batches</source>
        <translation>添加批次</translation>
    </message>
    <message>
        <source>Batch IDs, separated by spaces or commas (a 商品券 batch as PRODUCT_COUPON_ID:STOCK_ID), or a column pasted from a sheet:</source>
        <translation>批次号，用空格或逗号分隔（商品券批次写作 商品券ID:批次号），也可粘贴表格中的一列：</translation>
    </message>
    <message>
        <source>Every batch in History</source>
        <translation>历史中的全部批次</translation>
    </message>
    <message>
        <source>Import watchlist…</source>
        <translation>导入监控列表…</translation>
    </message>
    <message>
        <source>Import watchlist</source>
        <translation>导入监控列表</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Export watchlist…</source>
        <translation>导出监控列表…</translation>
    </message>
    <message>
        <source>Export watchlist</source>
        <translation>导出监控列表</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>每</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟自动刷新</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>More</source>
        <translation>更多</translation>
    </message>
    <message>
        <source>Low below</source>
        <translation>剩余低于</translation>
    </message>
    <message>
        <source>or within </source>
        <translation>或 </translation>
    </message>
    <message>
        <source> h</source>
        <translation> 小时内发完视为偏低</translation>
    </message>
    <message>
        <source>Quiet hours</source>
        <translation>免打扰时段</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Not a batch ID (skipped): %1</source>
        <translation>不是批次号（已跳过）：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n batch(es) added.</source>
        <translation>
            <numerusform>已添加 %n 个批次。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n batch(es) added from History.</source>
        <translation>
            <numerusform>已从历史添加 %n 个批次。</numerusform>
        </translation>
    </message>
    <message>
        <source>No such file: %1</source>
        <translation>文件不存在：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n batch(es) imported.</source>
        <translation>
            <numerusform>已导入 %n 个批次。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Looking %n batch(es) up (at most 5 a second)…</source>
        <translation>
            <numerusform>正在查询 %n 个批次（每秒最多 5 次）…</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2): %3 left%4</source>
        <translation>%1（%2）：剩余 %3%4</translation>
    </message>
    <message>
        <source>⚠ Running low: %1</source>
        <translation>⚠ 即将发完：%1</translation>
    </message>
    <message>
        <source>Batch running low</source>
        <translation>批次即将发完</translation>
    </message>
    <message numerus="yes">
        <source>Refreshed at %1: %n batch(es), %2 low, %3 lookup(s) failed.</source>
        <translation>
            <numerusform>%1 已刷新：%n 个批次，%2 个偏低，%3 次查询失败。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — left (blue), issued today (grey), at today&apos;s pace (red, dashed)</source>
        <translation>%1 — 剩余（蓝）、今日已发放（灰）、按今日速度预计（红色虚线）</translation>
    </message>
    <message>
        <source>From a 商品券&apos;s batch list…</source>
        <translation>从商品券批次列表添加…</translation>
    </message>
    <message>
        <source>Thresholds of this batch</source>
        <translation>此批次的阈值</translation>
    </message>
    <message>
        <source>Low below P % left, or running out within H hours — as &quot;P, H&quot;. Empty: the defaults above.</source>
        <translation>剩余低于 P% 或 H 小时内发完视为偏低，写作“P, H”。留空：使用上方的默认值。</translation>
    </message>
    <message>
        <source>This batch…</source>
        <translation>此批次阈值…</translation>
    </message>
    <message>
        <source>Thresholds of the selected batch, instead of the defaults</source>
        <translation>为选中的批次单独设置阈值，代替默认值</translation>
    </message>
    <message>
        <source>No grouping</source>
        <translation>不分组</translation>
    </message>
    <message>
        <source>Group by owner / brand</source>
        <translation>按所属商户/品牌分组</translation>
    </message>
    <message>
        <source>“%1” is not “P, H”: a percentage 0–100 and hours 0–8784.</source>
        <translation>“%1”不是“P, H”：百分比 0–100，小时 0–8784。</translation>
    </message>
    <message>
        <source>Add from a 商品券&apos;s batch list</source>
        <translation>从商品券批次列表添加</translation>
    </message>
    <message>
        <source>Product coupon ID (商品券ID):</source>
        <translation>商品券ID：</translation>
    </message>
    <message>
        <source>Group by profile</source>
        <translation>按配置分组</translation>
    </message>
    <message>
        <source>All profiles</source>
        <translation>全部配置</translation>
    </message>
    <message>
        <source>Every profile&apos;s watchlist in one table, each looked up with its own profile</source>
        <translation>所有配置的监控列表合在一张表中，各自用自己的配置查询</translation>
    </message>
</context>
<context>
    <name>budgetdesk::ui::WatchTableModel</name>
    <message>
        <source>Double-click to open this batch on the budget page.</source>
        <translation>双击在预算页打开此批次。</translation>
    </message>
    <message>
        <source>Product coupon</source>
        <translation>商品券</translation>
    </message>
    <message>
        <source>Merchant coupon</source>
        <translation>商家券</translation>
    </message>
    <message>
        <source>✘ lookup failed</source>
        <translation>✘ 查询失败</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>nothing issued today</source>
        <translation>今日未发放</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>券类型</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Total cap</source>
        <translation>总量</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>已发放</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>Per-day cap</source>
        <translation>单日上限</translation>
    </message>
    <message>
        <source>Issued today</source>
        <translation>今日已发放</translation>
    </message>
    <message>
        <source>Left today</source>
        <translation>今日剩余</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>验签时间</translation>
    </message>
    <message>
        <source>Runs out</source>
        <translation>预计发完</translation>
    </message>
    <message>
        <source>Last 24 h</source>
        <translation>近 24 小时</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>所属</translation>
    </message>
    <message>
        <source>✘ profile not open</source>
        <translation>✘ 配置未打开</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>配置</translation>
    </message>
</context>
</TS>
