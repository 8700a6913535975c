; The installer's own texts, in both languages (MUI supplies the standard pages' texts).
; UTF-8 with a byte-order mark: makensis reads a file without one in the system code page.

LangString WelcomeText ${LANG_ENGLISH} "This installs BudgetDesk ${VERSION} for your Windows account only: no administrator rights are needed.$\r$\n$\r$\nBudgetDesk changes the budget of WeChat Pay merchant-coupon batches: look a batch up, check the change, send it signed, verify the answer, and keep an audit trail. Without a merchant account, try it with BudgetDesk (demo mode).$\r$\n$\r$\nMerchant profiles and change history from an earlier installation are kept."
LangString WelcomeText ${LANG_SIMPCHINESE} "将为当前 Windows 用户安装 BudgetDesk ${VERSION}，无需管理员权限。$\r$\n$\r$\nBudgetDesk 用于修改微信支付商家券批次的预算：查询批次、校验修改、签名发送、验证应答，并保留审计记录。没有商户号也可以通过“BudgetDesk 演示模式”试用。$\r$\n$\r$\n以前安装时保存的商户配置和修改记录会保留。"

LangString DemoShortcut ${LANG_ENGLISH} "BudgetDesk (demo mode)"
LangString DemoShortcut ${LANG_SIMPCHINESE} "BudgetDesk 演示模式"

LangString DesktopSection ${LANG_ENGLISH} "Desktop shortcut"
LangString DesktopSection ${LANG_SIMPCHINESE} "桌面快捷方式"

LangString PathSection ${LANG_ENGLISH} "Add budgetdesk-cli to my PATH"
LangString PathSection ${LANG_SIMPCHINESE} "将 budgetdesk-cli 加入我的 PATH"

LangString PathTooLong ${LANG_ENGLISH} "Your PATH is too long for this installer to change safely; it was left as it is. Add the bin folder of the installation to it by hand."
LangString PathTooLong ${LANG_SIMPCHINESE} "您的 PATH 过长，安装程序无法安全修改，已保持不变。请手动把安装目录下的 bin 文件夹加入 PATH。"

LangString RemovingPrevious ${LANG_ENGLISH} "Removing the previous installation in"
LangString RemovingPrevious ${LANG_SIMPCHINESE} "正在移除旧版本："

LangString AskDeleteData ${LANG_ENGLISH} "Also delete your BudgetDesk merchant profiles, settings and change history (audit log)?$\n$\nChoose No to keep them for a later installation. Keys stored in Windows Credential Manager are not affected."
LangString AskDeleteData ${LANG_SIMPCHINESE} "是否同时删除 BudgetDesk 的商户配置、设置和修改记录（审计日志）？$\n$\n选择“否”可保留，供以后重新安装使用。保存在 Windows 凭据管理器中的密钥不受影响。"
