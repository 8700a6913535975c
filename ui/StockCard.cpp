#include "StockCard.h"

#include "UiLanguage.h"

#include <QEvent>
#include <QFormLayout>
#include <QLabel>

namespace budgetdesk::ui {

namespace {

QLabel *valueLabel(QWidget *parent, const char *objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(objectName));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QString stateLabel(const StockDetails &stock)
{
    if (UiLanguage::instance().current() == Language::Chinese)
        return stock.stateLabelZh();
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
    auto *form = new QFormLayout(this);
    m_name = valueLabel(this, "stockName");
    m_state = valueLabel(this, "stockState");
    m_window = valueLabel(this, "stockWindow");
    m_total = valueLabel(this, "stockTotal");
    m_perDay = valueLabel(this, "stockPerDay");
    m_issued = valueLabel(this, "stockIssued");
    m_issuedToday = valueLabel(this, "stockIssuedToday");
    m_owner = valueLabel(this, "stockOwner");
    m_lookedUp = valueLabel(this, "stockLookedUp");
    for (QLabel *value : {m_name, m_state, m_window, m_total, m_perDay, m_issued, m_issuedToday, m_owner, m_lookedUp}) {
        auto *caption = new QLabel(this);
        m_captions.append(caption);
        form->addRow(caption, value);
    }
    QFont bold = m_name->font();
    bold.setBold(true);
    m_name->setFont(bold);
    retranslate();
    refresh();
}

void StockCard::setStock(const std::optional<StockDetails> &stock)
{
    m_stock = stock;
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
    setTitle(tr("Batch"));
    const QString captions[] = {tr("Name"),         tr("State"),           tr("Valid"),
                                tr("Total cap"),    tr("Per-day cap"),     tr("Issued in total"),
                                tr("Issued today"), tr("Owning merchant"), tr("Looked up")};
    for (int i = 0; i < m_captions.size(); ++i)
        m_captions[i]->setText(captions[i]);
    m_total->setToolTip(tr("stock_send_rule.max_coupons: the most coupons this batch may issue (1–1,000,000,000)."));
    m_perDay->setToolTip(tr("stock_send_rule.max_coupons_by_day: the most coupons issued per day, if the batch has a "
                            "daily cap."));
    m_issued->setToolTip(
        tr("send_count_information.total_send_num: coupons issued so far. A new total cannot be lower."));
    refresh();
}

void StockCard::refresh()
{
    if (!m_stock) {
        for (QLabel *value :
             {m_name, m_state, m_window, m_total, m_perDay, m_issued, m_issuedToday, m_owner, m_lookedUp})
            value->setText(QStringLiteral("—"));
        return;
    }
    const StockDetails &s = *m_stock;
    m_name->setText(QStringLiteral("%1  (%2)").arg(s.stockName, s.stockId));
    m_state->setText(stateLabel(s));
    m_state->setStyleSheet(s.isRunning() ? QString() : QStringLiteral("color: #c0392b; font-weight: bold;"));
    const QString format = QStringLiteral("yyyy-MM-dd hh:mm");
    m_window->setText(tr("%1 to %2")
                          .arg(s.availableBeginTime.toLocalTime().toString(format),
                               s.availableEndTime.toLocalTime().toString(format)));
    m_total->setText(QString::number(s.maxCoupons));
    m_perDay->setText(s.maxCouponsByDay ? QString::number(*s.maxCouponsByDay) : tr("none"));
    m_issued->setText(QString::number(s.totalSendNum));
    m_issuedToday->setText(s.todaySendNum ? QString::number(*s.todaySendNum) : QStringLiteral("—"));
    m_owner->setText(s.belongMerchant);
    m_lookedUp->setText(tr("%1 (verified, Request-ID %2)")
                            .arg(s.lookedUpAt.toString(QStringLiteral("hh:mm:ss")), QString::fromLatin1(s.requestId)));
}

} // namespace budgetdesk::ui
