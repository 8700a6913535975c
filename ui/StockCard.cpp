#include "StockCard.h"

#include "StatusColours.h"
#include "UiLanguage.h"

#include <QEvent>
#include <QGridLayout>
#include <QHash>
#include <QJsonObject>
#include <QLabel>

namespace budgetdesk::ui {

namespace {

QLabel *valueLabel(QWidget *parent, const char *objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(objectName));
    return label; // selectable once it shows a batch: see refresh()
}

QString stateLabel(const StockDetails &stock)
{
    if (UiLanguage::instance().current() == Language::Chinese)
        return stock.stateLabelZh();
    if (stock.isProductCoupon()) {
        static const QHash<QString, QString> english{{QStringLiteral("SENDING"), QStringLiteral("Sending")},
                                                     {QStringLiteral("PAUSED"), QStringLiteral("Paused")},
                                                     {QStringLiteral("AUDITING"), QStringLiteral("Awaiting approval")},
                                                     {QStringLiteral("STOPPED"), QStringLiteral("Stopped")},
                                                     {QStringLiteral("DEACTIVATED"), QStringLiteral("Deactivated")}};
        return english.value(stock.stockState, stock.stockState);
    }
    if (stock.stockState == QLatin1String("RUNNING"))
        return QStringLiteral("Running");
    if (stock.stockState == QLatin1String("STOPED"))
        return QStringLiteral("Stopped");
    if (stock.stockState == QLatin1String("PAUSED"))
        return QStringLiteral("Paused");
    if (stock.stockState == QLatin1String("UNAUDIT"))
        return QStringLiteral("Under review");
    return stock.stockState;
}

} // namespace

StockCard::StockCard(QWidget *parent)
    : QGroupBox(parent)
{
    setObjectName(QStringLiteral("stockCard"));
    auto *grid = new QGridLayout(this);
    grid->setVerticalSpacing(2);
    m_name = valueLabel(this, "stockName");
    m_state = valueLabel(this, "stockState");
    m_window = valueLabel(this, "stockWindow");
    m_total = valueLabel(this, "stockTotal");
    m_perDay = valueLabel(this, "stockPerDay");
    m_issued = valueLabel(this, "stockIssued");
    m_issuedToday = valueLabel(this, "stockIssuedToday");
    m_remaining = valueLabel(this, "stockRemaining");
    m_remainingToday = valueLabel(this, "stockRemainingToday");
    m_coupon = valueLabel(this, "stockCoupon");
    m_perUser = valueLabel(this, "stockPerUser");
    m_codes = valueLabel(this, "stockCodes");
    m_comment = valueLabel(this, "stockComment");
    m_owner = valueLabel(this, "stockOwner");
    m_lookedUp = valueLabel(this, "stockLookedUp");
    // Two columns of label/value pairs, the numbers staff act on to the left: on a 1366×768
    // laptop at 125 % a single column of 15 rows pushed the result below the screen's edge.
    const QList<QLabel *> values = valueLabels();
    const int leftColumnRows = 8; // state … left today
    for (int i = 0; i < values.size(); ++i) {
        auto *caption = new QLabel(this);
        caption->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        m_captions.append(caption);
        QLabel *value = values.at(i);
        value->setWordWrap(true);
        value->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        if (i == 0) { // the name spans the card
            grid->addWidget(caption, 0, 0);
            grid->addWidget(value, 0, 1, 1, 3);
            continue;
        }
        const bool left = i <= leftColumnRows;
        const int row = left ? i : i - leftColumnRows;
        grid->addWidget(caption, row, left ? 0 : 2);
        grid->addWidget(value, row, left ? 1 : 3);
    }
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    grid->setRowStretch(leftColumnRows + 1, 1);
    QFont bold = m_name->font();
    bold.setBold(true);
    m_name->setFont(bold);
    retranslate(); // and refresh()
}

QList<QLabel *> StockCard::valueLabels() const
{
    // The name, then the left column, then the right; the two values that take two lines
    // (validity, looked up) share a row so the card stays short.
    return {m_name,           m_state,  m_window,   m_total,   m_perDay, m_issued,  m_issuedToday, m_remaining,
            m_remainingToday, m_coupon, m_lookedUp, m_perUser, m_codes,  m_comment, m_owner};
}

QString StockCard::couponText(const StockDetails &s) const
{
    const QJsonObject rule = s.raw.value(QStringLiteral("coupon_use_rule")).toObject();
    auto yuan = [](const QJsonValue &fen) { return QString::number(fen.toDouble() / 100.0, 'f', 2); };
    const bool chinese = UiLanguage::instance().current() == Language::Chinese;
    const QString type = chinese ? s.typeLabelZh() : s.stockType;
    if (s.stockType == QLatin1String("NORMAL")) {
        const QJsonObject normal = rule.value(QStringLiteral("fixed_normal_coupon")).toObject();
        if (!normal.isEmpty())
            return tr("%1: %2 off orders of %3 (CNY)")
                .arg(type, yuan(normal.value(QStringLiteral("discount_amount"))),
                     yuan(normal.value(QStringLiteral("transaction_minimum"))));
    } else if (s.stockType == QLatin1String("DISCOUNT")) {
        const QJsonObject discount = rule.value(QStringLiteral("discount_coupon")).toObject();
        if (!discount.isEmpty())
            return tr("%1: pay %2 % (orders of %3 CNY or more)")
                .arg(type)
                .arg(discount.value(QStringLiteral("discount_percent")).toInt())
                .arg(yuan(discount.value(QStringLiteral("transaction_minimum"))));
    } else if (s.stockType == QLatin1String("EXCHANGE")) {
        const QJsonObject exchange = rule.value(QStringLiteral("exchange_coupon")).toObject();
        if (!exchange.isEmpty())
            return tr("%1: for %2 CNY").arg(type, yuan(exchange.value(QStringLiteral("exchange_price"))));
    }
    return type;
}

// The 商品券 rule (single_usage_rule, PRODUCT_COUPON.md §4.6): amounts in fen.
QString StockCard::productCouponText(const StockDetails &s) const
{
    const QJsonObject rule = s.raw.value(QStringLiteral("single_usage_rule")).toObject();
    auto yuan = [](const QJsonValue &fen) { return QString::number(fen.toDouble() / 100.0, 'f', 2); };
    QString kind;
    if (const QJsonObject normal = rule.value(QStringLiteral("normal_coupon")).toObject(); !normal.isEmpty())
        kind = tr("%1 off orders of %2 (CNY)")
                   .arg(yuan(normal.value(QStringLiteral("discount_amount"))),
                        yuan(normal.value(QStringLiteral("threshold"))));
    else if (const QJsonObject discount = rule.value(QStringLiteral("discount_coupon")).toObject(); !discount.isEmpty())
        kind = tr("%1 % off (orders of %2 CNY or more)")
                   .arg(discount.value(QStringLiteral("percent_off")).toInt())
                   .arg(yuan(discount.value(QStringLiteral("threshold"))));
    else if (const QJsonObject exchange = rule.value(QStringLiteral("exchange_coupon")).toObject(); !exchange.isEmpty())
        kind = tr("for %1 CNY").arg(yuan(exchange.value(QStringLiteral("exchange_price"))));
    return kind.isEmpty() ? s.productCouponId : QStringLiteral("%1 — %2").arg(s.productCouponId, kind);
}

QString StockCard::bundleText(const StockDetails &s) const
{
    if (!s.isInBundle())
        return tr("none (a single batch)");
    // One line: the card must not grow taller for a group (it would push the result off a laptop's screen).
    if (m_bundle.isEmpty())
        return s.bundleIndex ? tr("%1, batch #%2").arg(s.bundleId).arg(*s.bundleIndex) : s.bundleId;
    return tr("%1 (batch %2 of %3)").arg(s.bundleId).arg(s.bundleIndex.value_or(0)).arg(m_bundle.size());
}

QString StockCard::codesText(const StockDetails &s) const
{
    if (s.isProductCoupon()) {
        if (s.couponCodeMode == QLatin1String("WECHATPAY"))
            return tr("generated by WeChat Pay");
        if (s.couponCodeMode == QLatin1String("API_ASSIGN"))
            return tr("assigned by the brand's API");
        if (s.couponCodeMode == QLatin1String("UPLOAD"))
            return tr("uploaded by the brand: %1 codes").arg(s.uploadedCodeCount.value_or(0));
    }
    if (s.couponCodeMode == QLatin1String("WECHATPAY_MODE"))
        return tr("generated by WeChat Pay");
    if (s.couponCodeMode == QLatin1String("MERCHANT_API"))
        return tr("issued by the merchant's API");
    if (s.couponCodeMode == QLatin1String("MERCHANT_UPLOAD")) {
        const QJsonObject pool = s.raw.value(QStringLiteral("coupon_code_count")).toObject();
        return tr("uploaded by the merchant: %1 codes, %2 still available")
            .arg(pool.value(QStringLiteral("total_count")).toInteger())
            .arg(pool.value(QStringLiteral("available_count")).toInteger());
    }
    return s.couponCodeMode.isEmpty() ? QStringLiteral("—") : s.couponCodeMode;
}

void StockCard::setStock(const std::optional<StockDetails> &stock)
{
    // Another family has other captions.
    const bool familyChanged = (m_stock && m_stock->isProductCoupon()) != (stock && stock->isProductCoupon());
    m_stock = stock;
    m_bundle.clear();
    if (familyChanged)
        retranslate();
    else
        refresh();
}

void StockCard::setBundle(const QList<StockDetails> &bundle)
{
    m_bundle = bundle;
    refresh();
}

void StockCard::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QGroupBox::changeEvent(event);
}

void StockCard::retranslate()
{
    const bool productCoupon = m_stock && m_stock->isProductCoupon();
    setTitle(productCoupon ? tr("Product coupon batch (商品券)") : tr("Batch"));
    const QStringList captions = productCoupon
        ? QStringList{tr("Remark"),
                      tr("State"),
                      tr("Valid"),
                      tr("Issuance cap"),
                      tr("Daily issuance cap"),
                      tr("Issued (times)"),
                      tr("Issued today (times)"),
                      tr("Left to issue"),
                      tr("Left today"),
                      tr("Product coupon"),
                      tr("Looked up"),
                      tr("Per user"),
                      tr("Codes"),
                      tr("Group"),
                      tr("Brand")}
        : QStringList{tr("Name"),        tr("State"),           tr("Valid"),          tr("Total cap"),
                      tr("Per-day cap"), tr("Issued in total"), tr("Issued today"),   tr("Left to issue"),
                      tr("Left today"),  tr("Coupon"),          tr("Looked up"),      tr("Per user"),
                      tr("Codes"),       tr("Remark"),          tr("Owning merchant")};
    for (int i = 0; i < m_captions.size(); ++i)
        m_captions[i]->setText(captions.at(i));
    m_total->setToolTip(tr("stock_send_rule.max_coupons: the most coupons this batch may issue (1–1,000,000,000)."));
    m_perDay->setToolTip(tr("stock_send_rule.max_coupons_by_day: the most coupons issued per day, if the batch has a "
                            "daily cap."));
    m_issued->setToolTip(
        tr("send_count_information.total_send_num: coupons issued so far. A new total cannot be lower."));
    refresh();
}

void StockCard::refresh()
{
    // Staff copy IDs and numbers from the card, but a selectable label keeps a text document
    // of its own: fifteen of them, showing only "—", cost 2 ms of the window's first paint.
    const Qt::TextInteractionFlags interaction = m_stock ? Qt::TextSelectableByMouse : Qt::NoTextInteraction;
    for (QLabel *value : valueLabels())
        value->setTextInteractionFlags(interaction);
    if (!m_stock) {
        for (QLabel *value : valueLabels())
            value->setText(QStringLiteral("—"));
        return;
    }
    const StockDetails &s = *m_stock;
    m_name->setText(QStringLiteral("%1  (%2)").arg(s.stockName, s.stockId));
    m_state->setText(stateLabel(s));
    m_state->setStyleSheet(s.isRunning() ? QString() : StatusColours::textStyle(StatusTone::Failure, palette(), true));
    const QString format = QStringLiteral("yyyy-MM-dd hh:mm");
    QDateTime begin = s.availableBeginTime;
    QDateTime end = s.availableEndTime;
    if (s.isProductCoupon()) { // the coupon's period, when the answer carries one
        // A group's batches carry their rule as progressive_bundle_usage_rule (its SDK name).
        QJsonObject rule = s.raw.value(QStringLiteral("single_usage_rule")).toObject();
        if (rule.isEmpty())
            rule = s.raw.value(QStringLiteral("progressive_bundle_usage_rule")).toObject();
        const QJsonObject period = rule.value(QStringLiteral("coupon_available_period")).toObject();
        begin = QDateTime::fromString(period.value(QStringLiteral("available_begin_time")).toString(), Qt::ISODate);
        end = QDateTime::fromString(period.value(QStringLiteral("available_end_time")).toString(), Qt::ISODate);
    }
    m_window->setText(begin.isValid() && end.isValid()
                          ? tr("%1 to %2").arg(begin.toLocalTime().toString(format), end.toLocalTime().toString(format))
                          : QStringLiteral("—"));
    m_total->setText(QString::number(s.maxCoupons));
    m_perDay->setText(s.maxCouponsByDay         ? QString::number(*s.maxCouponsByDay)
                          : s.isProductCoupon() ? tr("unlimited")
                                                : tr("none"));
    m_issued->setText(QString::number(s.totalSendNum));
    m_issuedToday->setText(s.todaySendNum ? QString::number(*s.todaySendNum) : QStringLiteral("—"));
    // What staff came to see: how much is left before the batch runs dry.
    const qint64 left = qMax<qint64>(0, s.maxCoupons - s.totalSendNum);
    m_remaining->setText(
        s.maxCoupons > 0
            ? QStringLiteral("%1  (%2%)").arg(left).arg(qRound(100.0 * double(left) / double(s.maxCoupons)))
            : QString::number(left));
    m_remaining->setStyleSheet(left * 10 < s.maxCoupons ? StatusColours::textStyle(StatusTone::Failure, palette(), true)
                                                        : QString());
    m_remainingToday->setText(s.maxCouponsByDay
                                  ? QString::number(qMax<qint64>(0, *s.maxCouponsByDay - s.todaySendNum.value_or(0)))
                                  : QStringLiteral("—"));
    m_coupon->setText(s.isProductCoupon() ? productCouponText(s) : couponText(s));
    m_perUser->setText(s.maxCouponsPerUser > 0 ? QString::number(s.maxCouponsPerUser) : QStringLiteral("—"));
    m_codes->setText(codesText(s));
    const QString comment = s.raw.value(QStringLiteral("comment")).toString();
    m_comment->setText(s.isProductCoupon() ? bundleText(s) : comment.isEmpty() ? QStringLiteral("—") : comment);
    m_owner->setText(s.isProductCoupon() ? s.brandId : s.belongMerchant);
    // A Request-ID is one unbroken 40-odd character word: shown shortened, whole in the tooltip
    // (and in the result's 复制), so it never sets the window's minimum width.
    const QString requestId = QString::fromLatin1(s.requestId);
    const QString shortId = requestId.size() > 16 ? requestId.left(6) + u'…' + requestId.right(6) : requestId;
    m_lookedUp->setText(
        tr("%1 (verified, Request-ID %2)").arg(s.lookedUpAt.toString(QStringLiteral("hh:mm:ss")), shortId));
    m_lookedUp->setToolTip(QStringLiteral("Request-ID: %1").arg(requestId));
}

} // namespace budgetdesk::ui
