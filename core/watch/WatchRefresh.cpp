#include "watch/WatchRefresh.h"

#include "busifavor/BusifavorClient.h"
#include "watch/LookupPacer.h"

namespace budgetdesk {

WatchRefresh::WatchRefresh(BusifavorClient &client, LookupPacer &pacer, QList<StockKey> keys, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_pacer(pacer)
    , m_keys(std::move(keys))
    , m_rateRetries(m_keys.size(), 0)
{ }

WatchRefresh::~WatchRefresh()
{
    cancel();
}

void WatchRefresh::start()
{
    m_started = true;
    if (m_keys.isEmpty()) {
        QMetaObject::invokeMethod(this, &WatchRefresh::finished, Qt::QueuedConnection);
        return;
    }
    QPointer<WatchRefresh> self(this);
    for (int i = 0; i < m_keys.size(); ++i)
        m_pacer.enqueue(this, [self, i] {
            if (self)
                self->lookUp(i);
        });
}

void WatchRefresh::cancel()
{
    if (m_cancelled || (m_started && m_done == m_keys.size()))
        return; // nothing of it is queued or running any more
    m_cancelled = true;
    m_pacer.clear(this);
    for (const QPointer<StockQuery> &query : std::as_const(m_running)) {
        if (query)
            query->cancel();
    }
}

bool WatchRefresh::isRateLimited(const StockQueryResult &result)
{
    return result.kind == StockQueryResult::Kind::Rejected && result.error && result.error->httpStatus == 429;
}

void WatchRefresh::lookUp(int index)
{
    if (m_cancelled)
        return;
    StockQuery *query = m_client.queryStock(m_keys.at(index));
    m_running.append(query);
    connect(query, &StockQuery::finished, this, [this, index](const StockQueryResult &result) {
        if (m_cancelled)
            return;
        if (isRateLimited(result) && m_rateRetries[index] < MaximumRateRetries) {
            ++m_rateRetries[index];
            m_pacer.backOff();
            QPointer<WatchRefresh> self(this);
            m_pacer.enqueue(this, [self, index] {
                if (self)
                    self->lookUp(index);
            });
            return;
        }
        m_pacer.answered();
        ++m_done;
        Q_EMIT lookedUp(index, result);
        if (m_done == m_keys.size())
            Q_EMIT finished();
    });
}

} // namespace budgetdesk
