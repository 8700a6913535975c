#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

#include <optional>

namespace budgetdesk {

// Raw response headers in the order received: the shape of QNetworkReply::rawHeaderPairs().
using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

// The first header named `name` (HTTP names are case-insensitive), with surrounding
// whitespace removed; nullopt when absent.
std::optional<QByteArray> findHeader(const HttpHeaders &headers, QByteArrayView name);

} // namespace budgetdesk
