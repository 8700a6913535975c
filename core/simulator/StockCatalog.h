#pragma once

#include "common/Result.h"
#include "simulator/SimulatedStock.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QMap>
#include <QString>

namespace budgetdesk::sim {

// The batches the simulator serves, by stock_id.
class StockCatalog
{
public:
    // A JSON array of stocks in the GET answer's schema (`--stocks FILE`); only `stock_id`
    // is required. A --state-out file is read too: its 商品券 entries (those with a
    // product_coupon_id) are skipped. The error says what is wrong, in English, for the
    // command line.
    static Result<StockCatalog, QString> fromJson(const QByteArray &json, const QString &ownerMchid,
                                                  const QDateTime &now);
    // The built-in demo set: running, capped, nearly exhausted, paused, expired and foreign
    // batches, dated around `now` so that the demo never goes stale.
    static StockCatalog demo(const QString &ownerMchid, const QDateTime &now);

    bool contains(const QString &stockId) const { return m_stocks.contains(stockId); }
    SimulatedStock stock(const QString &stockId) const { return m_stocks.value(stockId); }
    void put(const SimulatedStock &stock) { m_stocks.insert(stock.id(), stock); }
    QStringList ids() const { return m_stocks.keys(); }

    // The state as a JSON array in the same schema, for `--state-out` (and `--stocks` again).
    QByteArray toJson() const;
    QJsonArray toJsonArray() const;

private:
    QMap<QString, SimulatedStock> m_stocks;
};

} // namespace budgetdesk::sim
