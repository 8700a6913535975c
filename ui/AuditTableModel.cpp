#include "AuditTableModel.h"

#include "BudgetForm.h"
#include "UiLanguage.h"
#include "audit/AuditEntryText.h"

#include <QColor>
#include <QFont>
#include <QHash>

#include <algorithm>

namespace budgetdesk::ui {

namespace {

// Amber, translucent: readable on light and dark palettes.
const QColor UnresolvedBackground(243, 156, 18, 70);

QVariant timeData(const QDateTime &time, bool sortRole)
{
    return sortRole ? QVariant(time) : QVariant(time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd hh:mm:ss")));
}

} // namespace

void AuditTableModel::setEntries(QList<AuditEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    m_rows.clear();
    QHash<QString, qsizetype> runRow;
    for (int i = 0; i < m_entries.size(); ++i) {
        const QString &runId = m_entries.at(i).change.runId;
        if (runId.isEmpty()) {
            m_rows.append({i, {}, {}, 0, {}});
            continue;
        }
        if (!runRow.contains(runId)) {
            runRow.insert(runId, m_rows.size());
            m_rows.append({-1, runId, {}, 0, {}});
        }
        TopRow &run = m_rows[runRow.value(runId)];
        run.changes.append(i);
        const AuditEntry &entry = m_entries.at(i);
        run.unresolved += entry.isUnresolved() ? 1 : 0;
        const QString outcome = entry.effectiveOutcome();
        auto counted = std::find_if(run.outcomes.begin(), run.outcomes.end(),
                                    [&outcome](const auto &seen) { return seen.first == outcome; });
        if (counted == run.outcomes.end())
            run.outcomes.append({outcome, 1});
        else
            ++counted->second;
    }
    endResetModel();
}

const AuditEntry *AuditTableModel::entryAt(const QModelIndex &index) const
{
    if (!index.isValid())
        return nullptr;
    if (index.internalId() != 0)
        return &m_entries.at(m_rows.at(qsizetype(index.internalId() - 1)).changes.at(index.row()));
    const TopRow &row = m_rows.at(index.row());
    return row.entry >= 0 ? &m_entries.at(row.entry) : nullptr;
}

bool AuditTableModel::isRun(const QModelIndex &index) const
{
    return index.isValid() && index.internalId() == 0 && m_rows.at(index.row()).entry < 0;
}

bool AuditTableModel::runHasUnresolved(const QModelIndex &index) const
{
    return isRun(index) && m_rows.at(index.row()).unresolved > 0;
}

void AuditTableModel::relabel()
{
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    for (int i = 0; i < m_rows.size(); ++i) {
        if (!m_rows.at(i).changes.isEmpty()) {
            const QModelIndex run = index(i, 0);
            Q_EMIT dataChanged(index(0, 0, run), index(rowCount(run) - 1, ColumnCount - 1, run));
        }
    }
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

// A top-level row's internal ID is 0; a change under a run carries its run's row + 1.
QModelIndex AuditTableModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount || row >= rowCount(parent))
        return {};
    return createIndex(row, column, parent.isValid() ? quintptr(parent.row() + 1) : quintptr(0));
}

QModelIndex AuditTableModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int AuditTableModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_rows.size());
    if (parent.column() != 0 || parent.internalId() != 0)
        return 0;
    return int(m_rows.at(parent.row()).changes.size());
}

int AuditTableModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QString AuditTableModel::outcomeLabel(const QString &outcome)
{
    return UiLanguage::pick(AuditEntryText::outcome(outcome));
}

QVariant AuditTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (isRun(index))
        return runData(m_rows.at(index.row()), index.column(), role);
    const AuditEntry &entry = *entryAt(index);
    const AuditChange &c = entry.change;
    const AuditCompletion done = entry.completion.value_or(AuditCompletion{});
    if (role == Qt::BackgroundRole && entry.isUnresolved())
        return UnresolvedBackground;
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
        return timeData(entry.time, sortRole);
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

QVariant AuditTableModel::runData(const TopRow &run, int column, int role) const
{
    // Newest first, as the log reads them: the first change stands for the run's time and ID.
    const AuditEntry &newest = m_entries.at(run.changes.first());
    if (role == Qt::BackgroundRole && run.unresolved)
        return UnresolvedBackground;
    if (role == Qt::ToolTipRole)
        return tr("Bulk run %1: its changes are folded under this row.").arg(run.runId);
    if (role == Qt::FontRole) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    const bool sortRole = role == Qt::UserRole;
    if (role != Qt::DisplayRole && !sortRole)
        return {};
    switch (column) {
    case Id:
        return sortRole ? QVariant(newest.id) : QVariant();
    case Time:
        return timeData(newest.time, sortRole);
    case Profile:
        return newest.change.profile;
    case Stock:
        return tr("Bulk run: %n change(s)", nullptr, int(run.changes.size()));
    case Run:
        return run.runId;
    case Outcome: {
        // "已生效 4，无法确认 1": each outcome with its count, in the order they first appear;
        // outcomes with the same name in this language (pending, unknown) counted together.
        QList<std::pair<QString, int>> labelled;
        for (const auto &[outcome, count] : run.outcomes) {
            const QString label = outcomeLabel(outcome);
            auto same = std::find_if(labelled.begin(), labelled.end(),
                                     [&label](const auto &seen) { return seen.first == label; });
            if (same == labelled.end())
                labelled.append({label, count});
            else
                same->second += count;
        }
        QStringList parts;
        for (const auto &[label, count] : std::as_const(labelled))
            parts.append(QStringLiteral("%1 %2").arg(label).arg(count));
        return (run.unresolved && !sortRole ? QStringLiteral("⚠ ") : QString())
            + parts.join(UiLanguage::pick({QStringLiteral("，"), QStringLiteral(", ")}));
    }
    default:
        return sortRole ? QVariant(QString()) : QVariant();
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
