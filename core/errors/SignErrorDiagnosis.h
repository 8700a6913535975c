#pragma once

#include "common/BilingualText.h"

#include <QByteArray>
#include <optional>

namespace budgetdesk {

// Explains a SIGN_ERROR by comparing the string BudgetDesk signed with the one WeChat Pay
// says it checked (`truncated_sign_message`), line by line: method, URL, timestamp, nonce,
// body.
class SignErrorDiagnosis
{
public:
    enum class Finding {
        NoServerMessage, // the answer carried no signing string to compare
        StringsMatch, // same string: the key does not belong to the serial/merchant
        MethodDiffers,
        UrlDiffers,
        TimestampDiffers,
        NonceDiffers,
        BodyDiffers, // signed bytes ≠ sent bytes (re-serialised JSON, a stray newline…)
    };

    static SignErrorDiagnosis compare(const QByteArray &ours, const QByteArray &servers,
                                      std::optional<qint64> clockOffsetSeconds = std::nullopt);

    Finding finding() const { return m_finding; }
    const QByteArray &ours() const { return m_ours; }
    const QByteArray &servers() const { return m_servers; }
    // Where the strings part, in bytes; -1 when they do not.
    qsizetype firstDifference() const { return m_firstDifference; }
    BilingualText text() const;

private:
    Finding m_finding = Finding::NoServerMessage;
    QByteArray m_ours;
    QByteArray m_servers;
    qsizetype m_firstDifference = -1;
    std::optional<qint64> m_clockOffset;
};

} // namespace budgetdesk
