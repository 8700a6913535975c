#include "watch/Watchlist.h"

#include "common/SmallFile.h"

#include "productcoupon/ProductCouponApi.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace budgetdesk {

namespace {

const BilingualText What{QStringLiteral("监控列表"), QStringLiteral("the watchlist")};

const QString Format = QStringLiteral("budgetdesk-watchlist");

BilingualText entryProblem(int index, const QString &zh, const QString &en)
{
    return {QStringLiteral("监控列表第 %1 项：%2").arg(index + 1).arg(zh),
            QStringLiteral("Watchlist entry %1: %2").arg(index + 1).arg(en)};
}

} // namespace

std::optional<WatchedBatch> WatchedBatch::fromText(const QString &text, const QString &brandId)
{
    const QString trimmed = text.trimmed();
    const qsizetype colon = trimmed.indexOf(u':');
    WatchedBatch batch;
    if (colon < 0) {
        batch.key = StockKey::busifavor(trimmed);
    } else {
        batch.key = {CouponFamily::ProductCoupon, trimmed.mid(colon + 1), trimmed.left(colon), brandId};
        if (!ProductCouponApi::isValidProductCouponId(batch.key.productCouponId)
            || (!brandId.isEmpty() && !ProductCouponApi::isValidBrandId(brandId)))
            return std::nullopt;
    }
    if (!StockKey::isValidStockId(batch.key.family, batch.key.stockId))
        return std::nullopt;
    return batch;
}

QString WatchedBatch::text() const
{
    return key.isProductCoupon() ? key.productCouponId + u':' + key.stockId : key.stockId;
}

bool WatchedBatch::sameBatch(const WatchedBatch &other) const
{
    return key.family == other.key.family && key.stockId == other.key.stockId
        && key.productCouponId == other.key.productCouponId && key.brandId == other.key.brandId;
}

bool Watchlist::contains(const WatchedBatch &batch) const
{
    return std::any_of(m_batches.cbegin(), m_batches.cend(), [&](const WatchedBatch &b) { return b.sameBatch(batch); });
}

bool Watchlist::add(const WatchedBatch &batch)
{
    if (contains(batch) || m_batches.size() >= MaximumBatches)
        return false;
    m_batches.append(batch);
    return true;
}

void Watchlist::remove(int index)
{
    if (index >= 0 && index < m_batches.size())
        m_batches.removeAt(index);
}

void Watchlist::move(int from, int to)
{
    if (from >= 0 && from < m_batches.size() && to >= 0 && to < m_batches.size())
        m_batches.move(from, to);
}

void Watchlist::setName(int index, const QString &name)
{
    if (index >= 0 && index < m_batches.size())
        m_batches[index].name = name.left(MaximumNameLength);
}

void Watchlist::setThresholds(int index, std::optional<LowThresholds> thresholds)
{
    if (index >= 0 && index < m_batches.size())
        m_batches[index].thresholds = thresholds;
}

QByteArray Watchlist::toJson() const
{
    QJsonArray batches;
    for (const WatchedBatch &b : m_batches) {
        QJsonObject entry{{QStringLiteral("family"), StockKey::familyName(b.key.family)},
                          {QStringLiteral("stock_id"), b.key.stockId}};
        if (b.key.isProductCoupon())
            entry.insert(QStringLiteral("product_coupon_id"), b.key.productCouponId);
        if (!b.key.brandId.isEmpty())
            entry.insert(QStringLiteral("brand_id"), b.key.brandId);
        if (!b.name.isEmpty())
            entry.insert(QStringLiteral("name"), b.name);
        if (b.thresholds) {
            entry.insert(QStringLiteral("low_percent"), b.thresholds->percent);
            entry.insert(QStringLiteral("low_hours"), b.thresholds->hours);
        }
        batches.append(entry);
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("format"), Format},
                                     {QStringLiteral("version"), 1},
                                     {QStringLiteral("batches"), batches}})
        .toJson(QJsonDocument::Indented);
}

Result<Watchlist, BilingualText> Watchlist::fromJson(const QByteArray &json)
{
    if (json.size() > MaximumFileBytes)
        return BilingualText{QStringLiteral("监控列表文件超过 1 MiB，不予读取。"),
                             QStringLiteral("The watchlist file is larger than 1 MiB; it was not read.")};
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    const QJsonObject root = document.object();
    if (error.error != QJsonParseError::NoError || !document.isObject()
        || root.value(QStringLiteral("format")).toString() != Format)
        return BilingualText{QStringLiteral("不是 BudgetDesk 监控列表（JSON，format 为 budgetdesk-watchlist）。"),
                             QStringLiteral("Not a BudgetDesk watchlist (JSON with format budgetdesk-watchlist).")};
    if (root.value(QStringLiteral("version")).toInt() != 1)
        return BilingualText{QStringLiteral("监控列表的版本不受支持（只支持 1）。"),
                             QStringLiteral("Unsupported watchlist version (only 1 is read).")};
    const QJsonArray batches = root.value(QStringLiteral("batches")).toArray();
    if (batches.size() > MaximumBatches)
        return BilingualText{QStringLiteral("监控列表超过 %1 个批次。").arg(MaximumBatches),
                             QStringLiteral("The watchlist has more than %1 batches.").arg(MaximumBatches)};
    Watchlist list;
    for (int i = 0; i < batches.size(); ++i) {
        const QJsonObject entry = batches.at(i).toObject();
        const std::optional<CouponFamily> family
            = StockKey::familyFromName(entry.value(QStringLiteral("family")).toString());
        if (!family)
            return entryProblem(i, QStringLiteral("family 应为 busifavor 或 product_coupon。"),
                                QStringLiteral("family must be busifavor or product_coupon."));
        WatchedBatch batch;
        batch.key = {*family, entry.value(QStringLiteral("stock_id")).toString(),
                     entry.value(QStringLiteral("product_coupon_id")).toString(),
                     entry.value(QStringLiteral("brand_id")).toString()};
        if (!StockKey::isValidStockId(*family, batch.key.stockId))
            return entryProblem(i, QStringLiteral("stock_id 无效。"), QStringLiteral("stock_id is not valid."));
        if (batch.key.isProductCoupon() && !ProductCouponApi::isValidProductCouponId(batch.key.productCouponId))
            return entryProblem(i, QStringLiteral("product_coupon_id 无效。"),
                                QStringLiteral("product_coupon_id is not valid."));
        if (!batch.key.isProductCoupon() && !batch.key.productCouponId.isEmpty())
            return entryProblem(i, QStringLiteral("商家券批次不应有 product_coupon_id。"),
                                QStringLiteral("a busifavor batch has no product_coupon_id."));
        if (!batch.key.brandId.isEmpty()
            && (!batch.key.isProductCoupon() || !ProductCouponApi::isValidBrandId(batch.key.brandId)))
            return entryProblem(i, QStringLiteral("brand_id 无效。"), QStringLiteral("brand_id is not valid."));
        batch.name = entry.value(QStringLiteral("name")).toString();
        if (batch.name.size() > MaximumNameLength)
            return entryProblem(i, QStringLiteral("name 超过 %1 个字符。").arg(MaximumNameLength),
                                QStringLiteral("name is longer than %1 characters.").arg(MaximumNameLength));
        const bool hasPercent = entry.contains(QStringLiteral("low_percent"));
        const bool hasHours = entry.contains(QStringLiteral("low_hours"));
        if (hasPercent || hasHours) {
            LowThresholds thresholds;
            thresholds.percent = entry.value(QStringLiteral("low_percent")).toDouble(thresholds.percent);
            thresholds.hours = entry.value(QStringLiteral("low_hours")).toDouble(thresholds.hours);
            if (!thresholds.isValid())
                return entryProblem(i, QStringLiteral("low_percent 应在 0–100，low_hours 应在 0–8784。"),
                                    QStringLiteral("low_percent must be 0–100 and low_hours 0–8784."));
            batch.thresholds = thresholds;
        }
        if (!list.add(batch))
            return entryProblem(i, QStringLiteral("与前面的某一项是同一批次。"),
                                QStringLiteral("the same batch as an earlier entry."));
    }
    return list;
}

Result<Watchlist, BilingualText> Watchlist::load(const QString &path)
{
    auto content = SmallFile::read(path, MaximumFileBytes, What);
    if (!content)
        return content.error();
    if (!*content)
        return Watchlist();
    return fromJson(**content);
}

std::optional<BilingualText> Watchlist::save(const QString &path) const
{
    return SmallFile::write(path, toJson(), What);
}

QString Watchlist::profileDigest(const QString &profileName)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(profileName.toUtf8(), QCryptographicHash::Sha256).toHex().left(16));
}

QString Watchlist::pathFor(const QString &folder, const QString &profileName)
{
    return QDir(folder).filePath(QStringLiteral("watchlist-%1.json").arg(profileDigest(profileName)));
}

} // namespace budgetdesk
