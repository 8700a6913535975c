#include "auth/HttpHeaders.h"

namespace budgetdesk {

std::optional<QByteArray> findHeader(const HttpHeaders &headers, QByteArrayView name)
{
    for (const auto &[headerName, value] : headers) {
        if (headerName.compare(name, Qt::CaseInsensitive) == 0)
            return value.trimmed();
    }
    return std::nullopt;
}

} // namespace budgetdesk
