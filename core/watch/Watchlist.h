#pragma once

#include "busifavor/StockKey.h"
#include "common/BilingualText.h"
#include "common/Result.h"
#include "watch/BatchForecast.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace budgetdesk {

// One batch on the watchlist: which batch (and, for a 服务商's 商品券, for which brand), the
// name it was last seen with, and thresholds of its own when the list's defaults do not suit.
struct WatchedBatch
{
    StockKey key;
    QString name;
    std::optional<LowThresholds> thresholds;

    // "98065001" (商家券) or "1000000013:1000000013001" (商品券), as the CLI and a pasted
    // column write them; nullopt when it names no batch this tool would send.
    static std::optional<WatchedBatch> fromText(const QString &text, const QString &brandId = {});
    QString text() const; // the same form
    // Unique across families and brands: how samples and alerts name the batch.
    QString id() const { return key.brandId.isEmpty() ? text() : text() + u'@' + key.brandId; }
    bool sameBatch(const WatchedBatch &other) const;
};

// The batches a profile watches, in the user's order, as the data directory keeps them and
// as they are exported and imported (the CLI's `watch --list FILE` reads the same JSON):
//   {"format": "budgetdesk-watchlist", "version": 1,
//    "batches": [{"family": "busifavor", "stock_id": "…"},
//                {"family": "product_coupon", "product_coupon_id": "…", "stock_id": "…",
//                 "brand_id": "…", "name": "…", "low_percent": 10, "low_hours": 4}]}
// Reading is bounded (the file, the count, every field) and all-or-nothing: a list with one bad
// entry is refused with that entry's position and why, never half-read.
class Watchlist
{
public:
    static constexpr qint64 MaximumFileBytes = 1024 * 1024;
    static constexpr int MaximumBatches = 1000;
    static constexpr int MaximumNameLength = 128;

    const QList<WatchedBatch> &batches() const { return m_batches; }
    int size() const { return int(m_batches.size()); }
    bool isEmpty() const { return m_batches.isEmpty(); }
    bool contains(const WatchedBatch &batch) const;
    // False when it is already there or the list is full.
    bool add(const WatchedBatch &batch);
    void remove(int index);
    void move(int from, int to);
    void setName(int index, const QString &name);
    void setThresholds(int index, std::optional<LowThresholds> thresholds);

    QByteArray toJson() const;
    static Result<Watchlist, BilingualText> fromJson(const QByteArray &json);
    // A missing file is an empty list; an unreadable or invalid one is an error (never
    // silently replaced by an empty list that the next save would write over it).
    static Result<Watchlist, BilingualText> load(const QString &path);
    std::optional<BilingualText> save(const QString &path) const;

    // The watchlist file of a profile under `folder`: named by a digest of the profile's name,
    // since a name may hold characters no file system accepts.
    static QString pathFor(const QString &folder, const QString &profileName);
    // The part of those names that stands for the profile (RemainingSamples uses it too).
    static QString profileDigest(const QString &profileName);

private:
    QList<WatchedBatch> m_batches;
};

} // namespace budgetdesk
