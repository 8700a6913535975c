#include "BulkTableModel.h"

#include "UiLanguage.h"
#include "bulk/BulkResults.h"

#include <QBrush>
#include <QColor>

namespace budgetdesk::ui {

void BulkTableModel::setPreview(QList<BulkCheck> checks, QList<BulkLineProblem> refused)
{
    beginResetModel();
    m_checks = std::move(checks);
    m_refused = std::move(refused);
    m_excluded.clear();
    m_journal = nullptr;
    m_journalRowOf.clear();
    endResetModel();
}

void BulkTableModel::setJournal(const BulkJournal *journal)
{
    beginResetModel();
    m_journal = journal;
    m_journalRowOf.clear();
    if (journal) {
        // The journal holds the checks' rows by file line (one row per line).
        for (int j = 0; j < journal->rows.size(); ++j) {
            for (int c = 0; c < m_checks.size(); ++c) {
                if (m_checks.at(c).row.line == journal->rows.at(j).line)
                    m_journalRowOf.insert(c, j);
            }
        }
    }
    endResetModel();
}

void BulkTableModel::rowChanged(int journalIndex)
{
    const int check = m_journalRowOf.key(journalIndex, -1);
    if (check >= 0)
        Q_EMIT dataChanged(index(check, 0), index(check, ColumnCount - 1));
}

const BulkJournalRow *BulkTableModel::journalRow(int checkIndex) const
{
    const auto found = m_journalRowOf.constFind(checkIndex);
    return m_journal && found != m_journalRowOf.cend() ? &m_journal->rows.at(*found) : nullptr;
}

void BulkTableModel::setExcluded(int checkIndex, bool excluded)
{
    if (excluded)
        m_excluded.insert(checkIndex);
    else
        m_excluded.remove(checkIndex);
    Q_EMIT dataChanged(index(checkIndex, 0), index(checkIndex, ColumnCount - 1));
}

QList<BulkCheck> BulkTableModel::chosen() const
{
    QList<BulkCheck> chosen;
    for (int i = 0; i < m_checks.size(); ++i) {
        if (m_checks.at(i).status() == BulkCheck::Status::Ready && !m_excluded.contains(i))
            chosen.append(m_checks.at(i));
    }
    return chosen;
}

int BulkTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_checks.size() + m_refused.size());
}

int BulkTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags BulkTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.column() == Include && index.row() < m_checks.size() && !m_journal
        && m_checks.at(index.row()).status() == BulkCheck::Status::Ready)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

bool BulkTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole || !(flags(index) & Qt::ItemIsUserCheckable))
        return false;
    setExcluded(index.row(), value.toInt() != Qt::Checked);
    return true;
}

QVariant BulkTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const int row = index.row();
    if (row >= m_checks.size()) { // a line refused as read
        const BulkLineProblem &refused = m_refused.at(row - m_checks.size());
        if (role == Qt::BackgroundRole)
            return QBrush(QColor(231, 76, 60, 55));
        if (role != Qt::DisplayRole && role != SortRole)
            return {};
        if (index.column() == Line)
            return refused.line;
        if (index.column() == Status)
            return UiLanguage::pick(refused.why);
        return {};
    }
    const BulkCheck &check = m_checks.at(row);
    const BulkJournalRow *done = journalRow(row);
    const bool ready = check.status() == BulkCheck::Status::Ready;
    if (role == Qt::CheckStateRole && index.column() == Include && ready)
        return m_excluded.contains(row) || (m_journal && !done) ? Qt::Unchecked : Qt::Checked;
    if (role == Qt::BackgroundRole) {
        if (check.status() == BulkCheck::Status::Blocked)
            return QBrush(QColor(231, 76, 60, 55)); // red, translucent: readable on light and dark
        if (done && done->state == BulkJournalRow::State::Settled && done->outcome != QLatin1String("applied"))
            return QBrush(QColor(243, 156, 18, 60));
        return {};
    }
    if (role == Qt::ToolTipRole && index.column() == Status && check.blockedBecause)
        return UiLanguage::pick(*check.blockedBecause);
    if (role == Qt::TextAlignmentRole && index.column() >= Current && index.column() <= LeftAfter)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    auto number = [&](std::optional<qint64> value) -> QVariant {
        if (!value)
            return role == SortRole ? QVariant() : QVariant(QStringLiteral("—"));
        return role == SortRole ? QVariant(*value) : QVariant(QLocale().toString(*value));
    };
    switch (index.column()) {
    case Line:
        return check.row.line;
    case Batch:
        return check.row.key.label();
    case Name:
        return check.lookup && check.lookup->stock ? check.lookup->stock->stockName : QString();
    case Dimension:
        return UiLanguage::instance().current() == Language::Chinese
            ? BudgetChange::dimensionLabelZh(check.row.dimension)
            : (check.row.dimension == BudgetDimension::Total ? tr("total") : tr("per day"));
    case Request:
        return check.row.request.text();
    case Current:
        return number(check.current);
    case Target:
        return number(check.target);
    case Change: {
        if (!check.current || !check.target)
            return number(std::nullopt);
        const qint64 change = *check.target - *check.current;
        if (role == SortRole)
            return change;
        return (change > 0 ? QStringLiteral("+") : QString()) + QLocale().toString(change);
    }
    case LeftAfter:
        return number(check.remainingAfter());
    case Status:
        if (done && done->state == BulkJournalRow::State::Settled) {
            const QString label = UiLanguage::pick(BulkResults::outcomeLabel(done->outcome));
            return done->outcome == QLatin1String("applied")
                ? label
                : label + QStringLiteral(" — ") + UiLanguage::pick(done->explanation);
        }
        if (done)
            return tr("waiting");
        if (check.status() == BulkCheck::Status::Blocked)
            return QStringLiteral("✘ ") + UiLanguage::pick(*check.blockedBecause);
        if (check.status() == BulkCheck::Status::Unchanged)
            return tr("already at the target: skipped");
        if (m_excluded.contains(row))
            return tr("excluded");
        return m_journal ? tr("not sent") : tr("ready");
    default:
        return {};
    }
}

QVariant BulkTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Include:
        return tr("Send");
    case Line:
        return tr("Line");
    case Batch:
        return tr("Batch");
    case Name:
        return tr("Name");
    case Dimension:
        return tr("Changes");
    case Request:
        return tr("Asked");
    case Current:
        return tr("Now");
    case Target:
        return tr("Target");
    case Change:
        return tr("Change");
    case LeftAfter:
        return tr("Left after");
    case Status:
        return tr("Status");
    default:
        return {};
    }
}

} // namespace budgetdesk::ui
