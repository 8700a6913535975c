#include "BudgetPage.h"

#include "BatchPicker.h"
#include "BudgetForm.h"
#include "ButtonShortcut.h"
#include "Dialogs.h"
#include "ProductCouponScope.h"
#include "ResultPanel.h"
#include "ScrollingPage.h"
#include "StatusColours.h"
#include "StockCard.h"
#include "UiLanguage.h"
#include "audit/AuditTrail.h"
#include "http/DomainPolicy.h"
#include "productcoupon/ProductCouponApi.h"
#include "profile/ProfileSession.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace budgetdesk::ui {

BudgetPage::BudgetPage(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("budgetPage"));
    QVBoxLayout *layout = scrollingContent(this, QStringLiteral("budgetScroll"));
    layout->setSpacing(4);

    auto *lookupRow = new QHBoxLayout;
    m_family = new QComboBox(this);
    m_family->setObjectName(QStringLiteral("couponFamily"));
    m_family->addItem(QString(), int(CouponFamily::Busifavor)); // texts in retranslate()
    m_family->addItem(QString(), int(CouponFamily::ProductCoupon));
    lookupRow->addWidget(m_family);
    m_stockCaption = new QLabel(this);
    m_stockId = new QLineEdit(this);
    m_stockId->setObjectName(QStringLiteral("stockIdEdit"));
    // No validator: a paste from a spreadsheet (" 1212 0000 0000 0002 ") must not vanish.
    // It is tidied and said so; anything else is shown with the reason.
    m_stockCaption->setBuddy(m_stockId);
    m_stockIdHint = new QLabel(this);
    m_stockIdHint->setObjectName(QStringLiteral("stockIdHint"));
    m_lookUp = new QPushButton(this);
    m_lookUp->setObjectName(QStringLiteral("lookUpButton"));
    // 商品券: the product coupon and brand go on the same row, before the batch they contain.
    m_scope = new ProductCouponScope(this);
    m_scope->hide();
    lookupRow->addWidget(m_scope, 1);
    lookupRow->addWidget(m_stockCaption);
    lookupRow->addWidget(m_stockId, 1);
    lookupRow->addWidget(m_lookUp);
    m_pick = new QPushButton(this);
    m_pick->setObjectName(QStringLiteral("pickBatchButton"));
    m_pick->hide();
    lookupRow->addWidget(m_pick);
    m_suggestions = new QComboBox(this);
    m_suggestions->setObjectName(QStringLiteral("demoBatches"));
    m_suggestions->setVisible(false);
    lookupRow->addWidget(m_suggestions);
    layout->addLayout(lookupRow);
    layout->addWidget(m_stockIdHint);
    m_stockIdHint->hide();

    auto *columns = new QHBoxLayout;
    m_card = new StockCard(this);
    m_form = new BudgetForm(this);
    columns->addWidget(m_card, 5);
    columns->addWidget(m_form, 4);
    layout->addLayout(columns);

    auto *busyRow = new QHBoxLayout;
    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("busyIndicator"));
    m_busy->setRange(0, 0); // indeterminate
    m_busy->setMaximumWidth(160);
    m_busyText = new QLabel(this);
    m_cancel = new QPushButton(this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    addButtonShortcut(m_cancel, QKeySequence(Qt::Key_Escape));
    busyRow->addWidget(m_busy);
    busyRow->addWidget(m_busyText, 1);
    busyRow->addWidget(m_cancel);
    layout->addLayout(busyRow);

    m_result = new ResultPanel(this);
    layout->addWidget(m_result, 1);

    setTabOrder(m_stockId, m_lookUp);
    setTabOrder(m_lookUp, m_form);
    connect(m_stockId, &QLineEdit::returnPressed, this, &BudgetPage::lookUp);
    connect(m_stockId, &QLineEdit::textEdited, this, &BudgetPage::normaliseStockId);
    connect(m_lookUp, &QPushButton::clicked, this, &BudgetPage::lookUp);
    connect(m_form, &BudgetForm::sendRequested, this, &BudgetPage::send);
    connect(m_cancel, &QPushButton::clicked, this, &BudgetPage::cancel);
    connect(m_result, &ResultPanel::revertRequested, this, &BudgetPage::prepareRevert);
    connect(m_family, &QComboBox::currentIndexChanged, this, &BudgetPage::familyChanged);
    connect(m_scope, &ProductCouponScope::lookUpRequested, this, &BudgetPage::lookUp);
    connect(m_pick, &QPushButton::clicked, this, &BudgetPage::pickBatch);
    // The batch in view belongs to the product coupon and brand it was looked up with.
    connect(m_scope, &ProductCouponScope::scopeChanged, this, [this] {
        if (m_stock && m_stock->isProductCoupon() && !isBusy())
            showStock(std::nullopt);
    });
    // The demo's picker names the batch in the box, or none: never another one.
    connect(m_stockId, &QLineEdit::textChanged, this, [this](const QString &text) {
        const int index = m_suggestions->findText(text.trimmed() + QStringLiteral("  "), Qt::MatchStartsWith);
        m_suggestions->setCurrentIndex(text.trimmed().isEmpty() || index < 1 ? 0 : index);
    });
    connect(m_suggestions, &QComboBox::activated, this, [this](int index) {
        if (index <= 0 || isBusy())
            return;
        m_stockId->setText(m_suggestions->itemText(index).section(u' ', 0, 0));
        lookUp();
    });
    retranslate();
    setBusy({});
}

void BudgetPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void BudgetPage::retranslate()
{
    m_family->setItemText(0, tr("Merchant coupon (商家券)"));
    m_family->setItemText(1, tr("Product coupon (商品券)"));
    m_family->setToolTip(tr("商家券: the merchant coupon API. 商品券: its successor, for merchants who joined after "
                            "2025-12-15; its batches belong to a product coupon."));
    m_stockCaption->setText(tr("&Batch ID (stock_id)"));
    m_pick->setText(tr("Choose from list…"));
    m_pick->setToolTip(tr("List every batch of this product coupon (all pages), filter by state or search by ID or "
                          "remark, and pick one."));
    m_stockId->setPlaceholderText(family() == CouponFamily::ProductCoupon ? tr("e.g. 1000000013001")
                                                                          : tr("digits, e.g. 1212000000000001"));
    m_stockId->setToolTip(tr("stock_id: the batch number (批次号), 1–20 letters or digits. Press Enter to look it "
                             "up."));
    m_lookUp->setText(tr("Look up"));
    m_cancel->setText(tr("Cancel"));
    if (m_suggestions->count() > 0)
        m_suggestions->setItemText(0, tr("Demo batches…"));
    m_suggestions->setToolTip(tr("The simulator's batches: pick one to look it up."));
}

void BudgetPage::setSession(ProfileSession *session, AuditTrail *trail)
{
    cancel();
    m_session = session;
    m_trail = trail;
    showStock(std::nullopt);
    m_result->clear();
    m_scope->setProfile(session ? &session->profile() : nullptr);
    m_lookUp->setEnabled(session != nullptr);
    m_pick->setEnabled(session != nullptr);
}

CouponFamily BudgetPage::family() const
{
    return CouponFamily(m_family->currentData().toInt());
}

void BudgetPage::setFamily(CouponFamily family)
{
    m_family->setCurrentIndex(m_family->findData(int(family)));
}

void BudgetPage::openBatch(const StockKey &key)
{
    if (isBusy())
        return;
    setFamily(key.family);
    if (key.isProductCoupon()) {
        m_scope->setProductCouponId(key.productCouponId);
        m_scope->setBrand(key.brandId);
    }
    m_stockId->setText(key.stockId);
    lookUp();
}

void BudgetPage::familyChanged()
{
    const bool productCoupon = family() == CouponFamily::ProductCoupon;
    m_scope->setVisible(productCoupon);
    m_pick->setVisible(productCoupon);
    // The demo's picker offers 商家券 batches; a 商品券 batch is picked from its list.
    m_suggestions->setVisible(!productCoupon && m_suggestions->count() > 1);
    if (m_stock && m_stock->family != family())
        showStock(std::nullopt);
    m_stockIdHint->hide();
    retranslate();
}

StockKey BudgetPage::keyFor(const QString &stockId) const
{
    if (family() != CouponFamily::ProductCoupon)
        return StockKey::busifavor(stockId);
    return {CouponFamily::ProductCoupon, stockId, m_scope->productCouponId(), brandForRequests()};
}

QString BudgetPage::brandForRequests() const
{
    return m_session && !m_session->profile().isBrand() ? m_scope->brandId() : QString();
}

void BudgetPage::showStock(const std::optional<StockDetails> &stock)
{
    m_stock = stock;
    m_bundle.clear();
    m_card->setStock(m_stock);
    m_form->setStock(m_stock, m_session ? m_session->profile().mchid : QString(), brandForRequests());
}

void BudgetPage::readBundle(std::function<void(const QList<StockDetails> &)> then)
{
    const StockDetails stock = *m_stock;
    m_bundleQuery = m_session->client().listStocks(stock.productCouponId, brandForRequests(), {{}, stock.bundleId});
    connect(m_bundleQuery, &StockListQuery::finished, this, [this, stock, then](const StockListResult &result) {
        m_bundleQuery = nullptr;
        setBusy({});
        if (!result.isComplete()) {
            m_result->showLookupFailure(result.status);
            return;
        }
        // The group's list must hold the batch it was read for; a list without it describes
        // some other group, and no change of it is offered.
        const bool holdsBatch = std::any_of(result.stocks.cbegin(), result.stocks.cend(), [&](const StockDetails &s) {
            return s.stockId == stock.stockId && s.bundleId == stock.bundleId;
        });
        if (!holdsBatch) {
            showProblem(tr("✘ WeChat Pay's list of group %1 does not include batch %2: the group cannot be changed "
                           "from here.")
                            .arg(stock.bundleId, stock.stockId));
            return;
        }
        then(result.stocks);
    });
}

void BudgetPage::suggestBatches(const QStringList &labels)
{
    m_suggestions->clear();
    m_suggestions->addItem(QString()); // the caption, set in retranslate()
    m_suggestions->addItems(labels);
    m_suggestions->setVisible(!labels.isEmpty());
    retranslate();
    if (!labels.isEmpty() && m_stockId->text().isEmpty())
        m_stockId->setText(labels.first().section(u' ', 0, 0));
}

void BudgetPage::setAuditProblem(const std::optional<BilingualText> &problem)
{
    m_form->setBlockedBy(problem);
}

bool BudgetPage::isBusy() const
{
    return m_query || m_modification || m_bundleQuery;
}

void BudgetPage::setBusy(const QString &what)
{
    const bool busy = !what.isEmpty();
    if (!busy) {
        m_cancel->setText(tr("Cancel"));
        m_cancel->setToolTip(QString());
    }
    m_busy->setVisible(busy);
    m_busyText->setText(what);
    m_busyText->setVisible(busy); // an empty row would cost the result a line on a small screen
    m_cancel->setVisible(busy);
    m_stockId->setReadOnly(busy);
    m_family->setEnabled(!busy);
    m_scope->setReadOnly(busy);
    m_lookUp->setEnabled(!busy && m_session);
    m_pick->setEnabled(!busy && m_session);
    m_form->setLocked(busy || !m_stock);
    Q_EMIT busyChanged(busy);
}

void BudgetPage::showProblem(const QString &text)
{
    m_stockIdHint->setStyleSheet(StatusColours::textStyle(StatusTone::Failure, palette()));
    m_stockIdHint->setText(text);
    m_stockIdHint->show();
}

void BudgetPage::normaliseStockId()
{
    // Spaces (also full-width ones) and full-width digits, as spreadsheets and input methods
    // produce them, are taken out or turned into plain digits.
    const QString typed = m_stockId->text();
    QString tidy;
    for (QChar c : typed) {
        if (c.isSpace())
            continue;
        if (c >= u'\uFF10' && c <= u'\uFF19')
            c = QChar(u'0' + (c.unicode() - 0xFF10));
        tidy += c;
    }
    if (tidy != typed) {
        const int cursor = m_stockId->cursorPosition();
        m_stockId->setText(tidy);
        m_stockId->setCursorPosition(qMin<int>(cursor, int(tidy.size())));
    }
    const bool productCoupon = family() == CouponFamily::ProductCoupon;
    const bool valid = tidy.isEmpty() || StockKey::isValidStockId(family(), tidy);
    m_stockIdValid = valid;
    m_stockIdHint->setVisible(tidy != typed || !valid);
    m_stockIdHint->setStyleSheet(
        StatusColours::textStyle(valid ? StatusTone::Warning : StatusTone::Failure, palette()));
    m_stockIdHint->setText(
        valid ? tr("Spaces were removed from the pasted batch ID.")
            : productCoupon ? tr("✘ A 商品券 batch ID is 1–40 letters, digits, “_” or “-”; “%1” is not one.").arg(tidy)
                            : tr("✘ A batch ID is 1–20 letters or digits; “%1” is not one.").arg(tidy));
}

void BudgetPage::lookUp()
{
    if (!m_session || isBusy() || m_stockId->text().isEmpty())
        return;
    normaliseStockId();
    if (!m_stockIdValid)
        return; // not a batch ID: said next to the field, nothing sent
    if (family() == CouponFamily::ProductCoupon) {
        if (const std::optional<QString> problem = m_scope->problem()) {
            showProblem(*problem);
            return;
        }
    }
    m_result->clear();
    setBusy(tr("Looking the batch up…"));
    m_query = m_session->client().queryStock(keyFor(m_stockId->text()));
    connect(m_query, &StockQuery::finished, this, &BudgetPage::lookupFinished);
}

void BudgetPage::lookupFinished(const StockQueryResult &result)
{
    m_query = nullptr;
    if (!result.isVerified()) {
        showStock(std::nullopt);
        m_result->showLookupFailure(result);
        setBusy({});
        return;
    }
    showStock(result.stock);
    m_lookedUp.start();
    m_form->setClockOffset(m_session->client().clockOffset().offsetSeconds());
    if (!m_stock->isInBundle()) {
        setBusy({});
        m_form->focusTarget();
        return;
    }
    setBusy(tr("Reading every batch of group %1…").arg(m_stock->bundleId));
    readBundle([this](const QList<StockDetails> &bundle) {
        m_bundle = bundle;
        m_card->setBundle(bundle);
        m_form->setBundle(bundle);
        m_form->focusTarget();
    });
}

namespace {

// 13,000 — and, in Chinese, the magnitude staff read at a glance: 13,000（1.3万）, 200,000,000（2亿）.
QString grouped(qint64 count)
{
    QString text = QLocale(QLocale::English, QLocale::UnitedStates).toString(count); // C omits grouping
    if (UiLanguage::instance().current() != Language::Chinese || count < 10000)
        return text;
    const bool hundredMillions = count >= 100000000;
    const double scaled = double(count) / (hundredMillions ? 1e8 : 1e4);
    QString magnitude = QString::number(scaled, 'f', 2);
    while (magnitude.contains(u'.') && (magnitude.endsWith(u'0') || magnitude.endsWith(u'.')))
        magnitude.chop(1);
    return text
        + QStringLiteral("（%1%2）").arg(magnitude, hundredMillions ? QStringLiteral("亿") : QStringLiteral("万"));
}

} // namespace

QString BudgetPage::confirmationText(const BudgetChange &change, const QStringList &notes) const
{
    QString sentence;
    const QString name = m_stock ? m_stock->stockName : QString();
    const QString dimension = change.dimension == BudgetDimension::Total ? tr("total") : tr("per-day cap");
    const QString delta = QString::asprintf("%+lld", static_cast<long long>(change.target - *change.current));
    if (change.isBundleChange()) {
        sentence = tr("Change the %1 of every batch of group %2 (product coupon %3) from %4 to %5 (%6), request "
                      "number %7? The group's batches:")
                       .arg(dimension, change.bundleId, change.productCouponId, grouped(*change.current),
                            grouped(change.target), delta, change.requestNumber);
    } else if (change.isProductCoupon()) {
        sentence = BudgetForm::stopsIssuing(change, *m_stock)
            ? tr("Stop issuing batch %1 “%2” of product coupon %3: set its total from %4 to the %5 coupons already "
                 "issued, request number %6?")
                  .arg(change.stockId, name, change.productCouponId, grouped(*change.current), grouped(change.target),
                       change.requestNumber)
            : tr("Change the %1 of batch %2 “%3” of product coupon %4 from %5 to %6 (%7), request number %8?")
                  .arg(dimension, change.stockId, name, change.productCouponId, grouped(*change.current),
                       grouped(change.target), delta, change.requestNumber);
    } else if (m_stock && BudgetForm::stopsIssuing(change, *m_stock)) {
        sentence
            = tr("Stop issuing batch %1 “%2”: set its total from %3 to the %4 coupons already issued, request "
                 "number %5?")
                  .arg(change.stockId, name, grouped(*change.current), grouped(change.target), change.requestNumber);
    } else {
        sentence = tr("Change the %1 of batch %2 “%3” from %4 to %5 (%6), request number %7?")
                       .arg(dimension, change.stockId, name, grouped(*change.current), grouped(change.target), delta,
                            change.requestNumber);
    }
    // Who, and where to: a real merchant on WeChat Pay, or a test address.
    QStringList lines{sentence};
    // Every batch the group's call changes, as just read: nothing it touches goes unnamed.
    for (const StockDetails &batch : change.isBundleChange() ? m_bundle : QList<StockDetails>{}) {
        const qint64 value
            = change.dimension == BudgetDimension::Total ? batch.maxCoupons : batch.maxCouponsByDay.value_or(0);
        lines << tr("• %1 “%2”: %3 → %4 (issued %5)")
                     .arg(batch.stockId, batch.stockName, grouped(value), grouped(change.target),
                          grouped(change.dimension == BudgetDimension::Total ? batch.totalSendNum
                                                                             : batch.todaySendNum.value_or(0)));
    }
    lines << notes;
    if (m_session) {
        const MerchantProfile &profile = m_session->profile();
        const QUrl address = m_session->client().settings().primaryBaseUrl;
        lines << (profile.isBrand()              ? tr("Profile: %1, brand %2.").arg(profile.name, profile.brandId)
                      : change.isProductCoupon() ? tr("Profile: %1, service provider %2 acting for brand %3.")
                                                       .arg(profile.name, profile.mchid, change.brandId)
                                                 : tr("Profile: %1, merchant %2.").arg(profile.name, profile.mchid))
              << (DomainPolicy::isOfficial(address)
                      ? tr("Address: WeChat Pay, production (%1) — this changes a real budget.")
                            .arg(DomainPolicy::displayed(address))
                      : tr("Address: %1 — a test address, not WeChat Pay.").arg(DomainPolicy::displayed(address)));
    }
    for (const BudgetProblem &problem : m_form->problems()) {
        if (!problem.isBlocking())
            lines << QStringLiteral("⚠ ") + UiLanguage::pick(problem.text());
    }
    return lines.join(u'\n');
}

// A change far bigger or smaller than usual, or one that leaves almost nothing to issue, is
// asked about twice — a slipped digit should not reach a real budget on one click.
std::optional<QString> BudgetPage::secondConfirmation(const BudgetChange &change) const
{
    const qint64 current = change.current.value_or(0);
    if (current > 0 && (change.target > current * 10 || change.target * 10 < current))
        return tr("This changes the value more than tenfold: from %1 to %2. Is that really meant?")
            .arg(grouped(current), grouped(change.target));
    if (!m_stock || change.target >= current)
        return std::nullopt;
    const qint64 used
        = change.dimension == BudgetDimension::Total ? m_stock->totalSendNum : m_stock->todaySendNum.value_or(0);
    const qint64 left = change.target - used;
    if (left * 20 < change.target) // under 5 % left to issue
        return tr("After this decrease only %1 of %2 coupons are left to issue (under 5 %). Is that really meant?")
            .arg(grouped(qMax<qint64>(0, left)), grouped(change.target));
    return std::nullopt;
}

void BudgetPage::send()
{
    const std::optional<BudgetChange> change = m_form->change();
    if (!m_session || !m_trail || !change || !m_stock || isBusy())
        return;
    // A group change is confirmed with every batch of the group as it is now.
    if (change->isBundleChange() || BudgetForm::stopsIssuing(*change, *m_stock) || !m_lookedUp.isValid()
        || m_lookedUp.hasExpired(m_lookupLifetime.count())) {
        refreshBeforeSending();
        return;
    }
    confirmAndSend(*change, {});
}

void BudgetPage::refreshBeforeSending()
{
    m_result->clear();
    setBusy(tr("Looking the batch up again before sending…"));
    const StockDetails before = *m_stock;
    // What follows a fresh, verified look at the batch (or at every batch of its group).
    auto refreshed = [this, before](const StockDetails &fresh) {
        m_stock = fresh;
        m_lookedUp.start();
        m_card->setStock(m_stock);
        m_card->setBundle(m_bundle);
        m_form->refreshStock(*m_stock);
        m_form->setBundle(m_bundle);
        m_form->setClockOffset(m_session->client().clockOffset().offsetSeconds());
        const std::optional<BudgetChange> change = m_form->change();
        if (!change)
            return; // what stands in the way now (say, more issued than the target) is beside 发送
        QStringList notes;
        const bool total = change->dimension == BudgetDimension::Total;
        const qint64 was = total ? before.maxCoupons : before.maxCouponsByDay.value_or(0);
        const qint64 now = total ? m_stock->maxCoupons : m_stock->maxCouponsByDay.value_or(0);
        if (m_form->isRetryOfUnconfirmed()) {
            // The retry is sent as it was first sent; the lookup only says what to expect.
            if (now == change->target)
                notes << QStringLiteral("⚠ ")
                        + tr("Looked up again just now: the batch already holds the target %1, so the unconfirmed "
                             "change has evidently taken effect. Retrying it under the same request number cannot "
                             "change it twice.")
                              .arg(grouped(now));
            else if (change->current && now != *change->current)
                notes << QStringLiteral("⚠ ")
                        + tr("Looked up again just now: the batch holds %1 — neither this change's current value %2 "
                             "nor its target. Retried as it is, it will be refused; to change it from %1, discard it "
                             "and start a new change.")
                              .arg(grouped(now), grouped(*change->current));
        } else if (change->current && *change->current != was)
            notes << QStringLiteral("⚠ ")
                    + tr("Looked up again just now: the value changed from %1 to %2 since the last lookup.")
                          .arg(grouped(was), grouped(*change->current));
        if (BudgetForm::stopsIssuing(*change, *m_stock))
            notes << tr("Looked up again just now: %1 issued (%2 at the last lookup).")
                         .arg(grouped(m_stock->totalSendNum), grouped(before.totalSendNum));
        confirmAndSend(*change, notes);
    };
    if (m_form->isBundleChange()) {
        setBusy(tr("Reading every batch of group %1 again before sending…").arg(before.bundleId));
        readBundle([this, before, refreshed](const QList<StockDetails> &bundle) {
            m_bundle = bundle;
            refreshed(*std::find_if(bundle.cbegin(), bundle.cend(),
                                    [&](const StockDetails &s) { return s.stockId == before.stockId; }));
        });
        return;
    }
    m_query = m_session->client().queryStock(keyFor(before.stockId));
    connect(m_query, &StockQuery::finished, this, [this, refreshed](const StockQueryResult &result) {
        m_query = nullptr;
        setBusy({});
        if (!result.isVerified()) {
            // The typed change stays as it is; 发送 looks the batch up again next time.
            m_result->showLookupFailure(result);
            return;
        }
        refreshed(*result.stock);
    });
}

void BudgetPage::confirmAndSend(const BudgetChange &change, const QStringList &notes)
{
    if (!Dialogs::confirm(this, tr("Confirm the change"), confirmationText(change, notes)))
        return;
    if (const auto second = secondConfirmation(change); second && !Dialogs::confirm(this, tr("Confirm again"), *second))
        return;
    m_result->clear();
    setBusy(tr("Sending the change…"));
    m_requestLeft = false;
    m_stoppedWaiting = false;
    // The batch's name as looked up, so that the history can show it beside the ID.
    m_modification = m_trail->modify(m_session->client(), change, nullptr, m_stock ? m_stock->stockName : QString());
    // Once the request has left, cancelling cannot take it back: the button says what it does.
    connect(m_modification, &BudgetModification::requestSent, this, [this] {
        m_requestLeft = true;
        m_cancel->setText(tr("Stop waiting"));
        m_cancel->setToolTip(tr("The request has left; stopping the wait does not take it back. The change may "
                                "still take effect — BudgetDesk then checks the batch."));
        setBusy(tr("Sent; waiting for WeChat Pay's answer… (stopping the wait does not undo the change)"));
    });
    connect(m_modification, &BudgetModification::stageChanged, this, [this](BudgetModification::Stage stage) {
        if (stage == BudgetModification::Stage::Reconciling)
            setBusy(tr("The answer was inconclusive; checking the batch…"));
    });
    connect(m_modification, &BudgetModification::finished, this, &BudgetPage::sendFinished);
}

void BudgetPage::sendFinished(const BudgetOutcome &outcome)
{
    m_modification = nullptr;
    m_lastOutcome = outcome;
    m_result->showOutcome(outcome,
                          m_stock && outcome.isApplied() && BudgetForm::stopsIssuing(outcome.change, *m_stock));
    using K = BudgetOutcome::Kind;
    // Applied or refused: the next edit is a new change. Uncertain: keep the number for a retry.
    const bool definite = outcome.kind == K::Applied || outcome.kind == K::Rejected
        || outcome.kind == K::ReconciledApplied || outcome.kind == K::ReconciledNotApplied;
    if (outcome.isApplied() && m_stock) {
        // Show what the batch (and its group) holds now; a fresh lookup would say the same.
        const QList<StockDetails> bundle = outcome.bundleStocks.isEmpty() ? m_bundle : outcome.bundleStocks;
        std::optional<StockDetails> shown = m_stock;
        for (const StockDetails &batch : outcome.bundleStocks) {
            if (batch.stockId == m_stock->stockId)
                shown = batch;
        }
        if (outcome.bundleStocks.isEmpty()) {
            if (outcome.maxCoupons)
                shown->maxCoupons = *outcome.maxCoupons;
            if (outcome.maxCouponsByDay)
                shown->maxCouponsByDay = outcome.maxCouponsByDay;
        }
        showStock(shown);
        m_bundle = bundle;
        m_card->setBundle(bundle);
        m_form->setBundle(bundle);
    }
    m_form->finishChange(definite);
    // The user gave up waiting, yet the change landed: the way back is offered, as a new
    // change of its own (confirmed and audited like any other).
    if (m_stoppedWaiting && outcome.isApplied() && outcome.change.current)
        m_result->offerRevert(*outcome.change.current);
    m_form->setClockOffset(m_session->client().clockOffset().offsetSeconds());
    setBusy({});
    Q_EMIT changeFinished(outcome);
}

void BudgetPage::pickBatch()
{
    if (!m_session || isBusy())
        return;
    if (const std::optional<QString> problem = m_scope->problem()) {
        showProblem(*problem);
        return;
    }
    m_stockIdHint->hide();
    auto *picker = new BatchPicker(m_session->client(), m_scope->productCouponId(), brandForRequests(), this);
    picker->setAttribute(Qt::WA_DeleteOnClose);
    m_picker = picker;
    connect(picker, &QDialog::accepted, this, [this, picker] {
        m_stockId->setText(picker->chosenStockId());
        lookUp();
    });
    picker->open(); // window-modal, without a nested event loop
    picker->load();
}

void BudgetPage::cancel()
{
    if (m_query)
        m_query->cancel();
    if (m_bundleQuery)
        m_bundleQuery->cancel();
    if (m_modification) {
        m_stoppedWaiting = m_requestLeft;
        m_modification->cancel();
    }
}

void BudgetPage::prepareRevert()
{
    const std::optional<BudgetOutcome> &last = m_lastOutcome;
    if (!last || !last->change.current || isBusy())
        return;
    m_form->prepareChange(last->change.dimension, *last->change.current);
}

} // namespace budgetdesk::ui
