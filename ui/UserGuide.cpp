#include "UserGuide.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace budgetdesk::ui {

const char *const UserGuide::ApiDocumentationUrl = "https://pay.weixin.qq.com/doc/v3/merchant/4012538963";

UserGuide::UserGuide(const QString &auditDatabase, QWidget *parent)
    : QDialog(parent)
    , m_auditDatabase(QDir::toNativeSeparators(auditDatabase))
{
    setObjectName(QStringLiteral("userGuide"));
    setModal(false);
    setSizeGripEnabled(true);
    auto *layout = new QVBoxLayout(this);
    m_browser = new QTextBrowser(this);
    m_browser->setObjectName(QStringLiteral("userGuideText"));
    // The API page opens in the user's browser; the guide itself has no other links to follow.
    m_browser->setOpenExternalLinks(true);
    layout->addWidget(m_browser);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    layout->addWidget(buttons);
    // Beside the main window on a 1366×768 laptop at 125 % (about 1092×543 left inside the
    // main window): the whole guide is two screens at this size, and it can be made larger.
    resize(720, 480);
    retranslate();
}

QString UserGuide::text() const
{
    return m_browser->toPlainText();
}

void UserGuide::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void UserGuide::retranslate()
{
    setWindowTitle(tr("User guide — BudgetDesk"));
    // One translatable piece per section: each can be checked against the window on its own.
    const QString steps
        = tr("<h3>How a change works</h3><ol>"
             "<li><b>Look up</b>: on the Budget tab type the batch ID (批次号) and press Enter (Ctrl+L goes there). "
             "The answer is shown only once WeChat Pay's signature on it has been verified.</li>"
             "<li><b>The card</b> shows the batch: state, total, per-day cap, coupons issued and left to issue.</li>"
             "<li>Choose <b>Batch total</b> or <b>Per-day cap</b> (one per change) and type the <b>Target value</b>. "
             "A total cannot be below the coupons already issued; problems are said under the form as you type.</li>"
             "<li>The <b>Request number</b> is generated for you. It names this change: WeChat Pay applies one "
             "request number only once.</li>"
             "<li><b>Send…</b> (Ctrl+Enter): the batch is looked up again, then a sentence restates the change — "
             "read it and confirm. A change of more than tenfold, or one leaving under 5 % to issue, is asked about "
             "twice.</li>"
             "<li>The <b>result</b> appears under the form. Every change and its outcome is kept in "
             "<b>History</b>.</li></ol>");
    const QString outcomes
        = tr("<h3>What the result means</h3>"
             "<p><b>Applied (已生效)</b>: WeChat Pay's verified answer, or a verified lookup afterwards, shows the "
             "target. Nothing more to do.</p>"
             "<p><b>Not applied (未生效)</b>: verified evidence that the change did not apply — a lookup shows the "
             "starting value and no attempt can still arrive. Send it again if it is still needed.</p>"
             "<p><b>Unconfirmed (无法确认)</b>: the answer was lost or could not be verified, and checking did not "
             "settle it. <b>The change may still take effect.</b> Retry with <b>Retry the same change</b>, which "
             "keeps its request number (the change cannot then apply twice), or settle it later with <b>Check</b> "
             "in History. Never change the request number for a retry: a new number is a second change.</p>"
             "<p><b>Rejected (被拒绝)</b>: WeChat Pay refused the change, so it did not apply. The explanation under "
             "the result says what to fix; <b>Copy Request-ID</b> when you ask WeChat Pay's support.</p>"
             "<p><b>Not sent</b>: the change never left BudgetDesk; the reason is shown.</p>");
    const QString details
        = tr("<h3>Good to know</h3><ul>"
             "<li><b>Stop issuing</b> sets the total to the coupons already issued, so no more are issued. The batch "
             "still reads “running” (运行中): merchant coupons have no stop call, and the state only changes when "
             "the batch ends or is voided.</li>"
             "<li><b>Stop waiting</b>: once the request has left, stopping the wait does not take it back — the "
             "change may still take effect, and BudgetDesk then checks the batch. If it did, <b>Change back to …</b> "
             "offers the old value as a new change, confirmed and recorded like any other.</li>"
             "<li><b>Clock</b>: WeChat Pay refuses every request from a PC whose clock is 5 minutes or more off "
             "(SIGN_ERROR). BudgetDesk warns from one minute off and does not send from five: turn on automatic time "
             "synchronisation.</li>"
             "<li><b>Verified (已验签)</b>: the answer's signature was checked with WeChat Pay's public key or "
             "platform certificate, so it comes from WeChat Pay unaltered. An answer that fails the check is never "
             "shown as a result.</li>"
             "<li><b>Audit log</b>: each change is recorded before it is sent — with the computer's account and the "
             "profile's operator (操作人) — in %1. The <b>History</b> tab shows it; <b>Export CSV…</b> there writes "
             "it for Excel.</li>"
             "<li><b>Demo mode</b> (<code>budgetdesk --demo</code>): a local simulator plays WeChat Pay with demo "
             "batches in a throw-away folder; nothing touches real merchants or your audit log. The <b>Demo "
             "faults</b> menu makes it misbehave, to see each outcome.</li></ul>")
              .arg(m_auditDatabase.toHtmlEscaped());
    const QString link = tr("<p>WeChat Pay's documentation of the call: <a href=\"%1\">修改批次预算 (modify a batch's "
                            "budget)</a>.</p>")
                             .arg(QLatin1String(ApiDocumentationUrl));
    m_browser->setHtml(steps + outcomes + details + link);
}

} // namespace budgetdesk::ui
