#include "simulator/StockListPageToken.h"

#include <QMessageAuthenticationCode>
#include <QtEndian>

namespace budgetdesk::sim {

namespace {

constexpr qsizetype OffsetBytes = 4;
constexpr qsizetype MacBytes = 12; // 16 bytes in all: 24 Base64 characters, the last two "=="

} // namespace

QByteArray StockListPageToken::mac(const QByteArray &query, const QByteArray &offset) const
{
    return QMessageAuthenticationCode::hash(query + '\n' + offset, m_key, QCryptographicHash::Sha256).left(MacBytes);
}

QByteArray StockListPageToken::issue(const QByteArray &query, qint64 offset) const
{
    QByteArray bytes(OffsetBytes, Qt::Uninitialized);
    qToBigEndian(quint32(offset), bytes.data());
    return (bytes + mac(query, bytes)).toBase64();
}

std::optional<qint64> StockListPageToken::redeem(const QByteArray &query, const QByteArray &token) const
{
    const auto result = QByteArray::fromBase64Encoding(token, QByteArray::AbortOnBase64DecodingErrors);
    const QByteArray &decoded = result.decoded;
    if (!result || decoded.size() != OffsetBytes + MacBytes || decoded.toBase64() != token)
        return std::nullopt;
    const QByteArray offset = decoded.left(OffsetBytes);
    if (decoded.mid(OffsetBytes) != mac(query, offset))
        return std::nullopt;
    return qint64(qFromBigEndian<quint32>(offset.constData()));
}

} // namespace budgetdesk::sim
