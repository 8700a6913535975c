#include "AuditTableModel.h"

#include "BudgetForm.h"

#include <QColor>

namespace budgetdesk::ui {

void AuditTableModel::setEntries(QList<AuditEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
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
    if (outcome == QLatin1String("applied"))
        return tr("Applied");
    if (outcome == QLatin1String("rejected"))
        return tr("Rejected");
    if (outcome == QLatin1String("not_applied"))
        return tr("Not applied");
    if (outcome == QLatin1String("unknown"))
        return tr("Unknown");
    return tr("Pending");
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
    if (role == Qt::ToolTipRole && entry.isUnresolved())
        return tr("Not confirmed: select it and press Check to look the batch up.");
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
    case Stock:
        return c.stockId;
    case Dimension:
        return c.dimension == BudgetDimension::Total ? tr("Batch total") : tr("Per-day cap");
    case Change:
        return c.current ? BudgetForm::describe(*c.current, c.target) : QString::number(c.target);
    case RequestNumber:
        return c.requestNumber;
    case Outcome:
        return (entry.isUnresolved() ? QStringLiteral("⚠ ") : QString()) + outcomeLabel(entry.effectiveOutcome());
    case Code:
        return done.code;
    case RequestId:
        return QString::fromLatin1(done.requestId);
    case User:
        return c.osUser;
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
    case Stock:
        return tr("Batch");
    case Dimension:
        return tr("Dimension");
    case Change:
        return tr("Change");
    case RequestNumber:
        return tr("Request number");
    case Outcome:
        return tr("Outcome");
    case Code:
        return tr("Code");
    case RequestId:
        return tr("Request-ID");
    case User:
        return tr("User");
    default:
        return {};
    }
}

} // namespace budgetdesk::ui
