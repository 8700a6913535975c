#pragma once

#include "errors/ErrorExplanation.h"

#include <QString>

namespace budgetdesk {

// A request that got no (usable) HTTP answer, and whether it might still have reached
// WeChat Pay.
struct NetworkFailure
{
    enum class Kind {
        HostNotFound, // DNS
        ConnectionRefused,
        TlsUntrusted, // the server's certificate chain is not trusted
        TlsHostMismatch, // the certificate is for another host name
        TlsExpired, // expired or not yet valid
        TlsHandshake, // any other TLS failure
        TimeoutBeforeSending,
        TimeoutAfterSending,
        ClosedBeforeSending, // the server closed the connection before the request went out
        ClosedAfterSending, // the connection dropped after the request went out
        AnswerTooLarge, // the answer went past the size BudgetDesk reads
        MalformedAnswer, // the answer is not HTTP
        Cancelled, // by the user
        Other,
    };

    // Which text fits: a lookup never talks about a change.
    enum class Context { Change, Lookup };

    Kind kind = Kind::Other;
    QString detail; // Qt's or the parser's own description, for the log
    bool sent = false; // the whole request left this computer
    QString domain; // the host that was being reached

    // False only when the request certainly did not reach the server.
    bool mayHaveBeenDelivered() const;
    // Sent, and no (usable) answer arrived: WeChat Pay may still be working on it, so a lookup
    // that shows nothing changed yet does not prove it never will.
    bool mayStillBeInFlight() const;
    // Connection-level failures that justify the backup domain (PROTOCOL.md §6). A TLS
    // failure is not one: the same interception or clock problem would meet the backup too,
    // and the primary's reason must not be hidden behind the backup's.
    bool allowsFailover() const;
    bool isTls() const;

    ErrorExplanation explanation(Context context = Context::Change) const;
    static QString kindName(Kind kind); // stable, for --json and the audit log
    QString name() const { return kindName(kind); }
};

} // namespace budgetdesk
