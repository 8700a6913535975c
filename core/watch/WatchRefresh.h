#pragma once

#include "busifavor/StockKey.h"
#include "busifavor/StockQueryResult.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace budgetdesk {

class BusifavorClient;
class LookupPacer;
class StockQuery;

// One refresh of a watchlist: every batch looked up through the pacer (never faster than its
// rate), a lookup refused with 429 tried again later with the pacer slowed down, each end
// reported as it comes. Deletes nothing; the owner deletes it after finished().
class WatchRefresh : public QObject
{
    Q_OBJECT

public:
    WatchRefresh(BusifavorClient &client, LookupPacer &pacer, QList<StockKey> keys, QObject *parent = nullptr);
    ~WatchRefresh() override;

    void start();
    void cancel();
    bool isRunning() const { return m_started && m_done < m_keys.size() && !m_cancelled; }
    static constexpr int MaximumRateRetries = 3;

Q_SIGNALS:
    void lookedUp(int index, const budgetdesk::StockQueryResult &result);
    void finished();

private:
    void lookUp(int index);
    static bool isRateLimited(const StockQueryResult &result);

    BusifavorClient &m_client;
    LookupPacer &m_pacer;
    QList<StockKey> m_keys;
    QList<int> m_rateRetries;
    QList<QPointer<StockQuery>> m_running;
    int m_done = 0;
    bool m_started = false;
    bool m_cancelled = false;
};

} // namespace budgetdesk
