#pragma once

#include <QByteArray>
#include <QString>

namespace budgetdesk::test {

// The `openssl` command line, as a signer and verifier that shares no code with BudgetDesk:
// a bug common to core/auth and the simulator cannot hide from it.
QByteArray opensslSign(const QString &privateKeyPemFile, const QByteArray &message);
bool opensslVerify(const QString &publicKeyPemFile, const QByteArray &message, const QByteArray &signature);

} // namespace budgetdesk::test
