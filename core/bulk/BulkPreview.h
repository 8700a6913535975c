#pragma once

#include "bulk/BulkSheet.h"
#include "busifavor/BudgetProblem.h"
#include "busifavor/StockQueryResult.h"

#include <QObject>
#include <QPointer>

namespace budgetdesk {

class BusifavorClient;
class LookupPacer;
class WatchRefresh;

// One row of a bulk file as it stands against the batch's fresh, verified lookup: its
// current value, the target its request comes to, and what the single form would say of the
// change — so that a row is sent only if one change typed by hand would be.
struct BulkCheck
{
    enum class Status {
        Ready, // would be sent
        Blocked, // cannot be: the lookup failed, or the change is refused before sending
        Unchanged, // already at its target: nothing to send
    };

    BulkRow row;
    std::optional<StockQueryResult> lookup; // nullopt: not looked up (yet)
    std::optional<qint64> current;
    std::optional<qint64> target;
    QList<BudgetProblem> problems; // blocking ones and warnings, as the form shows them
    std::optional<BilingualText> blockedBecause;

    Status status() const;
    // The change this row would send (current and target from the check), for `brandId`.
    BudgetChange change(const QString &brandId) const;
    // What is left of the dimension after the change: total − issued, per day − issued today.
    std::optional<qint64> remainingAfter() const;

    // Checks `row` against `lookup` (as of `now`, for the profile `mchid`).
    static BulkCheck of(const BulkRow &row, const StockQueryResult &lookup, const QDateTime &now, const QString &mchid);
};

struct BulkTotals
{
    int ready = 0;
    int blocked = 0;
    int unchanged = 0;
    qint64 added = 0; // coupons, over the ready rows whose target is above the current value
    qint64 removed = 0;

    static BulkTotals of(const QList<BulkCheck> &checks);
};

// The dry run: every row looked up fresh (verified, paced through the app's pacer, a 429 tried
// again slower), then checked. Nothing is sent.
class BulkPreview : public QObject
{
    Q_OBJECT

public:
    // `brandId`: the brand a 服务商 acts for in 商品券 rows (empty: the brand itself calls).
    BulkPreview(BusifavorClient &client, LookupPacer &pacer, const QList<BulkRow> &rows, QString brandId, QString mchid,
                QObject *parent = nullptr);
    ~BulkPreview() override;

    void start();
    void cancel();
    const QList<BulkCheck> &checks() const { return m_checks; }
    int checkedCount() const { return m_checked; }

Q_SIGNALS:
    void checked(int index);
    void finished();

private:
    QList<BulkCheck> m_checks;
    QString m_mchid;
    QPointer<WatchRefresh> m_lookups;
    int m_checked = 0;
};

} // namespace budgetdesk
