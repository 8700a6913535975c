#include "ResultPanel.h"

#include "BudgetForm.h"
#include "ButtonShortcut.h"
#include "StatusColours.h"
#include "UiLanguage.h"
#include "errors/ErrorCatalogue.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace budgetdesk::ui {

namespace {

QString escapedLines(const QByteArray &signingString)
{
    return QString::fromUtf8(signingString)
        .toHtmlEscaped()
        .replace(u'\n', QStringLiteral("<span style='color:#888'>\\n</span><br>"));
}

QString explanationLines(const ErrorExplanation &explanation)
{
    const bool chinese = UiLanguage::instance().current() == Language::Chinese;
    if (chinese)
        return QStringLiteral("%1<br><b>处理：</b>%2")
            .arg(explanation.explanationZh.toHtmlEscaped(), explanation.solutionZh.toHtmlEscaped());
    return explanation.en.toHtmlEscaped();
}

// A text area that asks only for its minimum height: a scroll area sizes its page from the
// widgets' preferred heights, and QTextBrowser's default (192 px) alone pushed the result
// below a 1366×768 laptop's screen. The panel's stretch still gives it all the room there is.
class CompactTextBrowser : public QTextBrowser
{
public:
    CompactTextBrowser(QWidget *parent, int minimumHeight)
        : QTextBrowser(parent)
    {
        setMinimumHeight(minimumHeight);
    }
    QSize sizeHint() const override { return {QTextBrowser::sizeHint().width(), minimumHeight()}; }
};

} // namespace

ResultPanel::ResultPanel(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("resultPanel"));
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    m_badge = new QLabel(this);
    m_badge->setObjectName(QStringLiteral("resultBadge"));
    m_copy = new QPushButton(this);
    m_copy->setObjectName(QStringLiteral("copyRequestId"));
    addButtonShortcut(m_copy, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_revert = new QPushButton(this);
    m_revert->setObjectName(QStringLiteral("revertChange"));
    m_revert->setVisible(false);
    top->addWidget(m_badge, 1);
    top->addWidget(m_revert);
    layout->addLayout(top);
    m_details = new CompactTextBrowser(this, 56); // three lines: more as the window allows
    m_details->setObjectName(QStringLiteral("resultDetails"));
    m_details->setOpenExternalLinks(false);
    layout->addWidget(m_details);
    // A reconciled outcome leads with what the checking lookup established; the failures that
    // made reconciliation necessary are kept one click away so the verdict is not buried.
    m_causesToggle = new QPushButton(this);
    m_causesToggle->setObjectName(QStringLiteral("showCauses"));
    m_causesToggle->setCheckable(true);
    m_causes = new CompactTextBrowser(this, 80);
    m_causes->setObjectName(QStringLiteral("resultCauses"));
    m_causes->setVisible(false);
    layout->addWidget(m_causes);
    m_diagnosisToggle = new QPushButton(this);
    m_diagnosisToggle->setObjectName(QStringLiteral("showDiagnosis"));
    m_diagnosisToggle->setCheckable(true);
    m_diagnosis = new CompactTextBrowser(this, 120);
    m_diagnosis->setObjectName(QStringLiteral("signDiagnosis"));
    m_diagnosis->setVisible(false);
    layout->addWidget(m_diagnosis);
    // The toggles sit in the verdict's row: on a small screen every row is a line of result.
    top->addWidget(m_causesToggle);
    top->addWidget(m_diagnosisToggle);
    top->addWidget(m_copy);
    connect(m_copy, &QPushButton::clicked, this, &ResultPanel::copyRequestId);
    connect(m_revert, &QPushButton::clicked, this, &ResultPanel::revertRequested);
    connect(m_causesToggle, &QPushButton::toggled, m_causes, &QWidget::setVisible);
    connect(m_diagnosisToggle, &QPushButton::toggled, m_diagnosis, &QWidget::setVisible);
    clear();
}

void ResultPanel::paintEvent(QPaintEvent *event)
{
    QFrame::paintEvent(event);
    // The guide waits for the first paint: laid out twice while the window settled its size, its
    // Chinese took 5 ms of the window's time to appear (measured by bench_startup).
    if (!m_painted) {
        m_painted = true;
        QTimer::singleShot(0, this, [this] {
            if (!m_outcome && !m_lookup)
                render();
        });
    }
}

void ResultPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        render();
    QFrame::changeEvent(event);
}

QString ResultPanel::badgeText() const
{
    return m_badge->text();
}

void ResultPanel::copyRequestId()
{
    if (!m_requestId.isEmpty())
        QApplication::clipboard()->setText(QString::fromLatin1(m_requestId));
}

void ResultPanel::offerRevert(qint64 startingValue)
{
    m_revertTo = startingValue;
    render();
}

void ResultPanel::clear()
{
    m_revertTo.reset();
    m_outcome.reset();
    m_lookup.reset();
    render();
}

void ResultPanel::showOutcome(const BudgetOutcome &outcome, bool stoppedIssuing)
{
    m_revertTo.reset();
    m_outcome = outcome;
    m_stoppedIssuing = stoppedIssuing;
    m_lookup.reset();
    render();
}

void ResultPanel::showLookupFailure(const StockQueryResult &result)
{
    m_revertTo.reset();
    m_lookup = result;
    m_outcome.reset();
    render();
}

void ResultPanel::present(Tone tone, const QString &badge, const QStringList &details, const QByteArray &requestId,
                          const QStringList &causes, const QString &diagnosis)
{
    const StatusTone tones[] = {StatusTone::Success, StatusTone::Failure, StatusTone::Warning};
    m_badge->setText(badge);
    m_badge->setStyleSheet(
        QStringLiteral("QLabel { color: white; background: %1; border-radius: 4px; padding: 4px 10px; "
                       "font-weight: bold; }")
            .arg(StatusColours::badge(tones[int(tone)]).name()));
    m_badge->setVisible(true);
    m_details->setHtml(details.join(QStringLiteral("<br>")));
    m_details->setVisible(true);
    m_requestId = requestId;
    m_copy->setText(tr("Copy Request-ID"));
    m_copy->setVisible(!requestId.isEmpty());
    m_revert->setVisible(m_revertTo.has_value() && m_outcome && m_outcome->isApplied());
    if (m_revertTo)
        m_revert->setText(tr("Change back to %1 (改回原值)…").arg(*m_revertTo));
    m_causesToggle->setText(tr("Cause (原因)"));
    m_causesToggle->setVisible(!causes.isEmpty());
    m_causes->setHtml(causes.join(QStringLiteral("<br>")));
    m_causes->setVisible(!causes.isEmpty() && m_causesToggle->isChecked());
    m_diagnosisToggle->setText(tr("Signing-string diagnosis"));
    m_diagnosisToggle->setVisible(!diagnosis.isEmpty());
    m_diagnosis->setHtml(diagnosis);
    m_diagnosis->setVisible(!diagnosis.isEmpty() && m_diagnosisToggle->isChecked());
}

QStringList ResultPanel::attemptLines(const BudgetOutcome &outcome)
{
    QStringList lines;
    for (qsizetype i = 0; i < outcome.attempts.size(); ++i) {
        const ExchangeAttempt &a = outcome.attempts.at(i);
        const QString result = a.failure ? a.failure->name()
            : a.httpStatus != 0          ? QStringLiteral("HTTP %1").arg(a.httpStatus)
                                         : QStringLiteral("—");
        lines << tr("Attempt %1: %2 → %3").arg(i + 1).arg(a.domain.toString().toHtmlEscaped(), result.toHtmlEscaped());
    }
    return lines;
}

void ResultPanel::render()
{
    if (m_lookup) {
        const StockQueryResult &r = *m_lookup;
        QStringList details;
        if (r.error) {
            details << QStringLiteral("<b>%1 %2</b> — %3")
                           .arg(r.error->httpStatus)
                           .arg(r.error->code.toHtmlEscaped(), r.error->message.toHtmlEscaped())
                    << explanationLines(r.error->explanation) << UiLanguage::pick(r.error->trustText()).toHtmlEscaped();
            present(Tone::Failure, tr("Lookup refused"), details, r.error->requestId);
        } else if (r.kind == StockQueryResult::Kind::Unusable || r.kind == StockQueryResult::Kind::SigningFailed) {
            present(Tone::Failure, tr("Lookup answer not usable"), {UiLanguage::pick(r.summary()).toHtmlEscaped()}, {});
        } else if (r.kind == StockQueryResult::Kind::NotVerified) {
            const ErrorExplanation why = r.verification
                ? ErrorCatalogue::explainVerification(*r.verification, ErrorCatalogue::Subject::Lookup)
                : ErrorExplanation{r.summary().zh, {}, r.summary().en};
            present(Tone::Warning, tr("Answer not verified — not shown"), {explanationLines(why)}, {});
        } else {
            const ErrorExplanation why
                = r.failure.value_or(NetworkFailure{}).explanation(NetworkFailure::Context::Lookup);
            present(Tone::Failure, tr("Could not reach WeChat Pay"), {explanationLines(why)}, {});
        }
        return;
    }
    if (!m_outcome) {
        // Nothing sent yet: say what happens here instead of showing an empty box.
        m_badge->setVisible(false);
        m_details->setVisible(true);
        if (!m_painted) {
            m_details->clear();
        } else {
            m_details->setHtml(
                QStringLiteral("<div style='color:%1'>%2</div>")
                    .arg(palette().color(QPalette::PlaceholderText).name(),
                         tr("<p><b>How a change works</b></p><ol><li>Type the batch ID and press Enter: "
                            "the batch is looked up and its answer verified.</li><li>Choose total or "
                            "per-day cap and type the target; problems are explained as you type.</li>"
                            "<li>Send, and confirm the sentence that restates the change.</li></ol><p>The "
                            "verified result, or the error explained, appears here; every change is kept "
                            "in History.</p>")));
        }
        m_copy->setVisible(false);
        m_revert->setVisible(false);
        m_causesToggle->setVisible(false);
        m_causes->setVisible(false);
        m_diagnosisToggle->setVisible(false);
        m_diagnosis->setVisible(false);
        m_requestId.clear();
        return;
    }

    using K = BudgetOutcome::Kind;
    const BudgetOutcome &o = *m_outcome;
    const BudgetChange &c = o.change;
    QStringList details;
    const QString dimension = c.isProductCoupon()
        ? (c.dimension == BudgetDimension::Total ? tr("Issuance cap") : tr("Daily issuance cap"))
        : (c.dimension == BudgetDimension::Total ? tr("Batch total") : tr("Per-day cap"));
    if (c.current)
        details << QStringLiteral("%1: %2").arg(dimension.toHtmlEscaped(), BudgetForm::describe(*c.current, c.target));
    if (c.isBundleChange())
        details << tr("Group %1 of product coupon %2: every batch in it")
                       .arg(c.bundleId, c.productCouponId)
                       .toHtmlEscaped();
    // The values the verified answer names, under the family's field names.
    auto addAnswered = [&] {
        const bool productCoupon = c.isProductCoupon();
        auto values = [&](std::optional<qint64> total, std::optional<qint64> perDay) {
            return QStringLiteral("%1 = <b>%2</b>, %3 = <b>%4</b>")
                .arg(productCoupon ? QStringLiteral("max_count") : QStringLiteral("max_coupons"))
                .arg(total.value_or(0))
                .arg(productCoupon ? QStringLiteral("max_count_per_day") : QStringLiteral("max_coupons_by_day"))
                .arg(perDay ? QString::number(*perDay) : QStringLiteral("—"));
        };
        if (o.bundleStocks.isEmpty())
            details << values(o.maxCoupons, o.maxCouponsByDay);
        for (const StockDetails &batch : o.bundleStocks)
            details << batch.stockId.toHtmlEscaped() + QStringLiteral(": ")
                    + values(batch.maxCoupons, batch.maxCouponsByDay);
    };
    auto addRequest = [&] {
        details << tr("Request number: %1").arg(c.requestNumber.toHtmlEscaped());
        if (!o.requestId.isEmpty())
            details << tr("Request-ID: %1 (answered by %2)").arg(QString::fromLatin1(o.requestId), o.domain.toString());
    };
    auto addClock = [&] {
        if (o.clockOffsetSeconds && qAbs(*o.clockOffsetSeconds) > ClockOffsetMeter::NoticeableSeconds)
            details << QStringLiteral("<span style='color:%1'>%2</span>")
                           .arg(StatusColours::text(StatusTone::Warning, palette()).name())
                           .arg(tr("Measured: %1. Turn on automatic time synchronisation.")
                                    .arg(UiLanguage::pick(ClockOffsetMeter::describe(*o.clockOffsetSeconds)))
                                    .toHtmlEscaped());
    };

    // Staff expect a stopped batch to read 已停止; merchant coupons have no such state.
    auto addStopped = [&] {
        if (m_stoppedIssuing && c.isProductCoupon())
            details << QStringLiteral("<b>%1</b>")
                           .arg(tr("Issuing stopped (已停止发放): the issuance cap now equals the %1 times already "
                                   "issued, so no more are issued. The batch still reads “sending” (发放中): its "
                                   "state is not changed by a budget.")
                                    .arg(c.target)
                                    .toHtmlEscaped());
        else if (m_stoppedIssuing)
            details << QStringLiteral("<b>%1</b>")
                           .arg(tr("Issuing stopped (已停止发放): the total now equals the %1 coupons already issued, "
                                   "so no more are issued. The batch still reads “running” (运行中): merchant "
                                   "coupons have no stop call, and the state only changes when the batch ends or "
                                   "is voided.")
                                    .arg(c.target)
                                    .toHtmlEscaped());
    };

    switch (o.kind) {
    case K::Applied:
        addStopped();
        addAnswered();
        addRequest();
        addClock();
        present(Tone::Success,
                m_stoppedIssuing ? tr("Issuing stopped · verified (已验签)") : tr("Applied · verified (已验签)"),
                details, o.requestId);
        return;
    case K::ReconciledApplied:
    case K::ReconciledNotApplied:
    case K::Unknown: {
        details << UiLanguage::pick(o.summary()).toHtmlEscaped();
        QStringList causes;
        if (o.verification && !o.verification->isVerified())
            causes << explanationLines(ErrorCatalogue::explainVerification(*o.verification));
        else if (o.failure)
            causes << explanationLines(o.failure->explanation());
        else if (o.error)
            causes << explanationLines(o.error->explanation);
        causes << attemptLines(o);
        if (o.observedValue)
            details << tr("Checked by a fresh, verified lookup: the batch now holds %1.").arg(*o.observedValue);
        else
            details << tr("The checking lookup did not succeed; look the batch up later.");
        if (o.kind == K::ReconciledApplied)
            addStopped();
        addRequest();
        addClock();
        const QString badge = o.kind == K::ReconciledApplied ? tr("Took effect (已生效, confirmed by lookup)")
            : o.kind == K::ReconciledNotApplied              ? tr("Did not take effect (未生效)")
                                                             : tr("Cannot be confirmed (无法确认)");
        present(o.kind == K::ReconciledApplied ? Tone::Success : Tone::Warning, badge, details, o.requestId, causes);
        return;
    }
    case K::Rejected: {
        const ApiError &e = *o.error;
        details << QStringLiteral("<b>HTTP %1 %2</b> — %3")
                       .arg(e.httpStatus)
                       .arg(e.code.toHtmlEscaped(), e.message.toHtmlEscaped())
                << explanationLines(e.explanation) << UiLanguage::pick(e.trustText()).toHtmlEscaped();
        if (!e.detail.isEmpty())
            details
                << QStringLiteral("detail: <code>%1</code>")
                       .arg(QString::fromUtf8(QJsonDocument(e.detail).toJson(QJsonDocument::Compact)).toHtmlEscaped());
        addRequest();
        addClock();
        QString diagnosis;
        if (o.signDiagnosis) {
            diagnosis
                = QStringLiteral("<p>%1</p><p><b>%2</b><br><code>%3</code></p><p><b>%4</b><br><code>%5</code></p>")
                      .arg(UiLanguage::pick(o.signDiagnosis->text()).toHtmlEscaped(), tr("Signed by BudgetDesk"),
                           escapedLines(o.signDiagnosis->ours()), tr("Checked by WeChat Pay"),
                           escapedLines(o.signDiagnosis->servers()));
        }
        present(Tone::Failure, tr("Refused by WeChat Pay"), details, e.requestId, {}, diagnosis);
        return;
    }
    case K::Invalid:
    case K::LookupFailed:
    case K::NetworkFailed:
    case K::NotRecorded:
    case K::SigningFailed:
        details << UiLanguage::pick(o.summary()).toHtmlEscaped();
        if (o.failure)
            details << explanationLines(o.failure->explanation());
        if (o.lookup && o.lookup->error)
            details << explanationLines(o.lookup->error->explanation);
        present(Tone::Failure, tr("Not sent"), details, {});
        return;
    }
}

} // namespace budgetdesk::ui
