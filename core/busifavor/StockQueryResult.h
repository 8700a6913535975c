#pragma once

#include "auth/ResponseVerification.h"
#include "busifavor/StockDetails.h"
#include "errors/ApiError.h"
#include "errors/NetworkFailure.h"
#include "http/SignedExchange.h"

#include <QMetaType>

#include <optional>

namespace budgetdesk {

// The end of a lookup: a verified stock, or exactly one reason there is none.
struct StockQueryResult
{
    enum class Kind {
        Verified,
        Rejected, // error: a non-2xx answer
        NotVerified, // verification: a 2xx whose signature failed (or whose body was no stock)
        NetworkFailed, // failure
    };

    Kind kind = Kind::NetworkFailed;
    std::optional<StockDetails> stock;
    std::optional<ApiError> error;
    std::optional<ResponseVerification> verification;
    std::optional<NetworkFailure> failure;
    QList<ExchangeAttempt> attempts;

    bool isVerified() const { return kind == Kind::Verified; }
    static StockQueryResult fromExchange(const ExchangeResult &exchange);
    BilingualText summary() const; // one line, for logs and the CLI
};

} // namespace budgetdesk

Q_DECLARE_METATYPE(budgetdesk::StockQueryResult)
