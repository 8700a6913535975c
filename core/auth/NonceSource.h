#pragma once

#include <QByteArray>

namespace budgetdesk {

// Where request nonces come from. Injected so tests can replay the official vectors.
class NonceSource
{
public:
    virtual ~NonceSource() = default;
    virtual QByteArray nextNonce() = 0;
};

// 32 characters from [0-9A-Za-z], drawn from OpenSSL's CSPRNG without modulo bias, the
// shape every official SDK uses.
class SecureNonceSource final : public NonceSource
{
public:
    static constexpr int Length = 32;
    QByteArray nextNonce() override;
};

} // namespace budgetdesk
