#pragma once

#include <QByteArray>

#include <optional>

namespace budgetdesk::sim {

// The list endpoint's `page_token`/`next_page_token` (PRODUCT_COUPON.md §6): opaque Base64 as
// the real ones look (`MTIzMjUK`), ending in `==` so that a client which forgets to
// percent-encode it is caught. It carries the offset of the next page and a MAC over the
// query it continues, so a forged token, or one carried over to another query, is refused.
class StockListPageToken
{
public:
    explicit StockListPageToken(QByteArray key)
        : m_key(std::move(key))
    { }

    // `query` names what the pages list: caller, product coupon and filters.
    QByteArray issue(const QByteArray &query, qint64 offset) const;
    // The offset it continues at; nullopt when it was not issued for `query`.
    std::optional<qint64> redeem(const QByteArray &query, const QByteArray &token) const;

private:
    QByteArray mac(const QByteArray &query, const QByteArray &offset) const;

    QByteArray m_key;
};

} // namespace budgetdesk::sim
