#include "AuditTableModel.h"

#include "BudgetForm.h"
#include "UiLanguage.h"
#include "audit/AuditEntryText.h"

#include <QColor>

namespace budgetdesk::ui {

void AuditTableModel::setEntries(QList<AuditEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

void AuditTableModel::relabel()
{
    if (!m_entries.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

int AuditTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int AuditTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AuditTableModel::outcomeLabel(const QString &outcome)
{
    return UiLanguage::pick(AuditEntryText::outcome(outcome));
}

QVariant AuditTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const AuditEntry &entry = m_entries.at(index.row());
    const AuditChange &c = entry.change;
    const AuditCompletion done = entry.completion.value_or(AuditCompletion{});
    if (role == Qt::BackgroundRole && entry.isUnresolved())
        return QColor(243, 156, 18, 70); // amber, translucent: readable on light and dark palettes
    if (role == Qt::ToolTipRole) {
        // The readable error name is shown; its code (what support and WeChat Pay speak of)
        // is one hover away.
        if (index.column() == Error && !done.code.isEmpty())
            return done.httpStatus ? QStringLiteral("%1 (HTTP %2)").arg(done.code).arg(done.httpStatus) : done.code;
        if (entry.isUnresolved())
            return tr("Not confirmed: select it and press Check to look the batch up.");
        return tr("Double-click for the full account of this change.");
    }
    const bool sortRole = role == Qt::UserRole;
    if (role != Qt::DisplayRole && !sortRole)
        return {};
    switch (index.column()) {
    case Id:
        return entry.id;
    case Time:
        return sortRole ? QVariant(entry.time)
                        : QVariant(entry.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd hh:mm:ss")));
    case Profile:
        return c.profile;
    case Family:
        return c.family == CouponFamily::ProductCoupon ? tr("Product coupon") : tr("Merchant coupon");
    case Stock:
        return c.budgetChange().label(); // a 商品券 batch with its product coupon, a group as such
    case StockName:
        return c.stockName; // blank for entries written before names were recorded
    case Dimension:
        return UiLanguage::pick(AuditEntryText::dimension(c.dimension));
    case Change:
        // By the target, as a number: "9000 → 100000" must not sort before "9000 → 20000".
        if (sortRole)
            return c.target;
        return c.current ? BudgetForm::describe(*c.current, c.target) : QString::number(c.target);
    case RequestNumber:
        return c.requestNumber;
    case Run:
        return c.runId;
    case Outcome:
        return (entry.isUnresolved() && !sortRole ? QStringLiteral("⚠ ") : QString())
            + outcomeLabel(entry.effectiveOutcome());
    case Error:
        return UiLanguage::pick(AuditEntryText::errorName(done));
    case RequestId:
        return QString::fromLatin1(done.requestId);
    case User:
        return AuditEntryText::operatorText(c, UiLanguage::instance().current());
    default:
        return {};
    }
}

QVariant AuditTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id:
        return tr("#");
    case Time:
        return tr("Time");
    case Profile:
        return tr("Profile");
    case Family:
        return tr("Coupon");
    case Stock:
        return tr("Batch");
    case StockName:
        return tr("Batch name");
    case Dimension:
        return tr("Dimension");
    case Change:
        return tr("Change");
    case RequestNumber:
        return tr("Request number");
    case Run:
        return tr("Bulk run");
    case Outcome:
        return tr("Outcome");
    case Error:
        return tr("Error");
    case RequestId:
        return tr("Request-ID");
    case User:
        return tr("Operator");
    default:
        return {};
    }
}

} // namespace budgetdesk::ui
