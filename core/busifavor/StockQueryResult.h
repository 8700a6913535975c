#pragma once

#include "auth/ResponseVerification.h"
#include "busifavor/StockDetails.h"
#include "errors/ApiError.h"
#include "errors/NetworkFailure.h"
#include "http/SignedExchange.h"

#include <QMetaType>

#include <optional>

namespace budgetdesk {

// The end of a lookup: a verified, usable batch, or exactly one reason there is none.
struct StockQueryResult
{
    enum class Kind {
        Verified,
        Rejected, // error: a 4xx/5xx answer (error->verified says whether it was signed)
        NotVerified, // verification: a 2xx whose signature failed
        Unusable, // problem: a verified 2xx that is not this batch, or a field of the wrong type;
                  // or an answer no API gives (a redirect)
        NetworkFailed, // failure
        SigningFailed, // problem: the request could not be signed; nothing was sent
    };

    Kind kind = Kind::NetworkFailed;
    QString stockId; // the batch asked about
    StockKey key;
    std::optional<StockDetails> stock;
    std::optional<ApiError> error;
    std::optional<ResponseVerification> verification;
    std::optional<NetworkFailure> failure;
    BilingualText problem;
    QList<ExchangeAttempt> attempts;

    bool isVerified() const { return kind == Kind::Verified; }
    static StockQueryResult fromExchange(const ExchangeResult &exchange, const StockKey &key);
    // How the exchange ended, up to its body: Verified means a verified 2xx whose body the
    // caller reads (a list page, a group) — or any other kind, with its reason.
    static StockQueryResult fromAnswer(const ExchangeResult &exchange, const StockKey &key);
    BilingualText summary() const; // one line, for logs and the CLI; never about a change
};

} // namespace budgetdesk

Q_DECLARE_METATYPE(budgetdesk::StockQueryResult)
