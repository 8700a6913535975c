#include "BatchPicker.h"

#include "StatusColours.h"
#include "UiLanguage.h"
#include "busifavor/BusifavorClient.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace budgetdesk::ui {

namespace {

enum Column { StockId, Remark, State, Total, Issued, Left, PerDay, Group, ColumnCount };

// Numbers sort as numbers, not as text ("9000" after "10000").
QTableWidgetItem *countItem(std::optional<qint64> count, const QString &none)
{
    auto *item = new QTableWidgetItem;
    if (count)
        item->setData(Qt::DisplayRole, *count);
    else
        item->setText(none);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

BatchPicker::BatchPicker(BusifavorClient &client, QString productCouponId, QString brandId, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_productCouponId(std::move(productCouponId))
    , m_brandId(std::move(brandId))
{
    setObjectName(QStringLiteral("batchPicker"));
    setWindowTitle(tr("Batches of product coupon %1").arg(m_productCouponId));
    auto *layout = new QVBoxLayout(this);
    auto *filters = new QHBoxLayout;
    m_state = new QComboBox(this);
    m_state->setObjectName(QStringLiteral("batchStateFilter"));
    m_state->addItem(tr("All states"), QString());
    m_state->addItem(tr("Changeable (sending or paused)"), QStringLiteral("SENDING|PAUSED"));
    for (const char *state : {"SENDING", "PAUSED", "AUDITING", "STOPPED", "DEACTIVATED"}) {
        const QString code = QString::fromLatin1(state);
        const QString zh = ProductCouponApi::stateLabelZh(code);
        m_state->addItem(
            UiLanguage::instance().current() == Language::Chinese ? zh : QStringLiteral("%1 (%2)").arg(code, zh), code);
    }
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("batchSearch"));
    m_search->setPlaceholderText(tr("Search batch ID or remark"));
    m_search->setClearButtonEnabled(true);
    m_reload = new QPushButton(tr("Reload"), this);
    m_reload->setObjectName(QStringLiteral("batchReload"));
    filters->addWidget(new QLabel(tr("State"), this));
    filters->addWidget(m_state);
    filters->addWidget(m_search, 1);
    filters->addWidget(m_reload);
    layout->addLayout(filters);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("batchTable"));
    m_table->setHorizontalHeaderLabels({tr("Batch ID"), tr("Remark"), tr("State"), tr("Total cap"), tr("Issued"),
                                        tr("Left"), tr("Per-day cap"), tr("Group")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(Remark, QHeaderView::Stretch);
    layout->addWidget(m_table, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("batchListStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Look up this batch"));
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this] {
        if (!chosenStockId().isEmpty())
            accept();
    });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &BatchPicker::updateChoice);
    connect(m_state, &QComboBox::currentIndexChanged, this, &BatchPicker::applyFilter);
    connect(m_search, &QLineEdit::textChanged, this, &BatchPicker::applyFilter);
    connect(m_reload, &QPushButton::clicked, this, &BatchPicker::load);
    resize(820, 460);
    updateChoice();
}

BatchPicker::~BatchPicker()
{
    if (m_query)
        m_query->cancel(); // a list still being read is of no use to anyone once this is closed
}

void BatchPicker::load()
{
    if (m_query)
        return;
    m_table->setRowCount(0);
    m_reload->setEnabled(false);
    m_status->setStyleSheet(QString());
    m_status->setText(tr("Reading the batch list from WeChat Pay (every page)…"));
    m_query = m_client.listStocks(m_productCouponId, m_brandId);
    connect(m_query, &StockListQuery::finished, this, &BatchPicker::listFinished);
}

void BatchPicker::listFinished(const StockListResult &result)
{
    m_query = nullptr;
    m_reload->setEnabled(true);
    // A partial list would pass for the whole one: none is shown, only why.
    if (!result.isComplete()) {
        m_status->setStyleSheet(StatusColours::textStyle(StatusTone::Failure, palette()));
        m_status->setText(tr("✘ The list could not be read: %1").arg(UiLanguage::pick(result.status.summary())));
        Q_EMIT listLoaded(result);
        return;
    }
    const bool chinese = UiLanguage::instance().current() == Language::Chinese;
    m_table->setSortingEnabled(false);
    m_table->setRowCount(int(result.stocks.size()));
    for (int row = 0; row < result.stocks.size(); ++row) {
        const StockDetails &s = result.stocks.at(row);
        auto *id = new QTableWidgetItem(s.stockId);
        id->setData(Qt::UserRole, s.stockState);
        m_table->setItem(row, StockId, id);
        m_table->setItem(row, Remark, new QTableWidgetItem(s.stockName));
        m_table->setItem(row, State, new QTableWidgetItem(chinese ? s.stateLabelZh() : s.stockState));
        m_table->setItem(row, Total, countItem(s.maxCoupons, {}));
        m_table->setItem(row, Issued, countItem(s.totalSendNum, {}));
        m_table->setItem(row, Left, countItem(qMax<qint64>(0, s.maxCoupons - s.totalSendNum), {}));
        m_table->setItem(row, PerDay, countItem(s.maxCouponsByDay, tr("unlimited")));
        m_table->setItem(row, Group,
                         new QTableWidgetItem(s.isInBundle()
                                                  ? tr("%1 (#%2)").arg(s.bundleId).arg(s.bundleIndex.value_or(0))
                                                  : QString()));
    }
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(StockId, Qt::AscendingOrder);
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(Remark, QHeaderView::Stretch);
    m_status->setText(
        tr("%n batch(es), %1 page(s), each answer verified.", nullptr, int(result.stocks.size())).arg(result.pages));
    applyFilter();
    Q_EMIT listLoaded(result);
}

void BatchPicker::applyFilter()
{
    const QStringList states = m_state->currentData().toString().split(u'|', Qt::SkipEmptyParts);
    const QString needle = m_search->text().trimmed();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString state = m_table->item(row, StockId)->data(Qt::UserRole).toString();
        const bool stateMatches = states.isEmpty() || states.contains(state);
        const bool textMatches = needle.isEmpty() || m_table->item(row, StockId)->text().contains(needle)
            || m_table->item(row, Remark)->text().contains(needle, Qt::CaseInsensitive);
        m_table->setRowHidden(row, !(stateMatches && textMatches));
    }
    updateChoice();
}

int BatchPicker::shownRows() const
{
    int shown = 0;
    for (int row = 0; row < m_table->rowCount(); ++row)
        shown += m_table->isRowHidden(row) ? 0 : 1;
    return shown;
}

QString BatchPicker::chosenStockId() const
{
    const QList<QTableWidgetItem *> selected = m_table->selectedItems();
    for (QTableWidgetItem *item : selected) {
        if (item->column() == StockId && !m_table->isRowHidden(item->row()))
            return item->text();
    }
    return {};
}

void BatchPicker::updateChoice()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!chosenStockId().isEmpty());
}

} // namespace budgetdesk::ui
