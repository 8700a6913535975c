#include "BudgetForm.h"

#include "ButtonShortcut.h"
#include "CountField.h"
#include "Dialogs.h"
#include "StatusColours.h"
#include "UiLanguage.h"
#include "busifavor/RequestNumberGenerator.h"
#include "http/ClockOffsetMeter.h"

#include <QCheckBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>

namespace budgetdesk::ui {

BudgetForm::BudgetForm(QWidget *parent)
    : QGroupBox(parent)
{
    setObjectName(QStringLiteral("budgetForm"));
    auto *grid = new QGridLayout(this);

    m_dimensionCaption = new QLabel(this);
    m_total = new QRadioButton(this);
    m_total->setObjectName(QStringLiteral("dimensionTotal"));
    m_perDay = new QRadioButton(this);
    m_perDay->setObjectName(QStringLiteral("dimensionPerDay"));
    m_total->setChecked(true);
    auto *dimensions = new QHBoxLayout;
    dimensions->addWidget(m_total);
    dimensions->addWidget(m_perDay);
    dimensions->addStretch();
    grid->addWidget(m_dimensionCaption, 0, 0);
    grid->addLayout(dimensions, 0, 1, 1, 2);

    m_currentCaption = new QLabel(this);
    m_current = new CountField(this);
    m_current->setObjectName(QStringLiteral("currentValue"));
    m_current->setReadOnly(true);
    m_unlockCurrent = new QCheckBox(this);
    m_unlockCurrent->setObjectName(QStringLiteral("unlockCurrent"));
    grid->addWidget(m_currentCaption, 1, 0);
    grid->addWidget(m_current, 1, 1);
    grid->addWidget(m_unlockCurrent, 1, 2);

    m_targetCaption = new QLabel(this);
    m_target = new CountField(this);
    m_target->setObjectName(QStringLiteral("targetValue"));
    m_delta = new QLabel(this);
    m_delta->setObjectName(QStringLiteral("delta"));
    m_stopIssuing = new QPushButton(this);
    m_stopIssuing->setObjectName(QStringLiteral("stopIssuing"));
    auto *targetRow = new QHBoxLayout;
    targetRow->addWidget(m_target, 1);
    targetRow->addWidget(m_stopIssuing);
    grid->addWidget(m_targetCaption, 2, 0);
    grid->addLayout(targetRow, 2, 1);
    grid->addWidget(m_delta, 2, 2);

    m_numberCaption = new QLabel(this);
    m_requestNumber = new QLineEdit(this);
    m_requestNumber->setObjectName(QStringLiteral("requestNumber"));
    // No validator or length cap: a pasted number that does not fit is shown and refused
    // with the reason, never quietly rewritten into another one.
    m_generate = new QPushButton(this);
    m_generate->setObjectName(QStringLiteral("generateRequestNumber"));
    grid->addWidget(m_numberCaption, 3, 0);
    grid->addWidget(m_requestNumber, 3, 1);
    grid->addWidget(m_generate, 3, 2);

    m_bundleNotice = new QLabel(this);
    m_bundleNotice->setObjectName(QStringLiteral("bundleNotice"));
    m_bundleNotice->setWordWrap(true);
    m_bundleNotice->hide();
    grid->addWidget(m_bundleNotice, 4, 0, 1, 3);

    m_retryNotice = new QLabel(this);
    m_retryNotice->setObjectName(QStringLiteral("retryNotice"));
    m_retryNotice->setWordWrap(true);
    m_retryNotice->setStyleSheet(StatusColours::textStyle(StatusTone::Warning, palette()));
    m_retrySame = new QPushButton(this);
    m_retrySame->setObjectName(QStringLiteral("retrySameChange"));
    grid->addWidget(m_retryNotice, 5, 0, 1, 2);
    grid->addWidget(m_retrySame, 5, 2);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("formProblem"));
    m_problem->setWordWrap(true);
    grid->addWidget(m_problem, 6, 0, 1, 3);

    m_clockWarning = new QLabel(this);
    m_clockWarning->setObjectName(QStringLiteral("clockWarning"));
    m_clockWarning->setWordWrap(true);
    m_clockWarning->setStyleSheet(StatusColours::textStyle(StatusTone::Warning, palette()));
    m_clockWarning->hide();
    grid->addWidget(m_clockWarning, 7, 0, 1, 3);

    m_send = new QPushButton(this);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setDefault(false);
    addButtonShortcut(m_send, QKeySequence(Qt::CTRL | Qt::Key_Return));
    addButtonShortcut(m_send, QKeySequence(Qt::CTRL | Qt::Key_Enter));
    grid->addWidget(m_send, 8, 2);
    grid->setColumnStretch(1, 1);

    // Spin boxes and line edits claim Ctrl+Enter for themselves; let it reach 发送.
    for (QWidget *field : std::initializer_list<QWidget *>{m_current, m_target, m_requestNumber})
        field->installEventFilter(this);

    connect(m_total, &QRadioButton::toggled, this, &BudgetForm::dimensionChanged);
    connect(m_unlockCurrent, &QCheckBox::toggled, this, [this](bool unlocked) {
        m_current->setReadOnly(!unlocked);
        if (!unlocked)
            dimensionChanged(); // back to the looked-up value
        revalidate();
    });
    connect(m_current, &QLineEdit::textChanged, this, &BudgetForm::edited);
    connect(m_target, &QLineEdit::textChanged, this, &BudgetForm::edited);
    connect(m_requestNumber, &QLineEdit::textChanged, this, &BudgetForm::revalidate);
    connect(m_generate, &QPushButton::clicked, this, &BudgetForm::generateRequested);
    connect(m_retrySame, &QPushButton::clicked, this, &BudgetForm::retryUnconfirmed);
    connect(m_stopIssuing, &QPushButton::clicked, this, &BudgetForm::stopIssuing);
    connect(m_send, &QPushButton::clicked, this, &BudgetForm::sendRequested);

    retranslate();
    setStock(std::nullopt, {});
}

void BudgetForm::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QGroupBox::changeEvent(event);
}

bool BudgetForm::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && key->modifiers() == Qt::ControlModifier) {
            event->ignore(); // not overridden: the shortcut map delivers it to the send button
            return true;
        }
    }
    return QGroupBox::eventFilter(watched, event);
}

void BudgetForm::retranslate()
{
    setTitle(tr("Change the budget"));
    m_dimensionCaption->setText(tr("Change"));
    m_total->setText(tr("Batch total"));
    m_total->setToolTip(tr("target_max_coupons: the batch's new maximum number of coupons. Only one of total and "
                           "per-day cap can change per request."));
    m_perDay->setText(tr("Per-day cap"));
    m_perDay->setToolTip(tr("target_max_coupons_by_day: the batch's new per-day maximum. Only one of total and per-day "
                            "cap can change per request."));
    m_currentCaption->setText(tr("Current value"));
    m_current->setToolTip(tr("current_max_coupons / current_max_coupons_by_day: the value being replaced, from the "
                             "lookup. WeChat Pay refuses the change if the batch no longer has this value."));
    m_unlockCurrent->setText(tr("Edit manually"));
    m_targetCaption->setText(tr("Target value"));
    m_target->setToolTip(tr("The new value, 1 to 1,000,000,000; a total cannot be below the coupons already issued."));
    m_numberCaption->setText(tr("Request number"));
    m_requestNumber->setToolTip(tr("modify_budget_request_no: identifies this change. Retries of the same change keep "
                                   "it; a new change gets a new one."));
    m_generate->setText(tr("Generate"));
    m_retrySame->setText(tr("Retry the same change"));
    m_retrySame->setToolTip(tr("Back to the unconfirmed change, with its request number: a retry that cannot "
                               "take effect twice."));
    m_stopIssuing->setText(tr("Stop issuing"));
    m_send->setText(tr("Send…"));
    m_send->setToolTip(tr("Send the change (Ctrl+Enter)"));
    revalidate();
}

void BudgetForm::setBlockedBy(const std::optional<BilingualText> &reason)
{
    m_blockedBy = reason;
    revalidate();
}

void BudgetForm::setClockOffset(std::optional<qint64> offsetSeconds)
{
    m_clockOffset = offsetSeconds;
    revalidate();
}

BudgetDimension BudgetForm::dimension() const
{
    return m_perDay->isChecked() ? BudgetDimension::PerDay : BudgetDimension::Total;
}

void BudgetForm::setStock(const std::optional<StockDetails> &stock, const QString &mchid, const QString &brandId)
{
    m_stock = stock;
    m_mchid = mchid;
    m_brandId = brandId;
    m_bundle.clear(); // a group's batch is changed with its group once the group is read (setBundle)
    // An unconfirmed change stays retryable while its batch (or group) is the one in view.
    if (m_unconfirmed && !isAbout(*m_unconfirmed))
        m_unconfirmed.reset();
    m_unlockCurrent->setChecked(false);
    const bool hasDailyCap = stock && stock->maxCouponsByDay.has_value();
    m_perDay->setEnabled(hasDailyCap);
    if (!hasDailyCap)
        m_total->setChecked(true);
    dimensionChanged();
    startNewChange();
}

void BudgetForm::setBundle(const QList<StockDetails> &bundle)
{
    if (!m_stock || !m_stock->isInBundle())
        return;
    m_bundle = bundle;
    if (m_unconfirmed && !isAbout(*m_unconfirmed))
        m_unconfirmed.reset();
    const bool hasDailyCap = m_stock->maxCouponsByDay.has_value();
    m_perDay->setEnabled(hasDailyCap && !m_locked);
    revalidate();
}

bool BudgetForm::isAbout(const BudgetChange &change) const
{
    if (!m_stock || change.family != m_stock->family || change.productCouponId != m_stock->productCouponId)
        return false;
    if (change.isBundleChange())
        return change.bundleId == m_stock->bundleId;
    return change.stockId == m_stock->stockId;
}

bool BudgetForm::isRetryOfUnconfirmed() const
{
    return m_unconfirmed && m_requestNumber->text() == m_unconfirmed->requestNumber;
}

void BudgetForm::refreshStock(const StockDetails &fresh)
{
    const bool wasStop = m_stock && stopsIssuing(draft(), *m_stock);
    m_stock = fresh;
    // A retry goes out exactly as the unconfirmed change did: under its request number, any
    // other current value or target would be a different change (refused as a mismatch, and
    // no longer tied to the entry it should settle).
    if (!isRetryOfUnconfirmed()) {
        const QSignalBlocker blockCurrent(m_current);
        const QSignalBlocker blockTarget(m_target);
        if (!m_unlockCurrent->isChecked())
            m_current->setValue(dimension() == BudgetDimension::Total ? fresh.maxCoupons
                                                                      : fresh.maxCouponsByDay.value_or(0));
        if (wasStop && canStopIssuing())
            m_target->setValue(fresh.totalSendNum);
    }
    m_perDay->setEnabled(fresh.maxCouponsByDay.has_value());
    revalidate();
}

void BudgetForm::dimensionChanged()
{
    const bool total = dimension() == BudgetDimension::Total;
    const qint64 current = !m_stock ? 0 : total ? m_stock->maxCoupons : m_stock->maxCouponsByDay.value_or(0);
    m_current->setValue(current);
    m_target->setValue(current); // "nothing to change yet", until a target is typed
    startNewChange();
}

void BudgetForm::startNewChange()
{
    // A number only once there is a batch to change (generating one seeds the CSPRNG: not at start-up).
    m_requestNumber->setText(m_stock ? RequestNumberGenerator().next() : QString());
    m_numberUsed = false;
    revalidate();
}

bool BudgetForm::canStopIssuing() const
{
    // Nothing issued yet cannot be stopped this way: the smallest total is 1, which allows one more.
    // A group's batches have issued different amounts: no single total stops them all.
    return m_stock && !isBundleChange() && m_stock->totalSendNum >= 1 && m_stock->totalSendNum < m_stock->maxCoupons;
}

void BudgetForm::stopIssuing()
{
    if (!canStopIssuing())
        return;
    m_total->setChecked(true);
    m_target->setValue(m_stock->totalSendNum);
    m_target->setFocus();
}

bool BudgetForm::stopsIssuing(const BudgetChange &change, const StockDetails &stock)
{
    return change.dimension == BudgetDimension::Total && !change.isBundleChange() && stock.totalSendNum >= 1
        && change.target == stock.totalSendNum;
}

void BudgetForm::edited()
{
    if (m_numberUsed) {
        startNewChange(); // the last change ended: this edit begins a new one
        return;
    }
    // The unconfirmed change's number belongs to that change alone: a different target (or
    // dimension, or current value) under it would be refused as a mismatch — or worse, read as
    // the same change. It gets a number of its own; 重试同一修改 brings the old one back.
    if (m_unconfirmed && m_requestNumber->text() == m_unconfirmed->requestNumber) {
        const BudgetChange now = draft();
        if (now.dimension != m_unconfirmed->dimension || now.target != m_unconfirmed->target
            || now.current != m_unconfirmed->current) {
            const QSignalBlocker block(m_requestNumber);
            m_requestNumber->setText(RequestNumberGenerator().next());
        }
    }
    revalidate();
}

void BudgetForm::finishChange(bool definite)
{
    m_numberUsed = definite;
    if (definite)
        m_unconfirmed.reset();
    else
        m_unconfirmed = draft();
    revalidate();
}

void BudgetForm::generateRequested()
{
    // Replacing the number of an unconfirmed change loses the one safe way to retry it.
    if (m_unconfirmed && m_requestNumber->text() == m_unconfirmed->requestNumber
        && !Dialogs::confirm(this, tr("Replace the request number?"),
                             tr("The last change (request number %1) may still take effect. Retried with a new "
                                "number it could take effect twice. Replace the number anyway?")
                                 .arg(m_unconfirmed->requestNumber)))
        return;
    startNewChange();
}

void BudgetForm::prepareChange(BudgetDimension dimension, qint64 target)
{
    if (!m_stock)
        return;
    (dimension == BudgetDimension::Total ? m_total : m_perDay)->setChecked(true);
    m_unlockCurrent->setChecked(false); // from the batch as it stands now
    dimensionChanged();
    m_target->setValue(target); // an edit: a new change under a new number
    m_target->setFocus();
}

void BudgetForm::retryUnconfirmed()
{
    if (!m_unconfirmed)
        return;
    const BudgetChange change = *m_unconfirmed;
    (change.dimension == BudgetDimension::Total ? m_total : m_perDay)->setChecked(true);
    m_unlockCurrent->setChecked(true); // the value it was sent with, whatever the lookup says now
    m_current->setValue(*change.current);
    m_target->setValue(change.target);
    const QSignalBlocker block(m_requestNumber);
    m_requestNumber->setText(change.requestNumber);
    m_numberUsed = false;
    revalidate();
}

void BudgetForm::updateRetryNotice()
{
    const bool pending = m_unconfirmed && m_stock && !m_locked;
    const bool same = pending && m_requestNumber->text() == m_unconfirmed->requestNumber;
    m_retryNotice->setVisible(pending);
    m_retrySame->setVisible(pending && !same);
    if (!pending)
        return;
    m_retryNotice->setText(
        same ? tr("Retrying the unconfirmed change under its own request number: it cannot take effect twice.")
             : tr("The last change (%1 → %2, request number %3) is unconfirmed. This is a different change with a "
                  "new request number; to retry that one safely, use “Retry the same change”.")
                   .arg(*m_unconfirmed->current)
                   .arg(m_unconfirmed->target)
                   .arg(m_unconfirmed->requestNumber));
}

void BudgetForm::setLocked(bool locked)
{
    m_locked = locked;
    for (QWidget *widget : std::initializer_list<QWidget *>{m_total, m_perDay, m_current, m_unlockCurrent, m_target,
                                                            m_requestNumber, m_generate})
        widget->setEnabled(!locked);
    if (!locked)
        m_perDay->setEnabled(m_stock && m_stock->maxCouponsByDay.has_value());
    revalidate();
}

BudgetChange BudgetForm::draft() const
{
    BudgetChange change;
    change.stockId = m_stock ? m_stock->stockId : QString();
    if (m_stock && m_stock->isProductCoupon()) {
        change.family = CouponFamily::ProductCoupon;
        change.productCouponId = m_stock->productCouponId;
        change.brandId = m_brandId;
        if (isBundleChange()) { // the group's call names the group, never one of its batches
            change.bundleId = m_stock->bundleId;
            change.stockId.clear();
        }
    }
    change.dimension = dimension();
    change.target = m_target->value().value_or(0);
    change.current = m_current->value().value_or(0);
    change.requestNumber = m_requestNumber->text();
    return change;
}

QString BudgetForm::describe(qint64 current, qint64 target)
{
    const qint64 delta = target - current;
    return QStringLiteral("%1 → %2 (%3%4)")
        .arg(current)
        .arg(target)
        .arg(delta >= 0 ? QStringLiteral("+") : QString())
        .arg(delta);
}

void BudgetForm::revalidate()
{
    const BudgetChange change = draft();
    m_problems = !m_stock  ? QList<BudgetProblem>{}
        : isBundleChange() ? validateBundleChange(change, m_bundle)
                           : validateBudgetChange(change, m_stock, QDateTime::currentDateTimeUtc(), m_mchid);
    m_bundleNotice->setVisible(isBundleChange());
    if (isBundleChange())
        m_bundleNotice->setText(
            tr("Group change: all %n batch(es) of group %1 change together.", nullptr, int(m_bundle.size()))
                .arg(m_stock->bundleId));
    // Text that is no count at all is said as such, not as "out of range" for a 0 nobody typed.
    m_inputProblems.clear();
    const bool targetTyped = m_target->value().has_value();
    const bool currentTyped = m_current->value().has_value();
    if (m_stock && !targetTyped) {
        m_inputProblems << (m_target->isBlank() ? tr("Type the target value.")
                                                : tr("The target “%1” is not a number (full-width digits and "
                                                     "thousands separators are fine).")
                                                      .arg(m_target->text()));
        m_problems.removeIf([](const BudgetProblem &p) {
            return p.code() == BudgetProblem::Code::TargetOutOfRange
                || p.code() == BudgetProblem::Code::TargetUnchanged;
        });
    }
    if (m_stock && !currentTyped) {
        m_inputProblems << tr("The current value “%1” is not a number.").arg(m_current->text());
        m_problems.removeIf([](const BudgetProblem &p) { return p.code() == BudgetProblem::Code::TargetUnchanged; });
    }
    m_delta->setText(m_stock && targetTyped && currentTyped ? describe(*change.current, change.target) : QString());
    auto flagged = [&](const QString &field) {
        return std::any_of(m_problems.cbegin(), m_problems.cend(), [&](const BudgetProblem &p) {
            return p.isBlocking() && p.field() == field && p.code() != BudgetProblem::Code::TargetUnchanged;
        });
    };
    m_target->setFlagged(m_stock && (!targetTyped || flagged(QStringLiteral("target"))));
    m_current->setFlagged(m_stock && (!currentTyped || flagged(QStringLiteral("current"))));
    m_requestNumber->setStyleSheet(m_stock && flagged(QStringLiteral("request_no"))
                                       ? QStringLiteral("QLineEdit { border: 1px solid %1; }")
                                             .arg(StatusColours::text(StatusTone::Failure, palette()).name())
                                       : QString());

    // A clock 5 minutes or more off makes every signature fail: sending could only be refused.
    const bool clockRefused = m_stock && ClockOffsetMeter::refusesSignatures(m_clockOffset);
    const bool blocked = !m_stock || hasBlockingProblem(m_problems) || !m_inputProblems.isEmpty()
        || m_blockedBy.has_value() || clockRefused;
    QStringList lines;
    if (m_blockedBy)
        lines.append(QStringLiteral("✘ ") + UiLanguage::pick(*m_blockedBy));
    if (clockRefused)
        lines.append(QStringLiteral("✘ ")
                     + tr("The clock is 5 minutes or more off, so WeChat Pay would refuse the signature: turn on "
                          "automatic time synchronisation, then look the batch up again."));
    for (const QString &problem : std::as_const(m_inputProblems))
        lines.append(QStringLiteral("✘ ") + problem);
    for (const BudgetProblem &problem : m_problems)
        lines.append((problem.isBlocking() ? QStringLiteral("✘ ") : QStringLiteral("⚠ "))
                     + UiLanguage::pick(problem.text()));
    if (!m_stock)
        lines.append(tr("Look a batch up first."));
    m_problem->setText(lines.join(u'\n'));
    const bool clockOff = m_stock && m_clockOffset && qAbs(*m_clockOffset) > ClockOffsetMeter::NoticeableSeconds;
    m_clockWarning->setVisible(clockOff);
    if (clockOff)
        m_clockWarning->setText(QStringLiteral("⚠ ")
                                + tr("Measured: %1. From 5 minutes on WeChat Pay refuses every request (SIGN_ERROR): "
                                     "turn on automatic time synchronisation.")
                                      .arg(UiLanguage::pick(ClockOffsetMeter::describe(*m_clockOffset))));
    m_stopIssuing->setEnabled(!m_locked && canStopIssuing());
    m_stopIssuing->setToolTip(
        !m_stock ? QString()
            : canStopIssuing()
            ? tr("Set the batch total to the %n coupon(s) already issued, so that no more are issued. Merchant "
                 "coupons have no separate stop call.",
                 nullptr, int(m_stock->totalSendNum))
            : tr("Not available: the batch has issued nothing yet, or its total already equals what it has issued."));
    // "Nothing to change yet" is a state, not a mistake: said quietly rather than in red.
    const bool onlyUnchanged = m_inputProblems.isEmpty() && !m_blockedBy && m_problems.size() == 1
        && m_problems.first().code() == BudgetProblem::Code::TargetUnchanged;
    m_problem->setStyleSheet(
        onlyUnchanged ? QStringLiteral("color: %1;").arg(palette().color(QPalette::PlaceholderText).name())
                      : StatusColours::textStyle(blocked ? StatusTone::Failure : StatusTone::Warning, palette()));

    updateRetryNotice();
    const bool valid = !blocked && !m_locked;
    m_send->setEnabled(valid);
    Q_EMIT validityChanged(valid);
}

void BudgetForm::focusTarget()
{
    m_target->setFocus();
    m_target->selectAll();
}

std::optional<BudgetChange> BudgetForm::change() const
{
    if (!m_stock || m_locked || hasBlockingProblem(m_problems) || !m_inputProblems.isEmpty() || m_blockedBy
        || ClockOffsetMeter::refusesSignatures(m_clockOffset))
        return std::nullopt;
    return draft();
}

} // namespace budgetdesk::ui
