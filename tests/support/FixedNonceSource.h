#pragma once

#include "auth/NonceSource.h"

namespace budgetdesk::test {

// Hands out the same nonce every time, to replay recorded vectors.
class FixedNonceSource final : public NonceSource
{
public:
    explicit FixedNonceSource(QByteArray nonce)
        : m_nonce(std::move(nonce))
    { }
    QByteArray nextNonce() override { return m_nonce; }

private:
    QByteArray m_nonce;
};

} // namespace budgetdesk::test
