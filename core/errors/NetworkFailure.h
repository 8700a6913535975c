#pragma once

#include "errors/ErrorExplanation.h"

#include <QString>

namespace budgetdesk {

// A request that got no HTTP answer, and whether it might still have reached WeChat Pay.
struct NetworkFailure
{
    enum class Kind {
        HostNotFound, // DNS
        ConnectionRefused,
        TlsHandshake, // includes an untrusted or wrong certificate
        TimeoutBeforeSending,
        TimeoutAfterSending,
        ClosedBeforeSending, // the server closed the connection before the request went out
        ClosedAfterSending, // the connection dropped after the request went out
        Cancelled, // by the user
        Other,
    };

    Kind kind = Kind::Other;
    QString detail; // Qt's own description, for the log

    // False only when the request certainly did not reach the server.
    bool mayHaveBeenDelivered() const
    {
        return kind == Kind::TimeoutAfterSending || kind == Kind::ClosedAfterSending || kind == Kind::Cancelled
            || kind == Kind::Other;
    }
    // Connection-level failures that justify the backup domain (PROTOCOL.md §6).
    bool allowsFailover() const { return kind != Kind::Cancelled; }

    ErrorExplanation explanation() const;
    static QString kindName(Kind kind); // stable, for --json and the audit log
};

} // namespace budgetdesk
